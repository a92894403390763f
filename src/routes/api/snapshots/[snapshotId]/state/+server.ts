import type { RequestHandler } from './$types';
import { api } from '$lib/server/http';
import { readSnapshotForApi } from '$lib/server/snapshot-read';

/** The snapshot as one Yjs update, after checking its SHA-256. */
export const GET: RequestHandler = (event) =>
	api(() => {
		const snapshot = readSnapshotForApi(event, 'snapshot.state');
		return new Response(new Uint8Array(snapshot.state), {
			headers: {
				'content-type': 'application/octet-stream',
				'x-content-sha256': snapshot.sha256,
				'cache-control': 'no-store'
			}
		});
	});
