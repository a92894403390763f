import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';
import { readSnapshotForApi } from '$lib/server/snapshot-read';
import { withoutGoals } from '$server/snapshots/summary';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const { snapshot, view } = await readSnapshotForApi(event, 'snapshot.read');
		return json({
			id: snapshot.id,
			caseId: snapshot.caseId,
			meetingId: snapshot.meetingId,
			createdAt: snapshot.createdAt.toISOString(),
			sha256: snapshot.sha256,
			goalsSha256: view.goals ? snapshot.goalsSha256 : null,
			summary: view.goals ? snapshot.summary : withoutGoals(snapshot.summary)
		});
	});
