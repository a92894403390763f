import { InputError } from '$lib/server/validation';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, meetingForApi } from '$lib/server/http';
import { saveSnapshot } from '$server/snapshots/create';

export const POST: RequestHandler = (event) =>
	api(async () => {
		const { db, access, actor } = await meetingForApi(event, {
			manage: 'Kun tovholderen kan gemme øjebliksbilleder.'
		});
		// An ended meeting's board is sealed and saved already (as the meeting page says too).
		if (access.meeting.status === 'ended')
			throw new InputError({ _: 'Mødet er afsluttet; tavlen er gemt.' });
		const snapshot = await saveSnapshot(db, access.meeting, actor);
		return json({ snapshotId: snapshot.id }, { status: 201 });
	});
