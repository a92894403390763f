/**
 * The parents' choice of who should attend a meeting, and their wishes for place and time
 * (PRODUCT.md situation 3, issue 11).
 *
 * Candidates are the case's professionals (from case membership) and the people around the
 * children (the board's `people`, the pool the network map and genogram show), grouped "Familie
 * og netværk" and "Fagpersoner", each with one plain sentence on why that role could be there.
 * The facilitator marks a few as needed (with the reason the parent reads); a parent cannot leave
 * them out. A parent taking part writes their own choice until the meeting starts; every saved
 * version is kept, so the facilitator sees what changed since they last looked.
 */
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { first, transaction, type Db } from './db/client';
import {
	caseMembers,
	choiceViews,
	neededParticipants,
	participantChoiceHistory,
	participantChoices,
	users
} from './db/tables';
import { type CaseRole, type Meeting } from './db/schema';
import { readBoardDoc } from '$server/persistence/read';
import { readPeople } from '../board/doc';
import { initials } from '../tools/people';
import { InputError, parse, requiredText } from './validation';

export const MAX_CHOSEN = 50;
export const MAX_WISHES = 1000;

export const choiceInputSchema = v.object(
	{
		chosen: v.pipe(
			v.array(
				v.pipe(
					v.string('Hver valgt person angives med sit id.'),
					v.maxLength(64, 'Et person-id er for langt.')
				),
				'Vælg personerne som en liste.'
			),
			v.maxLength(MAX_CHOSEN, `Der kan højst vælges ${MAX_CHOSEN} personer.`)
		),
		wishes: v.optional(
			v.pipe(
				v.string('Ønskerne skal være tekst.'),
				v.trim(),
				v.maxLength(MAX_WISHES, `Ønskerne må højst være ${MAX_WISHES} tegn.`)
			),
			''
		)
	},
	'Send valget som et JSON-objekt med "chosen".'
);

export const neededInputSchema = v.object(
	{
		candidateId: v.pipe(v.string('Vælg en person.'), v.minLength(1, 'Vælg en person.')),
		reason: requiredText('Begrundelsen', 300)
	},
	'Send som et JSON-objekt med "candidateId" og "reason".'
);

export type CandidateGroup = 'family' | 'professional';

export interface Candidate {
	/** A person id of the board's `people`, or `user:<userId>` for a member without one. */
	personId: string;
	userId: string | null;
	name: string;
	initials: string;
	/** Relation or professional title, as written ("mormor", "familiebehandler"). */
	relation: string | null;
	group: CandidateGroup;
	/** One plain sentence on why someone in this role could be there. */
	why: string;
	/** Marked as needed by the facilitator: the parent reads why and cannot leave them out. */
	needed: string | null;
	/** Part of the placement (the foster family): sees the goals only with consent. */
	placement: boolean;
}

const WHY: [RegExp, string][] = [
	[
		/myndighed|rådgiver|sagsbehandler/i,
		'Rådgiveren har ansvaret for sagen og jeres plan, og kan svare på spørgsmål om anbringelsen.'
	],
	[
		/familiebehandler/i,
		'Familiebehandleren støtter dig i at nå dine mål og kan hjælpe dig med at sige det, du gerne vil.'
	],
	[
		/familieplejekonsulent|anbringelseskonsulent|plejekonsulent/i,
		'Familieplejekonsulenten støtter plejefamilien og kan fortælle om børnenes hverdag der.'
	],
	[
		/samvær/i,
		'Samværskonsulenten kender jeres samvær og kan være med til at finde ud af, hvad der virker.'
	],
	[
		/støtteperson|§\s*54/i,
		'Din støtteperson er på din side og kan være med, så du ikke står alene.'
	],
	[/sundhedsplejerske|læge/i, 'Kan fortælle om børnenes sundhed og trivsel.'],
	[
		/lærer|skole|pædagog|børnehave|vuggestue|dagtilbud|sfo/i,
		'Kender børnene fra hverdagen i skole eller dagtilbud og kan fortælle, hvordan de har det der.'
	],
	[
		/pleje|anbringelsessted|opholdssted|institution/i,
		'Plejefamilien har børnene i hverdagen og kan fortælle, hvordan de har det.'
	],
	[
		/barn|anbragt|søn|datter/i,
		'Børn kan være med til en del af mødet, hvis det er godt for dem. Tal med rådgiveren om det.'
	],
	[
		/^(mor|far)$/i,
		'Børnenes anden forælder. Du bestemmer sammen med rådgiveren, om I er med på samme møde.'
	],
	[
		/mormor|morfar|farmor|farfar|bedste|moster|faster|onkel|tante|søster|bror|kusine|fætter/i,
		'Familien omkring jer kan hjælpe og støtte – også efter mødet.'
	],
	[/ven|nabo|kollega/i, 'En af jeres nærmeste, som kan hjælpe og støtte – også efter mødet.']
];

