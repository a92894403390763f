import { error, redirect } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { meetingAccess } from '$lib/server/access';
import { audit } from '$lib/server/audit';
import { getDb } from '$lib/server/db/client';
import { caseMembers } from '$lib/server/db/schema';
import { clientIp } from '$lib/server/http';
import { colorFor } from '$lib/presence/colors';

/** The full-screen live board of a meeting: who may see it, and whether they may edit it now. */
export const load: PageServerLoad = (event) => {
	const { locals, params, url } = event;
	const user = locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname)}`);
	const db = getDb();
	const access = meetingAccess(db, user.id, params.meetingId);
	if (!access) error(404, { message: 'Mødet findes ikke, eller du har ikke adgang til det.' });
	const { meeting } = access;
	const member = db
		.select({ title: caseMembers.title })
		.from(caseMembers)
		.where(and(eq(caseMembers.caseId, meeting.caseId), eq(caseMembers.userId, user.id)))
		.get();
	audit(db, {
		userId: user.id,
		actor: user.name,
		action: 'board.open',
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id,
		ip: clientIp(event),
		detail: { boardId: meeting.boardId, canEdit: access.canEditBoard }
	});
	return {
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
					: ('noRight' as const)
		},
		me: {
			id: user.id,
			name: user.name,
			color: colorFor(user.id),
			title: member?.title ?? ''
		}
	};
};
