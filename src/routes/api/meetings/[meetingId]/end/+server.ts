import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { api, clientIp, forbidden, notFound, requireApiUser } from '$lib/server/http';
import { endMeeting } from '$server/snapshots/create';

export const POST: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = meetingAccess(db, user.id, event.params.meetingId);
		if (!access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan afslutte mødet.');
		const { snapshot } = endMeeting(db, access.meeting, {
			userId: user.id,
			name: user.name,
			ip: clientIp(event)
		});
		return json({ snapshotId: snapshot.id });
	});
