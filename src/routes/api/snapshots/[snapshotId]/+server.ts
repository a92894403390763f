import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { snapshotAccess } from '$lib/server/access';
import { ApiError, api, auditEvent, notFound, requireApiUser } from '$lib/server/http';
import { verifiedSnapshot } from '$server/snapshots/create';

export const GET: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const db = getDb();
		const found = snapshotAccess(db, user.id, event.params.snapshotId);
		if (!found) throw notFound();
		const snapshot = verifiedSnapshot(db, found.snapshot.id);
		if (!snapshot)
			throw new ApiError(500, 'Øjebliksbilledet stemmer ikke med sin kontrolsum og vises ikke.');
		auditEvent(event, 'snapshot.read', {
			caseId: snapshot.caseId,
			targetType: 'snapshot',
			targetId: snapshot.id
		});
		return json({
			id: snapshot.id,
			caseId: snapshot.caseId,
			meetingId: snapshot.meetingId,
			createdAt: snapshot.createdAt.toISOString(),
			sha256: snapshot.sha256,
			summary: snapshot.summary
		});
	});
