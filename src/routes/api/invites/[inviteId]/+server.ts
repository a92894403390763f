import type { RequestHandler } from './$types';
import { eq } from 'drizzle-orm';
import { first, getDb } from '$lib/server/db/client';
import { invites } from '$lib/server/db/tables';
import { meetingAccess } from '$lib/server/access';
import { revokeInvite } from '$lib/server/invites';
import { publish } from '$lib/server/events';
import { api, auditEvent, forbidden, notFound, requireApiUser } from '$lib/server/http';

export const DELETE: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const invite = await db
			.select()
			.from(invites)
			.where(eq(invites.id, event.params.inviteId))
			.limit(1)
			.then(first);
		const access = invite ? await meetingAccess(db, user.id, invite.meetingId) : null;
		if (!invite || !access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan tilbagekalde invitationer.');
		await revokeInvite(db, invite.id);
		publish({ type: 'invite-revoked', inviteId: invite.id });
		await auditEvent(event, 'invite.revoke', {
			caseId: access.meeting.caseId,
			targetType: 'invite',
			targetId: invite.id
		});
		return new Response(null, { status: 204 });
	});
