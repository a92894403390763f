import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { meetingDetails, parseMeetingInput, updateMeeting } from '$lib/server/meetings';
import { api, auditEvent, meetingForApi, readJson } from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { db, access } = await meetingForApi(event);
		await auditEvent(event, 'meeting.read', {
			caseId: access.meeting.caseId,
			targetType: 'meeting',
			targetId: access.meeting.id
		});
		return json({ meeting: meetingJson(await meetingDetails(db, access.meeting)) });
	});

export const PUT: RequestHandler = (event) =>
	api(async () => {
		const { db, access, actor } = await meetingForApi(event, {
			manage: 'Kun tovholderen kan ændre mødet.'
		});
		const input = parseMeetingInput(await readJson(event.request));
		const meeting = await updateMeeting(db, access.meeting, input, actor);
		return json({ meeting: meetingJson(await meetingDetails(db, meeting)) });
	});
