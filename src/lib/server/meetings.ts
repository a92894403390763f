/**
 * Meetings: create, edit and run through their lifecycle (planned → live → ended). Used by the
 * JSON API and the form actions alike, so both validate and audit the same way.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import { returned, first, transaction, type Db } from './db/client';
import { agendaItems, caseMembers, cases, meetingParticipants, meetings, users } from './db/tables';
import { MEETING_TYPES, type AgendaItem, type Meeting } from './db/schema';
import { randomId } from './ids';
import { audit } from './audit';
import { InputError, meetingTime, optionalText, parse, requiredText } from './validation';
import { publish } from './events';

export const MAX_AGENDA_ITEMS = 12;

const agendaItem = v.union(
	[
		v.pipe(
			requiredText('Dagsordenspunktet', 200),
			v.transform((title) => ({ title, durationMinutes: undefined as number | undefined }))
		),
		v.object({
			title: requiredText('Dagsordenspunktet', 200),
			durationMinutes: v.optional(
				v.pipe(
					v.number('Varigheden skal være et tal (minutter).'),
					v.integer('Varigheden skal være et helt antal minutter.'),
					v.minValue(1, 'Varigheden skal være mindst 1 minut.'),
					v.maxValue(480, 'Varigheden må højst være 480 minutter.')
				)
			)
		})
	],
	'Et dagsordenspunkt skal være en tekst.'
);

export const meetingInputSchema = v.object(
	{
		title: requiredText('Titel', 200),
		type: v.pipe(
			v.optional(v.string('Vælg en mødetype.'), ''),
			v.picklist(MEETING_TYPES, 'Vælg en mødetype.')
		),
		startsAt: meetingTime,
		place: optionalText('Sted', 200),
		internal: v.optional(v.boolean('"internal" skal være true eller false.'), false),
		agenda: v.optional(
			v.pipe(
				v.array(agendaItem, 'Dagsordenen skal være en liste.'),
				v.maxLength(
					MAX_AGENDA_ITEMS,
					`Højst ${MAX_AGENDA_ITEMS} punkter: hold hellere flere korte møder med færre punkter.`
				)
			),
			[]
		),
		participants: v.optional(
			v.pipe(
				v.array(
					v.pipe(v.string('Deltagere angives med deres id.'), v.maxLength(64)),
					'Deltagere skal være en liste.'
				),
				v.maxLength(200)
			)
		)
	},
	'Send mødets oplysninger som et JSON-objekt.'
);

export type MeetingInput = v.InferOutput<typeof meetingInputSchema>;

export interface MeetingDetails {
	meeting: Meeting;
	agenda: AgendaItem[];
	participants: { userId: string; name: string; role: string; title: string }[];
}

export function parseMeetingInput(input: unknown): MeetingInput {
	return parse(meetingInputSchema, input);
}

/** Where a new meeting's board starts: from the case's latest snapshot (default) or blank. */
export type StartFrom = 'latest' | 'blank';

export function parseStartFrom(value: unknown): StartFrom {
	if (value === undefined || value === null || value === '' || value === 'latest') return 'latest';
	if (value === 'blank') return 'blank';
	throw new InputError({
		startFrom: 'Vælg, om tavlen skal starte fra den seneste gemte tavle eller være tom.'
	});
}

/** The participants to store: the given ids (all must be case members) or a default. */
async function resolveParticipants(
	db: Db,
	caseId: string,
	input: MeetingInput,
	internal: boolean
): Promise<string[]> {
	const members = await db
		.select({ userId: caseMembers.userId, role: caseMembers.role })
		.from(caseMembers)
		.where(eq(caseMembers.caseId, caseId));
	if (!input.participants) {
		return members.filter((m) => !(internal && m.role === 'parent')).map((m) => m.userId);
	}
	const known = new Map(members.map((m) => [m.userId, m.role]));
	const unique = [...new Set(input.participants)];
	if (unique.some((id) => !known.has(id)))
		throw new InputError({ participants: 'En af de valgte deltagere er ikke med på sagen.' });
	if (internal && unique.some((id) => known.get(id) === 'parent'))
		throw new InputError({
			participants: 'Et internt møde holdes uden forældrene: fjern dem fra deltagerne.'
		});
	return unique;
}

async function writeDetails(
	db: Db,
	meetingId: string,
	input: MeetingInput,
	participants: string[]
): Promise<void> {
	await db.delete(agendaItems).where(eq(agendaItems.meetingId, meetingId));
	for (const [position, item] of input.agenda.entries())
		await db.insert(agendaItems).values({
			id: randomId(),
			meetingId,
			position,
			title: item.title,
			durationMinutes: item.durationMinutes ?? null
		});
	await db.delete(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId));
	for (const userId of participants)
		await db.insert(meetingParticipants).values({ meetingId, userId });
}

export interface Actor {
	userId: string;
	name: string;
	ip?: string | null;
}

