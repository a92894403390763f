/**
 * Creating cases and managing who is on them. An administrator creates a case with its first
 * facilitator (and sees no case data otherwise); the case's facilitators add and remove members.
 * Removing someone ends their access at once: the sync server closes their board sockets
 * (`access-changed`).
 */
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import type { Db } from './db/client';
import { caseMembers, cases, CASE_ROLES, users, type CaseRole } from './db/schema';
import { publish } from './events';
import { randomId } from './ids';
import { InputError, parse } from './validation';

const email = v.pipe(
	v.string('Skriv en e-mail.'),
	v.trim(),
	v.toLowerCase(),
	v.nonEmpty('Skriv en e-mail.'),
	v.maxLength(254, 'E-mailen er for lang.')
);

const newCaseSchema = v.object({
	title: v.pipe(
		v.string('Skriv en titel.'),
		v.trim(),
		v.nonEmpty('Skriv en titel, fx børnenes fornavne.'),
		v.maxLength(200, 'Titlen må højst være 200 tegn.')
	),
	reference: v.pipe(
		v.string('Skriv journalnummeret.'),
		v.trim(),
		v.nonEmpty('Skriv sagens journalnummer.'),
		v.maxLength(100, 'Journalnummeret må højst være 100 tegn.')
	),
	facilitatorEmail: email
});

const memberSchema = v.object({
	email,
	role: v.picklist(CASE_ROLES, 'Vælg en rolle.'),
	title: v.pipe(v.string(), v.trim(), v.maxLength(100, 'Stillingen må højst være 100 tegn.'))
});

function userByEmail(db: Db, address: string) {
	return db.select().from(users).where(eq(users.email, address)).get();
}

/** Creates a case with its first facilitator; returns its id. */
export function createCase(db: Db, input: unknown): string {
	const values = parse(newCaseSchema, input);
	const facilitator = userByEmail(db, values.facilitatorEmail);
	if (!facilitator || facilitator.disabledAt)
		throw new InputError({ facilitatorEmail: 'Der er ingen aktiv bruger med den e-mail.' });
	if (db.select({ id: cases.id }).from(cases).where(eq(cases.reference, values.reference)).get())
		throw new InputError({ reference: 'Der findes allerede en sag med det journalnummer.' });
	const id = randomId();
	db.transaction((tx) => {
		tx.insert(cases).values({ id, title: values.title, reference: values.reference }).run();
		tx.insert(caseMembers)
			.values({ caseId: id, userId: facilitator.id, role: 'facilitator', title: '' })
			.run();
	});
	return id;
}

/** Adds a user to a case (or changes their role and title); returns the user's id. */
export function addMember(db: Db, caseId: string, input: unknown): string {
	const values = parse(memberSchema, input);
	const user = userByEmail(db, values.email);
	if (!user || user.disabledAt)
		throw new InputError({ email: 'Der er ingen aktiv bruger med den e-mail.' });
	db.insert(caseMembers)
		.values({ caseId, userId: user.id, role: values.role, title: values.title })
		.onConflictDoUpdate({
			target: [caseMembers.caseId, caseMembers.userId],
			set: { role: values.role, title: values.title }
		})
		.run();
	publish({ type: 'access-changed', caseId });
	return user.id;
}

/** Removes a member; the last facilitator stays (someone must be able to run the case). */
export function removeMember(db: Db, caseId: string, userId: string): CaseRole {
	const member = db
		.select()
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
		.get();
	if (!member) throw new InputError({ _: 'Personen er ikke med på sagen.' });
	if (member.role === 'facilitator') {
		const facilitators = db
			.select()
			.from(caseMembers)
			.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.role, 'facilitator')))
			.all();
		if (facilitators.length <= 1)
			throw new InputError({ _: 'Sagen skal have mindst én tovholder.' });
	}
	db.delete(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
		.run();
	publish({ type: 'access-changed', caseId });
	return member.role;
}
