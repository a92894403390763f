import { and, eq } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseMembers } from '$lib/server/db/tables';
import { audit } from '$lib/server/audit';
import { clientIp } from '$lib/server/http';
import { findScreen, SCREEN_COOKIE, SCREEN_NAME } from '$lib/server/screen';

/**
 * The meeting room's screen (docs/screen.md): only through a screen link's cookie; one meeting's
 * live board, read-only, nothing else. Without a valid link it says so and shows nothing.
 */
export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const token = event.cookies.get(SCREEN_COOKIE);
	const found = await findScreen(db, token);
	if (!found || !token) return { screen: null };
	const { invite, meeting } = found;
	await audit(db, {
		userId: null,
		actor: `gæst: ${SCREEN_NAME}`,
		action: 'screen.open',
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id,
		ip: clientIp(event),
		detail: { inviteId: invite.id, boardId: meeting.boardId }
	});
	// The screen follows the facilitator when nobody presents.
	const facilitators = (
		await db
			.select({ userId: caseMembers.userId })
			.from(caseMembers)
			.where(and(eq(caseMembers.caseId, meeting.caseId), eq(caseMembers.role, 'facilitator')))
	).map((r) => r.userId);
	return {
		screen: {
			meeting: {
				id: meeting.id,
				title: meeting.title,
				boardId: meeting.boardId,
				status: meeting.status
			},
			token,
			expiresAt: invite.expiresAt.toISOString(),
			facilitators,
			me: { id: `screen-${invite.id}`, name: SCREEN_NAME, color: '#535b66' }
		}
	};
};