/** Creates a meeting on a case; the caller has checked that `actor` may manage the case. */
export async function createMeeting(
	db: Db,
	caseId: string,
	input: MeetingInput,
	actor: Actor
): Promise<Meeting> {
	const internal = input.internal || input.type === 'internt';
	const theCase = await db
		.select({ closedAt: cases.closedAt })
		.from(cases)
		.where(eq(cases.id, caseId))
		.limit(1)
		.then(first);
	if (theCase?.closedAt)
		throw new InputError({ _: 'Sagen er lukket. Genåbn den for at planlægge et møde.' });
	return transaction(db, async (tx) => {
		const participants = await resolveParticipants(tx, caseId, input, internal);
		const meeting = await tx
			.insert(meetings)
			.values({
				id: randomId(),
				caseId,
				boardId: randomId(),
				type: input.type,
				title: input.title,
				startsAt: input.startsAt,
				place: input.place,
				internal,
				createdBy: actor.userId
			})
			.returning()
			.then(returned);
		await writeDetails(tx, meeting.id, input, participants);
		await audit(tx, {
			userId: actor.userId,
			actor: actor.name,
			action: 'meeting.create',
			caseId,
			targetType: 'meeting',
			targetId: meeting.id,
			ip: actor.ip
		});
		return meeting;
	});
}

/** Changes a meeting's details; an ended meeting cannot be changed. */
export async function updateMeeting(
	db: Db,
	meeting: Meeting,
	input: MeetingInput,
	actor: Actor
): Promise<Meeting> {
	if (meeting.status === 'ended')
		throw new InputError({ _: 'Mødet er afsluttet og kan ikke ændres.' });
	const internal = input.internal || input.type === 'internt';
	return transaction(db, async (tx) => {
		const participants = await resolveParticipants(tx, meeting.caseId, input, internal);
		const updated = await tx
			.update(meetings)
			.set({
				type: input.type,
				title: input.title,
				startsAt: input.startsAt,
				place: input.place,
				internal
			})
			.where(eq(meetings.id, meeting.id))
			.returning()
			.then(returned);
		await writeDetails(tx, meeting.id, input, participants);
		await audit(tx, {
			userId: actor.userId,
			actor: actor.name,
			action: 'meeting.update',
			caseId: meeting.caseId,
			targetType: 'meeting',
			targetId: meeting.id,
			ip: actor.ip
		});
		return updated;
	});
}

/** The meeting's agenda items in their order. */
export async function agendaOf(db: Db, meetingId: string) {
	return await db
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meetingId))
		.orderBy(asc(agendaItems.position));
}

export async function meetingDetails(db: Db, meeting: Meeting): Promise<MeetingDetails> {
	const agenda = await agendaOf(db, meeting.id);
	const participants = await db
		.select({
			userId: users.id,
			name: users.name,
			role: caseMembers.role,
			title: caseMembers.title
		})
		.from(meetingParticipants)
		.innerJoin(users, eq(users.id, meetingParticipants.userId))
		.innerJoin(
			caseMembers,
			and(
				eq(caseMembers.userId, meetingParticipants.userId),
				eq(caseMembers.caseId, meeting.caseId)
			)
		)
		.where(eq(meetingParticipants.meetingId, meeting.id));
	return { meeting, agenda, participants };
}

/** planned → live. Refuses other transitions with a readable message. */
export async function startMeeting(db: Db, meeting: Meeting, actor: Actor): Promise<Meeting> {
	if (meeting.status !== 'planned')
		throw new InputError({
			_: meeting.status === 'live' ? 'Mødet er allerede i gang.' : 'Mødet er afsluttet.'
		});
	if (
		(
			await db
				.select({ closedAt: cases.closedAt })
				.from(cases)
				.where(eq(cases.id, meeting.caseId))
				.limit(1)
				.then(first)
		)?.closedAt
	)
		throw new InputError({ _: 'Sagen er lukket. Genåbn sagen for at holde mødet.' });
	const updated = await db
		.update(meetings)
		.set({ status: 'live', startedAt: new Date() })
		.where(and(eq(meetings.id, meeting.id), eq(meetings.status, 'planned')))
		.returning()
		.then(returned);
	await audit(db, {
		userId: actor.userId,
		actor: actor.name,
		action: 'meeting.start',
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id,
		ip: actor.ip
	});
	publish({
		type: 'meeting-status',
		meetingId: meeting.id,
		boardId: meeting.boardId,
		status: 'live'
	});
	return updated;
}

/** Marks a meeting ended (the caller saves the snapshot in the same transaction). */
export async function markMeetingEnded(db: Db, meeting: Meeting): Promise<Meeting> {
	if (meeting.status === 'ended') throw new InputError({ _: 'Mødet er allerede afsluttet.' });
	return await db
		.update(meetings)
		.set({ status: 'ended', endedAt: new Date(), startedAt: meeting.startedAt ?? new Date() })
		.where(eq(meetings.id, meeting.id))
		.returning()
		.then(returned);
}

export async function participantIds(db: Db, meetingIds: string[]): Promise<Map<string, string[]>> {
	const map = new Map<string, string[]>();
	if (meetingIds.length === 0) return map;
	for (const row of await db
		.select()
		.from(meetingParticipants)
		.where(inArray(meetingParticipants.meetingId, meetingIds))) {
		map.set(row.meetingId, [...(map.get(row.meetingId) ?? []), row.userId]);
	}
	return map;
}
