import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { inviteBoardAccess, meetingAccess, type MeetingAccess } from '$lib/server/access';
import { findValidInvite } from '$lib/server/invites';
import { cases } from '$lib/server/db/tables';
import { type Invite } from '$lib/server/db/schema';
import { attendance } from '$lib/server/invite-chosen';
import { rememberGuest } from '$lib/server/guest';
import { audit } from '$lib/server/audit';
import { first, getDb } from '$lib/server/db/client';
import { caseMembers } from '$lib/server/db/tables';
import { clientIp } from '$lib/server/http';
import { colorFor } from '$lib/presence/colors';
import { agendaOf } from '$lib/server/meetings';
import { seesGoals } from '$lib/server/consent';
import { visibleMeetings } from '$lib/server/access';
import { endSnapshotId } from '$lib/server/responses';
import { checkSnapshot, openStored } from '$server/snapshots/review';
import { readMinutes } from '$lib/editor/read';
import { minutes } from '$lib/board/doc';
import { agreedOf } from '$lib/parents/agreed';
import type { Db } from '$lib/server/db/client';
import { meetingById } from '$lib/server/db/by-id';

/** What was decided and agreed at the last meeting this member saw end (for "Det aftalte vi"). */
async function lastAgreed(db: Db, userId: string, caseId: string, meetingId: string) {
	const last = (await visibleMeetings(db, userId, caseId)).find(
		(m) => m.status === 'ended' && m.id !== meetingId
	);
	const id = last ? await endSnapshotId(db, last.id) : null;
	const checked = id ? await checkSnapshot(db, id) : null;
	if (!last || !checked?.intact) return null;
	const opened = openStored(checked.snapshot, { goals: false });
	try {
		return { title: last.title, items: agreedOf(readMinutes(minutes(opened.doc))) };
	} finally {
		opened.doc.destroy();
	}
}

const caseClosed = async (db: Db, caseId: string) =>
	!!(
		await db
			.select({ closedAt: cases.closedAt })
			.from(cases)
			.where(eq(cases.id, caseId))
			.limit(1)
			.then(first)
	)?.closedAt;

/** The full-screen live board of a meeting: who may see it, and whether they may edit it now. */
export const load: PageServerLoad = async (event) => {
	const { locals, params, url } = event;
	const user = locals.user;
	const db = getDb();
	const token = url.searchParams.get('invite');
	let access: MeetingAccess | null = user
		? await meetingAccess(db, user.id, params.meetingId)
		: null;
	let invite: Invite | null = null;
	if (!access && token) {
		// A guest (or a user without access of their own) opening an invite link. A screen link
		// opens only the screen view (/screen), never the board.
		invite = await findValidInvite(db, token);
		if (invite?.kind === 'screen') invite = null;
		const meeting = await meetingById(db, params.meetingId);
		access = invite && meeting ? await inviteBoardAccess(db, invite, meeting.boardId) : null;
		if (!access)
			error(404, {
				message: 'Linket er udløbet eller ikke gyldigt. Bed mødets tovholder om et nyt.'
			});
		rememberGuest(event.cookies, token, invite!, url.protocol === 'https:');
	}
	if (!access && !user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	if (!access) error(404, { message: 'Mødet findes ikke, eller du har ikke adgang til det.' });
	const { meeting } = access;
	const member = user
		? await db
				.select({ title: caseMembers.title })
				.from(caseMembers)
				.where(and(eq(caseMembers.caseId, meeting.caseId), eq(caseMembers.userId, user.id)))
				.limit(1)
				.then(first)
		: undefined;
	const me = invite
		? { id: `guest-${invite.id}`, name: invite.name, title: invite.role }
		: { id: user!.id, name: user!.name, title: member?.title ?? '' };
	await audit(db, {
		userId: invite ? null : user!.id,
		actor: invite ? `gæst: ${invite.name}` : user!.name,
		action: 'board.open',
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id,
		ip: clientIp(event),
		detail: {
			boardId: meeting.boardId,
			canEdit: access.canEditBoard,
			...(invite ? { inviteId: invite.id } : {})
		}
	});
	return {
		/** The facilitator's list of the chosen: chosen, invited, present (live on the board). */
		attendance: access.canManage && !invite ? await attendance(db, meeting) : null,
		meeting: {
			id: meeting.id,
			caseId: meeting.caseId,
			boardId: meeting.boardId,
			title: meeting.title,
			status: meeting.status
		},
		access: {
			role: access.role,
			canEditBoard: access.canEditBoard,
			canManage: access.canManage,
			readOnlyReason: access.canEditBoard
				? null
				: meeting.status === 'ended'
					? ('ended' as const)
					: (await caseClosed(db, meeting.caseId))
						? ('caseClosed' as const)
						: ('noRight' as const)
		},
		/** The meeting's plan, which the facilitator's board keeps the board's agenda in step with. */
		agenda: access.canManage
			? (await agendaOf(db, meeting.id)).map((a) => ({
					id: a.id,
					title: a.title,
					durationMinutes: a.durationMinutes
				}))
			: [],
		/** A parent's calmer view: simple toolbar, "Det aftalte vi" first, their own goals first. */
		parentView:
			access.role === 'parent'
				? { previous: await lastAgreed(db, user!.id, meeting.caseId, meeting.id) }
				: null,
		/** This viewer may open the goals document (docs/consent.md); the server checks it again. */
		goalsShared: await seesGoals(db, meeting.caseId, access.role, invite),
		/** Set for guests: the sync socket authenticates with it. */
		invite: invite ? token : null,
		me: { ...me, color: colorFor(me.id) }
	};
};
