/**
 * The parents' choice of who should attend a meeting, and their wishes for place and time.
 * Candidates are the people on the meeting's board (`people`), the pool the network map shows.
 * Parents taking part in the meeting write their own choice; the facilitator and professionals
 * read every parent's choice.
 */
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import * as Y from 'yjs';
import type { Db } from './db/client';
import { participantChoices, users, type Meeting } from './db/schema';
import { readBoardState } from '$server/persistence/sqlite-store';
import { readPeople } from '../board/doc';
import { InputError, parse } from './validation';

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

export interface Candidate {
	personId: string;
	name: string;
	relation: string | null;
}

/**
 * The living people on a board that a parent can choose from; `exceptUserId` leaves out the
 * person who is that user (a parent does not choose themself).
 */
export function candidatesOf(state: Uint8Array, exceptUserId?: string): Candidate[] {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const people = readPeople(doc)
		// Nobody chooses themself, and people who have died are on the genogram, not at meetings.
		.filter((p) => (!exceptUserId || p.userId !== exceptUserId) && p.deathYear == null)
		.map((p) => ({
			personId: p.id,
			name: p.name,
			relation: p.relation ?? p.title ?? null
		}));
	doc.destroy();
	return people.sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

export function readChoices(db: Db, meetingId: string, onlyUserId?: string) {
	return db
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
		.all()
		.map((c) => ({ ...c, updatedAt: c.updatedAt.toISOString() }));
}

/** Validates and stores a parent's choice; unknown person ids are refused and nothing changes. */
export function saveChoice(
	db: Db,
	meetingId: string,
	userId: string,
	input: unknown,
	candidates: Candidate[]
) {
	const { chosen, wishes } = parse(choiceInputSchema, input);
	const known = new Set(candidates.map((c) => c.personId));
	const unique = [...new Set(chosen)];
	if (unique.some((id) => !known.has(id)))
		throw new InputError({ chosen: 'En af de valgte personer findes ikke på mødetavlen.' });
	const updatedAt = new Date();
	db.insert(participantChoices)
		.values({ meetingId, userId, chosen: unique, wishes, updatedAt })
		.onConflictDoUpdate({
			target: [participantChoices.meetingId, participantChoices.userId],
			set: { chosen: unique, wishes, updatedAt }
		})
		.run();
	return { chosen: unique, wishes, updatedAt: updatedAt.toISOString() };
}

/**
 * Saves a parent's choice for a meeting that has not been held yet, checked against the living
 * people on its board other than the parent herself. The caller has checked that `userId` is a
 * parent taking part. Bad input throws InputError and changes nothing.
 */
export function saveParticipantChoice(db: Db, meeting: Meeting, userId: string, input: unknown) {
	if (meeting.status === 'ended')
		throw new InputError({ _: 'Mødet er holdt, så valget kan ikke ændres.' });
	const candidates = candidatesOf(readBoardState(db, meeting.boardId), userId);
	return saveChoice(db, meeting.id, userId, input, candidates);
}
