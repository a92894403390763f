/**
 * Creating cases and managing who is on them. An administrator creates a case with its first
 * facilitator (and sees no case data otherwise); the case's facilitators add and remove members.
 * Removing someone ends their access at once: the sync server closes their board sockets
 * (`access-changed`).
 */
import { and, asc, eq, isNotNull, lte, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { first, transaction, type Db } from './db/client';
import { caseMembers, cases, meetings, users } from './db/tables';
import { CASE_ROLES, type CaseRole } from './db/schema';
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

async function userByEmail(db: Db, address: string) {
	return await db.select().from(users).where(eq(users.email, address)).limit(1).then(first);
}

/** Creates a case with its first facilitator; returns its id. */
export async function createCase(db: Db, input: unknown): Promise<string> {
	const values = parse(newCaseSchema, input);
	const facilitator = await userByEmail(db, values.facilitatorEmail);
	if (!facilitator || facilitator.disabledAt)
		throw new InputError({ facilitatorEmail: 'Der er ingen aktiv bruger med den e-mail.' });
	if (
		await db
			.select({ id: cases.id })
			.from(cases)
			.where(eq(cases.reference, values.reference))
			.limit(1)
			.then(first)
	)
		throw new InputError({ reference: 'Der findes allerede en sag med det journalnummer.' });
	const id = randomId();
	await transaction(db, async (tx) => {
		await tx.insert(cases).values({ id, title: values.title, reference: values.reference });
		await tx
			.insert(caseMembers)
			.values({ caseId: id, userId: facilitator.id, role: 'facilitator', title: '' });
	});
	return id;
}

/** Adds a user to a case (or changes their role and title); returns the user's id. */
export async function addMember(db: Db, caseId: string, input: unknown): Promise<string> {
	const values = parse(memberSchema, input);
	const user = await userByEmail(db, values.email);
	if (!user || user.disabledAt)
		throw new InputError({ email: 'Der er ingen aktiv bruger med den e-mail.' });
	await db
		.insert(caseMembers)
		.values({ caseId, userId: user.id, role: values.role, title: values.title })
		.onConflictDoUpdate({
			target: [caseMembers.caseId, caseMembers.userId],
			set: { role: values.role, title: values.title }
		});
	publish({ type: 'access-changed', caseId });
	return user.id;
}

/** Removes a member; the last facilitator stays (someone must be able to run the case). */
export async function removeMember(db: Db, caseId: string, userId: string): Promise<CaseRole> {
	const member = await db
		.select()
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
		.limit(1)
		.then(first);
	if (!member) throw new InputError({ _: 'Personen er ikke med på sagen.' });
	if (member.role === 'facilitator') {
		const facilitators = await db
			.select()
			.from(caseMembers)
			.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.role, 'facilitator')));
		if (facilitators.length <= 1)
			throw new InputError({ _: 'Sagen skal have mindst én tovholder.' });
	}
	await db
		.delete(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)));
	publish({ type: 'access-changed', caseId });
	return member.role;
}

/**
 * Closes a case (the facilitator, when the municipality's work with the family ends): nothing on
 * it changes, and the retention period counts from now. A case with a meeting running is not
 * closed. Reopening clears the date.
 */
export async function setCaseClosed(
	db: Db,
	caseId: string,
	closed: boolean,
	now = new Date()
): Promise<void> {
	if (closed) {
		const live = await db
			.select({ id: meetings.id })
			.from(meetings)
			.where(and(eq(meetings.caseId, caseId), eq(meetings.status, 'live')))
			.limit(1)
			.then(first);
		if (live) throw new InputError({ _: 'Afslut det igangværende møde, før sagen lukkes.' });
	}
	// Closing a closed case keeps the day it was closed: the retention period counts from there.
	await db
		.update(cases)
		.set({
			closedAt: closed ? sql`coalesce(${cases.closedAt}, ${sql.param(now, cases.closedAt)})` : null
		})
		.where(eq(cases.id, caseId));
	publish({ type: 'access-changed', caseId });
}

/** How many years a closed case is kept before it comes up for review (`RETENTION_YEARS`, default 5). */
export function retentionYears(): number {
	const years = Number(process.env.RETENTION_YEARS);
	return Number.isFinite(years) && years > 0 ? years : 5;
}

export interface RetentionEntry {
	id: string;
	reference: string | null;
	closedAt: Date;
}

/**
 * Cases closed longer than `years` ago, oldest first: what the administrator reviews for erasure.
 * Only the journal number and the dates – the administrator sees no case content.
 */
export async function casesDueForReview(db: Db, years = retentionYears(), now = new Date()) {
	const before = new Date(now);
	before.setFullYear(before.getFullYear() - Math.floor(years));
	before.setMonth(before.getMonth() - Math.round((years % 1) * 12));
	return (await db
		.select({ id: cases.id, reference: cases.reference, closedAt: cases.closedAt })
		.from(cases)
		.where(and(isNotNull(cases.closedAt), lte(cases.closedAt, before)))
		.orderBy(asc(cases.closedAt))) as RetentionEntry[];
}
