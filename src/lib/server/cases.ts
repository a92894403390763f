/** Reading cases as a member sees them. Every read is audited by the caller's route. */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { first, type Db } from './db/client';
import { meetingSummary } from './meeting-json';
import { caseMembers, cases, meetings, snapshots, users } from './db/tables';
import { CASE_ROLES, type CaseRole } from './db/schema';
import { caseAccess, visibleMeetings } from './access';

export interface CaseListItem {
	id: string;
	title: string;
	reference: string | null;
	role: CaseRole;
	nextMeeting: { id: string; title: string; startsAt: string } | null;
}

export async function listCases(db: Db, userId: string, now = new Date()): Promise<CaseListItem[]> {
	const rows = await db
		.select({
			id: cases.id,
			title: cases.title,
			reference: cases.reference,
			role: caseMembers.role
		})
		.from(caseMembers)
		.innerJoin(cases, eq(cases.id, caseMembers.caseId))
		.where(eq(caseMembers.userId, userId))
		.orderBy(asc(cases.title));
	const items: CaseListItem[] = [];
	for (const row of rows) {
		const next = (await visibleMeetings(db, userId, row.id))
			.filter((m) => m.status !== 'ended' && m.startsAt.getTime() >= now.getTime() - 12 * 3600_000)
			.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
		items.push({
			...row,
			nextMeeting: next
				? { id: next.id, title: next.title, startsAt: next.startsAt.toISOString() }
				: null
		});
	}
	return items;
}

export interface CaseView {
	id: string;
	title: string;
	reference: string | null;
	/** When the case was closed (ISO), or null while it is open. */
	closedAt: string | null;
	role: CaseRole;
	canManage: boolean;
	members: { userId: string; name: string; role: CaseRole; title: string }[];
	meetings: {
		id: string;
		boardId: string;
		title: string;
		type: string;
		startsAt: string;
		place: string;
		status: 'planned' | 'live' | 'ended';
		internal: boolean;
	}[];
	snapshots: { id: string; meetingId: string; createdAt: string; reason: string; sha256: string }[];
}

/** The case with its members, visible meetings and their snapshots, or null (→ 404). */
export async function readCase(db: Db, userId: string, caseId: string): Promise<CaseView | null> {
	const access = await caseAccess(db, userId, caseId);
	if (!access) return null;
	const members = await caseMemberList(db, caseId);
	const visible = await visibleMeetings(db, userId, caseId);
	const ids = visible.map((m) => m.id);
	const snaps = ids.length
		? await db
				.select({
					id: snapshots.id,
					meetingId: snapshots.meetingId,
					createdAt: snapshots.createdAt,
					reason: snapshots.reason,
					sha256: snapshots.sha256
				})
				.from(snapshots)
				.where(and(eq(snapshots.caseId, caseId), inArray(snapshots.meetingId, ids)))
				.orderBy(desc(snapshots.createdAt))
		: [];
	return {
		id: access.case.id,
		title: access.case.title,
		reference: access.case.reference,
		closedAt: access.case.closedAt?.toISOString() ?? null,
		role: access.role,
		canManage: access.canManage,
		members,
		meetings: visible.map(meetingSummary),
		snapshots: snaps.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() }))
	};
}

/** Case members (for the participant picker). */
export async function caseMemberList(db: Db, caseId: string) {
	const rows = await db
		.select({
			userId: users.id,
			name: users.name,
			role: caseMembers.role,
			title: caseMembers.title
		})
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.where(eq(caseMembers.caseId, caseId));
	return rows.sort(
		(a, b) =>
			CASE_ROLES.indexOf(a.role) - CASE_ROLES.indexOf(b.role) || a.name.localeCompare(b.name, 'da')
	);
}

export async function meetingsOfCase(db: Db, caseId: string) {
	return db
		.select()
		.from(meetings)
		.where(eq(meetings.caseId, caseId))
		.orderBy(desc(meetings.startsAt));
}

/** Whether the case has a saved board a new meeting can continue from. */
export async function caseHasSnapshots(db: Db, caseId: string): Promise<boolean> {
	return (
		(await db
			.select({ id: snapshots.id })
			.from(snapshots)
			.where(eq(snapshots.caseId, caseId))
			.limit(1)
			.then(first)) !== undefined
	);
}
