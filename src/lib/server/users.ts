/** Administering user accounts: create, disable, enable, reset password. Admin only. */
import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { returned, first, type Db } from './db/client';
import { users } from './db/tables';
import { hashPassword, MIN_PASSWORD_LENGTH } from './auth/password';
import { invalidateUserSessions } from './auth/session';
import { normalizeEmail } from './auth/login';
import { randomId } from './ids';
import { InputError, parse, requiredText } from './validation';
import { publish } from './events';

const password = v.pipe(
	v.string('Skriv en adgangskode.'),
	v.minLength(MIN_PASSWORD_LENGTH, `Adgangskoden skal være mindst ${MIN_PASSWORD_LENGTH} tegn.`),
	v.maxLength(200, 'Adgangskoden må højst være 200 tegn.')
);

export const newUserSchema = v.object({
	name: requiredText('Navn', 100),
	email: v.pipe(
		v.string('Skriv en e-mail.'),
		v.trim(),
		v.nonEmpty('Skriv en e-mail.'),
		v.maxLength(254, 'E-mailen er for lang.'),
		v.email('E-mailen ser ikke rigtig ud.')
	),
	password,
	isAdmin: v.optional(v.boolean(), false)
});

export async function listUsers(db: Db) {
	return db
		.select({
			id: users.id,
			name: users.name,
			email: users.email,
			isAdmin: users.isAdmin,
			disabledAt: users.disabledAt
		})
		.from(users)
		.orderBy(asc(users.name));
}

export async function createUser(db: Db, input: unknown) {
	const data = parse(newUserSchema, input);
	const email = normalizeEmail(data.email);
	if (
		await db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1).then(first)
	)
		throw new InputError({ email: 'Der findes allerede en bruger med den e-mail.' });
	const passwordHash = await hashPassword(data.password);
	return db
		.insert(users)
		.values({ id: randomId(), name: data.name, email, passwordHash, isAdmin: data.isAdmin })
		.returning({ id: users.id, name: users.name })
		.then(returned);
}

export async function setDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
	await db
		.update(users)
		.set({ disabledAt: disabled ? new Date() : null })
		.where(eq(users.id, userId));
	if (disabled) {
		await invalidateUserSessions(db, userId);
		publish({ type: 'user-sessions-ended', userId });
	}
}

export async function resetPassword(db: Db, userId: string, newPassword: unknown): Promise<void> {
	const value = parse(password, newPassword);
	const passwordHash = await hashPassword(value);
	await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
	await invalidateUserSessions(db, userId);
	publish({ type: 'user-sessions-ended', userId });
}

export async function findUser(db: Db, userId: string) {
	return (
		(await db
			.select({ id: users.id, name: users.name })
			.from(users)
			.where(eq(users.id, userId))
			.limit(1)
			.then(first)) ?? null
	);
}
