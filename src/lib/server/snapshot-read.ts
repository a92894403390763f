/**
 * Reading snapshots through the API and the review pages: the caller must see the snapshot's
 * meeting (else 404, also for a snapshot of another case), its bytes must match the SHA-256 stored
 * with it (else 500 with a clear message and nothing of it served; the mismatch is audited), and
 * every read is audited.
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Snapshot } from './db/schema';
import { getDb, type Db } from './db/client';
import { snapshotAccess, type MeetingAccess } from './access';
import { ApiError, auditEvent, notFound, requireApiUser } from './http';
import { checkSnapshot, type CheckedSnapshot, type SnapshotView } from '$server/snapshots/review';
import { seesGoals } from './consent';

export const TAMPERED_MESSAGE = 'Øjebliksbilledet stemmer ikke med sin kontrolsum og vises ikke.';

/**
 * A snapshot the user may see, checked, with what of it they may see (`view`: the placement sees
 * the goals only with the parents' consent); null when it does not exist or is not theirs to see.
 */
export async function visibleSnapshot(
	db: Db,
	userId: string,
	snapshotId: string
): Promise<(CheckedSnapshot & { access: MeetingAccess; view: SnapshotView }) | null> {
	const found = await snapshotAccess(db, userId, snapshotId);
	if (!found) return null;
	const checked = await checkSnapshot(db, found.snapshot.id);
	const view = { goals: await seesGoals(db, found.snapshot.caseId, found.meeting.role) };
	return checked ? { ...checked, access: found.meeting, view } : null;
}

/** What a case member may see of the case's snapshots. */
export async function caseView(
	db: Db,
	caseId: string,
	role: MeetingAccess['role']
): Promise<SnapshotView> {
	return { goals: await seesGoals(db, caseId, role) };
}

/** Audits that a snapshot's bytes did not match (who noticed, which, the two hashes). */
export async function auditTampered(event: RequestEvent, checked: CheckedSnapshot): Promise<void> {
	await auditEvent(event, 'snapshot.tampered', {
		caseId: checked.snapshot.caseId,
		targetType: 'snapshot',
		targetId: checked.snapshot.id,
		detail: { saved: checked.snapshot.sha256, actual: checked.actualSha256 }
	});
}

async function intactForApi(event: RequestEvent, checked: CheckedSnapshot): Promise<Snapshot> {
	if (checked.intact) return checked.snapshot;
	await auditTampered(event, checked);
	throw new ApiError(500, TAMPERED_MESSAGE);
}

export async function readSnapshotForApi(
	event: RequestEvent<{ snapshotId: string }>,
	action: 'snapshot.read' | 'snapshot.state' | 'snapshot.export'
): Promise<{ snapshot: Snapshot; view: SnapshotView }> {
	const user = requireApiUser(event);
	const found = await visibleSnapshot(getDb(), user.id, event.params.snapshotId);
	if (!found) throw notFound();
	const snapshot = await intactForApi(event, found);
	await auditEvent(event, action, {
		caseId: snapshot.caseId,
		targetType: 'snapshot',
		targetId: snapshot.id,
		...(found.view.goals ? {} : { detail: { goals: 'withheld' } })
	});
	return { snapshot, view: found.view };
}

/**
 * Two snapshots to compare: both visible to the caller and of the same case (else 404 – a
 * snapshot of another case is as unknown as a missing one), both intact. Audited as one compare.
 */
export async function snapshotPairForApi(
	event: RequestEvent,
	beforeId: string,
	afterId: string
): Promise<{ before: Snapshot; after: Snapshot; view: SnapshotView }> {
	const user = requireApiUser(event);
	const db = getDb();
	const a = await visibleSnapshot(db, user.id, beforeId);
	const b = await visibleSnapshot(db, user.id, afterId);
	if (!a || !b || a.snapshot.caseId !== b.snapshot.caseId) throw notFound();
	const before = await intactForApi(event, a);
	const after = await intactForApi(event, b);
	await auditEvent(event, 'snapshot.compare', {
		caseId: before.caseId,
		targetType: 'snapshot',
		targetId: before.id,
		detail: { with: after.id }
	});
	return { before, after, view: a.view };
}
