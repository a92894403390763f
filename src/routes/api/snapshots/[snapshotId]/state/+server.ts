import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { snapshotAccess } from '$lib/server/access';
import { ApiError, api, auditEvent, notFound, requireApiUser } from '$lib/server/http';
import { verifiedSnapshot } from '$server/snapshots/create';

/** The snapshot as one Yjs update, after checking its SHA-256. */
export const GET: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const db = getDb();
		const found = snapshotAccess(db, user.id, event.params.snapshotId);
		if (!found) throw notFound();
		const snapshot = verifiedSnapshot(db, found.snapshot.id);
		if (!snapshot)
			throw new ApiError(500, 'Øjebliksbilledet stemmer ikke med sin kontrolsum og vises ikke.');
		auditEvent(event, 'snapshot.state', {
			caseId: snapshot.caseId,
			targetType: 'snapshot',
			targetId: snapshot.id
		});
		return new Response(new Uint8Array(snapshot.state), {
			headers: {
				'content-type': 'application/octet-stream',
				'x-content-sha256': snapshot.sha256,
				'cache-control': 'no-store'
			}
		});
	});
