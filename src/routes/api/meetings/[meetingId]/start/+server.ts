import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { api, meetingForApi } from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';

export const POST: RequestHandler = (event) =>
	api(async () => {
		const { db, access, actor } = await meetingForApi(event, {
			manage: 'Kun tovholderen kan starte mødet.'
		});
		const meeting = await startMeeting(db, access.meeting, actor);
		return json({ meeting: meetingJson(await meetingDetails(db, meeting)) });
	});
