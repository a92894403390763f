/**
 * Reading a snapshot through the API: the caller must see its meeting (else 404), its bytes must
 * match the SHA-256 stored with it (else 500, nothing served), and the read is audited.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Snapshot } from './db/schema';
import { getDb } from './db/client';
import { snapshotAccess } from './access';
import { ApiError, auditEvent, notFound, requireApiUser } from './http';
import { verifiedSnapshot } from '$server/snapshots/create';

export function readSnapshotForApi(
	event: RequestEvent<{ snapshotId: string }>,
	action: 'snapshot.read' | 'snapshot.state'
): Snapshot {
	const user = requireApiUser(event);
	const db = getDb();
	const found = snapshotAccess(db, user.id, event.params.snapshotId);
	if (!found) throw notFound();
	const snapshot = verifiedSnapshot(db, found.snapshot.id);
	if (!snapshot)
		throw new ApiError(500, 'Øjebliksbilledet stemmer ikke med sin kontrolsum og vises ikke.');
	auditEvent(event, action, {
		caseId: snapshot.caseId,
		targetType: 'snapshot',
		targetId: snapshot.id
	});
	return snapshot;
}
