import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';
import { readSnapshotForApi } from '$lib/server/snapshot-read';

export const GET: RequestHandler = (event) =>
	api(() => {
		const snapshot = readSnapshotForApi(event, 'snapshot.read');
		return json({
			id: snapshot.id,
			caseId: snapshot.caseId,
			meetingId: snapshot.meetingId,
			createdAt: snapshot.createdAt.toISOString(),
			sha256: snapshot.sha256,
			summary: snapshot.summary
		});
	});
