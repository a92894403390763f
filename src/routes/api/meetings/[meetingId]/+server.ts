import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { meetingDetails, parseMeetingInput, updateMeeting } from '$lib/server/meetings';
import {
	api,
	auditEvent,
	clientIp,
	forbidden,
	notFound,
	readJson,
	requireApiUser
} from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';

export const GET: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = meetingAccess(db, user.id, event.params.meetingId);
		if (!access) throw notFound();
		auditEvent(event, 'meeting.read', {
			caseId: access.meeting.caseId,
			targetType: 'meeting',
			targetId: access.meeting.id
		});
		return json({ meeting: meetingJson(meetingDetails(db, access.meeting)) });
	});

export const PUT: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = meetingAccess(db, user.id, event.params.meetingId);
		if (!access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan ændre mødet.');
		const input = parseMeetingInput(await readJson(event.request));
		const meeting = updateMeeting(db, access.meeting, input, {
			userId: user.id,
			name: user.name,
			ip: clientIp(event)
		});
		return json({ meeting: meetingJson(meetingDetails(db, meeting)) });
	});
