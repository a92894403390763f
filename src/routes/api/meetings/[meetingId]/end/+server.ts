import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, meetingForApi } from '$lib/server/http';
import { endMeeting } from '$server/snapshots/create';

export const POST: RequestHandler = (event) =>
	api(async () => {
		const { db, access, actor } = await meetingForApi(event, {
			manage: 'Kun tovholderen kan afslutte mødet.'
		});
		const { snapshot } = await endMeeting(db, access.meeting, actor);
		return json({ snapshotId: snapshot.id });
	});
