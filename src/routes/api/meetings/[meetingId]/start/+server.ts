import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { api, clientIp, forbidden, notFound, requireApiUser } from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';

export const POST: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = meetingAccess(db, user.id, event.params.meetingId);
		if (!access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan starte mødet.');
		const meeting = startMeeting(db, access.meeting, {
			userId: user.id,
			name: user.name,
			ip: clientIp(event)
		});
		return json({ meeting: meetingJson(meetingDetails(db, meeting)) });
	});