/** Why someone in this role could come to the meeting, in one plain sentence. */
export function whyCome(relation: string | null, group: CandidateGroup): string {
	for (const [pattern, text] of WHY) if (relation && pattern.test(relation)) return text;
	return group === 'professional'
		? 'En fagperson, der arbejder med jeres sag.'
		: 'En af de mennesker omkring jer, som kan hjælpe og støtte.';
}

const PLACEMENT = /pleje(familie|mor|far|forældre)|anbringelsessted|opholdssted|døgninstitution/i;

interface Member {
	userId: string;
	name: string;
	role: CaseRole;
	title: string;
}

async function caseMembersOf(db: Db, caseId: string): Promise<Member[]> {
	return await db
		.select({
			userId: caseMembers.userId,
			name: users.name,
			role: caseMembers.role,
			title: caseMembers.title
		})
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.where(eq(caseMembers.caseId, caseId));
}

/** The needed participants of a meeting: candidate id → reason. */
export async function neededOf(db: Db, meetingId: string): Promise<Map<string, string>> {
	return new Map(
		(
			await db.select().from(neededParticipants).where(eq(neededParticipants.meetingId, meetingId))
		).map((r) => [r.candidateId, r.reason])
	);
}

/**
 * Everyone a parent can choose for `meeting`: the living people on its board and the case's
 * professionals, foster family and parents without a person there; `exceptUserId` leaves out the
 * person who is that user (a parent does not choose themself). Family first, then by name.
 */
export async function candidatesFor(
	db: Db,
	meeting: Meeting,
	exceptUserId?: string
): Promise<Candidate[]> {
	const members = await caseMembersOf(db, meeting.caseId);
	const byUser = new Map(members.map((m) => [m.userId, m]));
	const needed = await neededOf(db, meeting.id);
	const people = await readBoardDoc(db, meeting.boardId, readPeople);
	const out: Candidate[] = [];
	const linked = new Set<string>();
	const add = (
		personId: string,
		userId: string | null,
		name: string,
		relation: string | null,
		group: CandidateGroup,
		placement: boolean
	) =>
		out.push({
			personId,
			userId,
			name,
			initials: initials(name),
			relation,
			group,
			why: whyCome(relation, group),
			needed: needed.get(personId) ?? null,
			placement
		});
	for (const p of people) {
		if (p.userId) linked.add(p.userId);
		// Nobody chooses themself, and people who have died are on the genogram, not at meetings.
		if ((exceptUserId && p.userId === exceptUserId) || p.deathYear != null || p.deceased) continue;
		const member = p.userId ? byUser.get(p.userId) : undefined;
		const relation = p.relation ?? p.title ?? member?.title ?? null;
		const professional =
			member?.role === 'facilitator' ||
			member?.role === 'professional' ||
			(!!p.title && !p.relation);
		add(
			p.id,
			p.userId ?? null,
			p.name,
			relation,
			professional ? 'professional' : 'family',
			member?.role === 'foster' || PLACEMENT.test(relation ?? '')
		);
	}
	for (const m of members) {
		if (linked.has(m.userId) || m.userId === exceptUserId) continue;
		const professional = m.role === 'facilitator' || m.role === 'professional';
		add(
			`user:${m.userId}`,
			m.userId,
			m.name,
			m.title || null,
			professional ? 'professional' : 'family',
			m.role === 'foster'
		);
	}
	return out.sort(
		(a, b) =>
			(a.group === b.group ? 0 : a.group === 'family' ? -1 : 1) ||
			a.name.localeCompare(b.name, 'da')
	);
}

export async function readChoices(db: Db, meetingId: string, onlyUserId?: string) {
	return (
		await db
			.select({
				userId: participantChoices.userId,
				name: users.name,
				chosen: participantChoices.chosen,
				wishes: participantChoices.wishes,
				updatedAt: participantChoices.updatedAt
			})
			.from(participantChoices)
			.innerJoin(users, eq(users.id, participantChoices.userId))
			.where(
				onlyUserId
					? and(
							eq(participantChoices.meetingId, meetingId),
							eq(participantChoices.userId, onlyUserId)
						)
					: eq(participantChoices.meetingId, meetingId)
			)
	).map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() }));
}

/**
 * Validates and stores a parent's choice (and a version of it in the history). Unknown people,
 * or a needed participant left out, are refused and nothing changes.
 */
export async function saveChoice(
	db: Db,
	meetingId: string,
	userId: string,
	input: unknown,
	candidates: Candidate[],
	now = new Date()
) {
	const { chosen, wishes } = parse(choiceInputSchema, input);
	const known = new Map(candidates.map((c) => [c.personId, c]));
	const unique = [...new Set(chosen)];
	if (unique.some((id) => !known.has(id)))
		throw new InputError({ chosen: 'En af de valgte personer findes ikke på mødetavlen.' });
	const missing = candidates.find((c) => c.needed && !unique.includes(c.personId));
	if (missing)
		throw new InputError({
			chosen: `${missing.name} skal være med til mødet: ${missing.needed} Det kan ikke fravælges.`
		});
	return transaction(db, async (tx) => {
		await tx
			.insert(participantChoices)
			.values({ meetingId, userId, chosen: unique, wishes, updatedAt: now })
			.onConflictDoUpdate({
				target: [participantChoices.meetingId, participantChoices.userId],
				set: { chosen: unique, wishes, updatedAt: now }
			});
		await tx
			.insert(participantChoiceHistory)
			.values({ meetingId, userId, chosen: unique, wishes, createdAt: now });
		return { chosen: unique, wishes, updatedAt: now.toISOString() };
	});
}

