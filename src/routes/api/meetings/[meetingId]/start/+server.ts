import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { api, meetingForApi } from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';

export const POST: RequestHandler = (event) =>
	api(() => {
		const { db, access, actor } = meetingForApi(event, {
			manage: 'Kun tovholderen kan starte mødet.'
		});
		const meeting = startMeeting(db, access.meeting, actor);
		return json({ meeting: meetingJson(meetingDetails(db, meeting)) });
	});
