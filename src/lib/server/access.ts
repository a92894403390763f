/**
 * Authorization, in one place: given who is asking and a case, meeting, board or snapshot,
 * what may they do. Every page, form action, API route and the sync upgrade asks here.
 *
 * Rules (PRODUCT.md "Roles"):
 * - Nobody sees a case they are not a member of; admins are no exception.
 * - Facilitators and professionals see every meeting of their case; parents see the meetings
 *   they take part in that are not internal; foster families see the meetings they take part in.
 * - Facilitators edit everything on the case and run the meeting lifecycle. Other members edit
 *   the boards of meetings they take part in while the meeting is not ended.
 * - A guest invite opens one meeting's board while it is valid, read-only if the invite says so.
 *
 * Functions return null where the caller must not learn that the object exists (answer 404).
 */
import { and, eq } from 'drizzle-orm';
import { first, type Db } from './db/client';
import { caseMembers, cases, meetingParticipants, meetings, snapshots } from './db/tables';
import { type Case, type CaseRole, type Invite, type Meeting, type Snapshot } from './db/schema';
import { caseById, meetingById } from './db/by-id';

export interface CaseAccess {
	case: Case;
	role: CaseRole;
	/** May change the case: members, meetings, lifecycle, invites. */
	canManage: boolean;
}

export interface MeetingAccess {
	meeting: Meeting;
	/** Null for a guest. */
	role: CaseRole | null;
	participant: boolean;
	/** May run the meeting: edit its details, start, end, snapshot, invite guests. */
	canManage: boolean;
	/** May change the live board now. */
	canEditBoard: boolean;
}

export async function membership(db: Db, userId: string, caseId: string): Promise<CaseRole | null> {
	const row = await db
		.select({ role: caseMembers.role })
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.userId, userId)))
		.limit(1)
		.then(first);
	return row?.role ?? null;
}

/** The case as seen by a member, or null for everyone else. */
export async function caseAccess(
	db: Db,
	userId: string,
	caseId: string
): Promise<CaseAccess | null> {
	const role = await membership(db, userId, caseId);
	if (!role) return null;
	const row = await caseById(db, caseId);
	if (!row) return null;
	return { case: row, role, canManage: role === 'facilitator' };
}

async function isParticipant(db: Db, userId: string, meetingId: string): Promise<boolean> {
	return !!(await db
		.select({ userId: meetingParticipants.userId })
		.from(meetingParticipants)
		.where(
			and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.userId, userId))
		)
		.limit(1)
		.then(first));
}

/** Whether a member with `role` sees `meeting` at all. */
export function roleSeesMeeting(role: CaseRole, meeting: Meeting, participant: boolean): boolean {
	switch (role) {
		case 'facilitator':
		case 'professional':
			return true;
		case 'parent':
			return participant && !meeting.internal;
		case 'foster':
			return participant;
	}
}

/** A closed case is kept for the record: its boards are read-only until it is reopened. */
async function caseIsOpen(db: Db, caseId: string): Promise<boolean> {
	const row = await db
		.select({ closedAt: cases.closedAt })
		.from(cases)
		.where(eq(cases.id, caseId))
		.limit(1)
		.then(first);
	return !row?.closedAt;
}

async function accessFor(db: Db, userId: string, meeting: Meeting): Promise<MeetingAccess | null> {
	const role = await membership(db, userId, meeting.caseId);
	if (!role) return null;
	const participant = await isParticipant(db, userId, meeting.id);
	if (!roleSeesMeeting(role, meeting, participant)) return null;
	const canManage = role === 'facilitator';
	const canEditBoard =
		meeting.status !== 'ended' &&
		(canManage || participant) &&
		(await caseIsOpen(db, meeting.caseId));
	return { meeting, role, participant, canManage, canEditBoard };
}

export async function meetingAccess(
	db: Db,
	userId: string,
	meetingId: string
): Promise<MeetingAccess | null> {
	const meeting = await meetingById(db, meetingId);
	return meeting ? await accessFor(db, userId, meeting) : null;
}

export async function boardAccess(
	db: Db,
	userId: string,
	boardId: string
): Promise<MeetingAccess | null> {
	const meeting = await db
		.select()
		.from(meetings)
		.where(eq(meetings.boardId, boardId))
		.limit(1)
		.then(first);
	return meeting ? await accessFor(db, userId, meeting) : null;
}

/** A guest's access through a valid (unexpired, unrevoked) invite to the invite's own board. */
export async function inviteBoardAccess(
	db: Db,
	invite: Invite,
	boardId: string,
	now = new Date()
): Promise<MeetingAccess | null> {
	if (invite.revokedAt || invite.expiresAt.getTime() <= now.getTime()) return null;
	const meeting = await meetingById(db, invite.meetingId);
	if (!meeting || meeting.boardId !== boardId) return null;
	return {
		meeting,
		role: null,
		participant: true,
		canManage: false,
		canEditBoard:
			!invite.readOnly && meeting.status !== 'ended' && (await caseIsOpen(db, meeting.caseId))
	};
}

/**
 * Snapshots follow their meeting's visibility: whoever sees the meeting sees its snapshots
 * (so parents see snapshots of the non-internal meetings they took part in).
 */
export async function snapshotAccess(
	db: Db,
	userId: string,
	snapshotId: string
): Promise<{ snapshot: Snapshot; meeting: MeetingAccess } | null> {
	const snapshot = await db
		.select()
		.from(snapshots)
		.where(eq(snapshots.id, snapshotId))
		.limit(1)
		.then(first);
	if (!snapshot) return null;
	const meeting = await meetingAccess(db, userId, snapshot.meetingId);
	return meeting ? { snapshot, meeting } : null;
}

/** The meetings of a case this member may see, newest first. */
export async function visibleMeetings(db: Db, userId: string, caseId: string): Promise<Meeting[]> {
	const role = await membership(db, userId, caseId);
	if (!role) return [];
	const rows = await db.select().from(meetings).where(eq(meetings.caseId, caseId));
	const mine = new Set(
		(
			await db
				.select({ meetingId: meetingParticipants.meetingId })
				.from(meetingParticipants)
				.where(eq(meetingParticipants.userId, userId))
		).map((r) => r.meetingId)
	);
	return rows
		.filter((m) => roleSeesMeeting(role, m, mine.has(m.id)))
		.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
}