/**
 * Saves a parent's choice for a meeting that has not started, checked against the candidates
 * other than the parent herself. The caller has checked that `userId` is a parent taking part.
 * Bad input throws InputError and changes nothing.
 */
export async function saveParticipantChoice(
	db: Db,
	meeting: Meeting,
	userId: string,
	input: unknown
) {
	if (meeting.status !== 'planned')
		throw new InputError({
			_:
				meeting.status === 'live'
					? 'Mødet er gået i gang, så valget kan ikke ændres længere.'
					: 'Mødet er holdt, så valget kan ikke ændres.'
		});
	return await saveChoice(db, meeting.id, userId, input, await candidatesFor(db, meeting, userId));
}

/** Marks a candidate as needed at the meeting (facilitator), with the reason the parent reads. */
export async function markNeeded(db: Db, meeting: Meeting, input: unknown, by: string) {
	const { candidateId, reason } = parse(neededInputSchema, input);
	if (meeting.status === 'ended') throw new InputError({ _: 'Mødet er afsluttet.' });
	const candidate = (await candidatesFor(db, meeting)).find((c) => c.personId === candidateId);
	if (!candidate)
		throw new InputError({ candidateId: 'Personen findes ikke blandt mødets mulige deltagere.' });
	await db
		.insert(neededParticipants)
		.values({ meetingId: meeting.id, candidateId, reason, createdBy: by, createdAt: new Date() })
		.onConflictDoUpdate({
			target: [neededParticipants.meetingId, neededParticipants.candidateId],
			set: { reason }
		});
	return { candidate, reason };
}

export async function unmarkNeeded(
	db: Db,
	meetingId: string,
	candidateId: string
): Promise<boolean> {
	return (
		(
			await db
				.delete(neededParticipants)
				.where(
					and(
						eq(neededParticipants.meetingId, meetingId),
						eq(neededParticipants.candidateId, candidateId)
					)
				)
				.returning({ one: sql`1` })
		).length > 0
	);
}

export interface ChoiceChange {
	added: string[];
	removed: string[];
	wishesChanged: boolean;
	/** The parent chose for the first time since the viewer last looked. */
	first: boolean;
}

/**
 * What changed in each parent's choice since `viewerId` last looked (null when nothing did),
 * then records that they looked now.
 */
export async function changesSinceLastLook(
	db: Db,
	meetingId: string,
	viewerId: string,
	now = new Date()
): Promise<Map<string, ChoiceChange | null>> {
	const seen = await db
		.select()
		.from(choiceViews)
		.where(and(eq(choiceViews.meetingId, meetingId), eq(choiceViews.userId, viewerId)))
		.limit(1)
		.then(first);
	const out = new Map<string, ChoiceChange | null>();
	for (const choice of await readChoices(db, meetingId)) {
		if (!seen) {
			out.set(choice.userId, null);
			continue;
		}
		const newer = await db
			.select({ id: participantChoiceHistory.id })
			.from(participantChoiceHistory)
			.where(
				and(
					eq(participantChoiceHistory.meetingId, meetingId),
					eq(participantChoiceHistory.userId, choice.userId),
					gt(participantChoiceHistory.createdAt, seen.seenAt)
				)
			)
			.limit(1)
			.then(first);
		if (!newer) {
			out.set(choice.userId, null);
			continue;
		}
		const before = await db
			.select()
			.from(participantChoiceHistory)
			.where(
				and(
					eq(participantChoiceHistory.meetingId, meetingId),
					eq(participantChoiceHistory.userId, choice.userId),
					lte(participantChoiceHistory.createdAt, seen.seenAt)
				)
			)
			.orderBy(desc(participantChoiceHistory.createdAt), desc(participantChoiceHistory.id))
			.limit(1)
			.then(first);
		const was = new Set(before?.chosen ?? []);
		const is = new Set(choice.chosen);
		out.set(choice.userId, {
			added: choice.chosen.filter((id) => !was.has(id)),
			removed: [...was].filter((id) => !is.has(id)),
			wishesChanged: (before?.wishes ?? '') !== choice.wishes,
			first: !before
		});
	}
	await db
		.insert(choiceViews)
		.values({ meetingId, userId: viewerId, seenAt: now })
		.onConflictDoUpdate({
			target: [choiceViews.meetingId, choiceViews.userId],
			set: { seenAt: now }
		});
	return out;
}

/** Every saved version of the parents' choices, oldest first (for tests and the audit trail). */
export async function choiceHistory(db: Db, meetingId: string) {
	return await db
		.select()
		.from(participantChoiceHistory)
		.where(eq(participantChoiceHistory.meetingId, meetingId))
		.orderBy(asc(participantChoiceHistory.id));
}
