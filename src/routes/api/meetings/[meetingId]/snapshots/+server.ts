import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, meetingForApi } from '$lib/server/http';
import { saveSnapshot } from '$server/snapshots/create';

export const POST: RequestHandler = (event) =>
	api(() => {
		const { db, access, actor } = meetingForApi(event, {
			manage: 'Kun tovholderen kan gemme øjebliksbilleder.'
		});
		const snapshot = saveSnapshot(db, access.meeting, actor);
		return json({ snapshotId: snapshot.id }, { status: 201 });
	});
