import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';
import { snapshotPairForApi } from '$lib/server/snapshot-read';
import { diffSnapshots } from '$server/snapshots/review';

/** What changed per tool from snapshot `:snapshotId` (before) to `:otherId` (after). */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { before, after, view } = await snapshotPairForApi(
			event,
			event.params.snapshotId,
			event.params.otherId
		);
		return json({ before: before.id, after: after.id, ...diffSnapshots(before, after, view) });
	});
