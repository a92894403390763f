/**
 * "Inviter de valgte": the parents' choice (and the needed participants) turned into invitations
 * in one step. Case members get the meeting in their list (they become its participants); people
 * without an account get a guest link, shown once with its reminder text and calendar file.
 * Also: each chosen person's state for the facilitator – chosen, invited, present.
 */
import type { AttendanceEntry } from '../presence/attendance';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { transaction, type Db } from './db/client';
import { invites, meetingParticipants } from './db/tables';
import { type Meeting } from './db/schema';
import { audit } from './audit';
import { createInvite, MAX_INVITE_MINUTES } from './invites';
import { candidatesFor, readChoices, type Candidate } from './participant-choice';
import { presentOn } from './live';
import { publish } from './events';
import type { Actor } from './meetings';
import { meetingCalendar, reminderText } from './calendar';

export interface InvitedGuest {
	inviteId: string;
	personId: string;
	name: string;
	url: string;
	reminder: string;
	calendar: string;
}

export interface InviteResult {
	accounts: { userId: string; name: string }[];
	guests: InvitedGuest[];
	/** Chosen people who were invited already (a guest's link was shown when it was made). */
	already: string[];
}

/** Everyone chosen by a parent of the meeting, and everyone marked as needed. */
export async function chosenCandidates(db: Db, meeting: Meeting): Promise<Candidate[]> {
	const chosen = new Set((await readChoices(db, meeting.id)).flatMap((c) => c.chosen));
	return (await candidatesFor(db, meeting)).filter((c) => chosen.has(c.personId) || c.needed);
}

async function participantIds(db: Db, meetingId: string): Promise<Set<string>> {
	return new Set(
		(
			await db
				.select({ userId: meetingParticipants.userId })
				.from(meetingParticipants)
				.where(eq(meetingParticipants.meetingId, meetingId))
		).map((r) => r.userId)
	);
}

/** The valid guest invites of the meeting, by the person they are for. */
async function guestInvites(db: Db, meetingId: string, now = new Date()) {
	return await db
		.select()
		.from(invites)
		.where(
			and(
				eq(invites.meetingId, meetingId),
				eq(invites.kind, 'guest'),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now)
			)
		);
}

/** Minutes a guest link made now stays valid: until a day after the meeting (5 min – 14 days). */
function guestMinutes(meeting: Meeting, now: Date): number {
	const until = meeting.startsAt.getTime() + 24 * 3600_000 - now.getTime();
	return Math.min(MAX_INVITE_MINUTES, Math.max(60, Math.ceil(until / 60_000)));
}

export async function inviteChosen(
	db: Db,
	meeting: Meeting,
	actor: Actor,
	origin: string,
	minutes: number | null,
	now = new Date()
): Promise<InviteResult> {
	const result: InviteResult = { accounts: [], guests: [], already: [] };
	const participants = await participantIds(db, meeting.id);
	const existing = new Map((await guestInvites(db, meeting.id, now)).map((i) => [i.personId, i]));
	// Read before the transaction: the board's people are read through the connection itself.
	const chosen = await chosenCandidates(db, meeting);
	await transaction(db, async (tx) => {
		for (const c of chosen) {
			if (c.userId) {
				if (participants.has(c.userId)) {
					result.already.push(c.name);
					continue;
				}
				await tx.insert(meetingParticipants).values({ meetingId: meeting.id, userId: c.userId });
				result.accounts.push({ userId: c.userId, name: c.name });
				await audit(tx, {
					userId: actor.userId,
					actor: actor.name,
					action: 'invite.account',
					caseId: meeting.caseId,
					targetType: 'meeting',
					targetId: meeting.id,
					ip: actor.ip,
					detail: { userId: c.userId, personId: c.personId, chosen: true }
				});
				continue;
			}
			if (existing.has(c.personId)) {
				result.already.push(c.name);
				continue;
			}
			const { invite, token } = await createInvite(
				tx,
				{
					meetingId: meeting.id,
					name: c.name,
					role: c.relation ?? '',
					readOnly: false,
					expiresInMinutes: guestMinutes(meeting, now),
					createdBy: actor.userId,
					personId: c.personId,
					placement: c.placement
				},
				now
			);
			const url = `${origin}/meetings/${meeting.id}/board?invite=${token}`;
			result.guests.push({
				inviteId: invite.id,
				personId: c.personId,
				name: c.name,
				url,
				reminder: reminderText({ name: c.name, meeting, url, from: actor.name }),
				calendar: meetingCalendar({
					meeting,
					minutes,
					recipient: { key: `invite-${invite.id}`, name: c.name },
					url,
					organizer: { name: actor.name }
				})
			});
			await audit(tx, {
				userId: actor.userId,
				actor: actor.name,
				action: 'invite.create',
				caseId: meeting.caseId,
				targetType: 'invite',
				targetId: invite.id,
				ip: actor.ip,
				detail: {
					meetingId: meeting.id,
					name: c.name,
					personId: c.personId,
					placement: c.placement,
					chosen: true
				}
			});
		}
	});
	if (result.accounts.length > 0) publish({ type: 'access-changed', caseId: meeting.caseId });
	return result;
}

/** The meeting's open guest links (name, role, until when), for the facilitator to close. */
export async function activeGuestLinks(db: Db, meetingId: string) {
	return (await guestInvites(db, meetingId)).map((i) => ({
		id: i.id,
		name: i.name,
		role: i.role,
		expiresAt: i.expiresAt.toISOString()
	}));
}

/** Revokes one of the meeting's guest links; false when it is not one. */
export async function revokeGuestLink(
	db: Db,
	meetingId: string,
	inviteId: string
): Promise<boolean> {
	return (
		(
			await db
				.update(invites)
				.set({ revokedAt: new Date() })
				.where(
					and(eq(invites.id, inviteId), eq(invites.meetingId, meetingId), eq(invites.kind, 'guest'))
				)
				.returning({ one: sql`1` })
		).length > 0
	);
}

export type { AttendanceEntry as Attendance, AttendanceState } from '../presence/attendance';

/** Each chosen (or needed) person's state now: chosen, invited (an account or a link), present. */
export async function attendance(db: Db, meeting: Meeting): Promise<AttendanceEntry[]> {
	const participants = await participantIds(db, meeting.id);
	const links = new Map((await guestInvites(db, meeting.id)).map((i) => [i.personId, i.id]));
	const present = presentOn(meeting.boardId);
	return (await chosenCandidates(db, meeting)).map((c) => {
		const invite = links.get(c.personId);
		const here = c.userId
			? present.userIds.has(c.userId)
			: !!invite && present.inviteIds.has(invite);
		const invited = c.userId ? participants.has(c.userId) : !!invite;
		return {
			personId: c.personId,
			name: c.name,
			relation: c.relation,
			needed: !!c.needed,
			state: here ? 'present' : invited ? 'invited' : 'chosen',
			presenceId: c.userId ?? (invite ? `guest-${invite}` : null)
		};
	});
}
