/**
 * Parents' written responses to the minutes ("Min kommentar til referatet"). A parent who took
 * part in a meeting (and so sees it) may respond once it has ended; responses are added, never
 * edited. Facilitators and professionals see every response on the case; a parent sees their own.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import * as v from 'valibot';
import type { MeetingAccess } from './access';
import { returned, first, type Db } from './db/client';
import { meetings, minutesResponses, snapshots } from './db/tables';
import { type MinutesResponse } from './db/schema';
import { randomId } from './ids';
import { InputError, parse } from './validation';
import type { CaseRole } from './db/schema';

export const MAX_RESPONSE_CHARS = 4000;

const responseInput = v.object(
	{
		text: v.pipe(
			v.optional(v.string('Kommentaren skal være tekst.'), ''),
			v.trim(),
			v.nonEmpty('Skriv din kommentar, før du sender den.'),
			v.maxLength(MAX_RESPONSE_CHARS, `Kommentaren må højst være ${MAX_RESPONSE_CHARS} tegn.`)
		)
	},
	'Send kommentaren som et JSON-objekt med feltet "text".'
);

export function parseResponse(input: unknown): { text: string } {
	return parse(responseInput, input);
}

/** Why this member may not respond to the meeting's minutes, or null when they may. */
export function cannotRespond(
	access: MeetingAccess
): { status: 400 | 403; message: string } | null {
	if (access.role !== 'parent' || !access.participant)
		return {
			status: 403,
			message: 'Det er forældrene, der var med til mødet, der kan kommentere referatet.'
		};
	if (access.meeting.status !== 'ended')
		return { status: 400, message: 'Referatet kan kommenteres, når mødet er afsluttet.' };
	return null;
}

/** The meeting's end-of-meeting snapshot (the minutes a response is about), if any. */
export async function endSnapshotId(db: Db, meetingId: string): Promise<string | null> {
	const row = await db
		.select({ id: snapshots.id })
		.from(snapshots)
		.where(and(eq(snapshots.meetingId, meetingId), eq(snapshots.reason, 'meeting-ended')))
		.orderBy(desc(snapshots.createdAt))
		.limit(1)
		.then(first);
	return row?.id ?? null;
}

/** Adds a response; the caller has checked `cannotRespond`. Throws InputError on bad input. */
export async function addResponse(
	db: Db,
	access: MeetingAccess,
	author: { id: string; name: string },
	input: unknown,
	now = new Date()
): Promise<MinutesResponse> {
	const problem = cannotRespond(access);
	if (problem) throw new InputError({ _: problem.message });
	const { text } = parseResponse(input);
	return await db
		.insert(minutesResponses)
		.values({
			id: randomId(),
			caseId: access.meeting.caseId,
			meetingId: access.meeting.id,
			userId: author.id,
			authorName: author.name,
			snapshotId: await endSnapshotId(db, access.meeting.id),
			text,
			createdAt: now
		})
		.returning()
		.then(returned);
}

/** Whether a member with `role` sees everyone's responses (else only their own). */
export function seesAllResponses(role: CaseRole | null): boolean {
	return role === 'facilitator' || role === 'professional';
}

export interface ResponseView {
	id: string;
	meetingId: string;
	meetingTitle: string;
	authorName: string;
	mine: boolean;
	text: string;
	createdAt: string;
}

function view(
	rows: (MinutesResponse & { meetingTitle: string })[],
	userId: string
): ResponseView[] {
	return rows.map((r) => ({
		id: r.id,
		meetingId: r.meetingId,
		meetingTitle: r.meetingTitle,
		authorName: r.authorName,
		mine: r.userId === userId,
		text: r.text,
		createdAt: r.createdAt.toISOString()
	}));
}

/** The responses to one meeting's minutes the member may read, newest first. */
export async function meetingResponses(
	db: Db,
	access: MeetingAccess,
	userId: string
): Promise<ResponseView[]> {
	const all = seesAllResponses(access.role);
	const rows = await db
		.select({ r: minutesResponses, meetingTitle: meetings.title })
		.from(minutesResponses)
		.innerJoin(meetings, eq(meetings.id, minutesResponses.meetingId))
		.where(
			all
				? eq(minutesResponses.meetingId, access.meeting.id)
				: and(
						eq(minutesResponses.meetingId, access.meeting.id),
						eq(minutesResponses.userId, userId)
					)
		)
		.orderBy(desc(minutesResponses.createdAt));
	return view(
		rows.map((row) => ({ ...row.r, meetingTitle: row.meetingTitle })),
		userId
	);
}

/** Every response on the meetings `meetingIds` of a case (for the case page), newest first. */
export async function caseResponses(
	db: Db,
	meetingIds: string[],
	userId: string,
	all: boolean
): Promise<ResponseView[]> {
	if (meetingIds.length === 0) return [];
	const rows = await db
		.select({ r: minutesResponses, meetingTitle: meetings.title })
		.from(minutesResponses)
		.innerJoin(meetings, eq(meetings.id, minutesResponses.meetingId))
		.where(
			all
				? inArray(minutesResponses.meetingId, meetingIds)
				: and(inArray(minutesResponses.meetingId, meetingIds), eq(minutesResponses.userId, userId))
		)
		.orderBy(desc(minutesResponses.createdAt));
	return view(
		rows.map((row) => ({ ...row.r, meetingTitle: row.meetingTitle })),
		userId
	);
}
