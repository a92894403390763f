/**
 * Reviewing saved boards on the server: a snapshot checked against its SHA-256, opened (migrated
 * on a copy when it is older, never written back), compared with another one, and the case's
 * trends across its meetings. Who may see what is decided by the callers (src/lib/server/access.ts).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { first, type Db } from '../../src/lib/server/db/client';
import { meetings, snapshots } from '../../src/lib/server/db/tables';
import { type Snapshot } from '../../src/lib/server/db/schema';
import { translator } from '../../src/lib/i18n';
import { diffBoards, summarizeTools, type BoardDiff } from '../../src/lib/review/board-tools';
import { openSnapshot, type OpenedSnapshot } from '../../src/lib/review/snapshot-doc';
import {
	preferenceOrder,
	trendPoints,
	type TrendPoint,
	type TrendSnapshot
} from '../../src/lib/review/trends';
import { sha256Hex, snapshotIntact } from './create';

export interface CheckedSnapshot {
	snapshot: Snapshot;
	/** The SHA-256 of the main document's bytes as stored now. */
	actualSha256: string;
	/** Whether both stored documents still match the SHA-256 saved with them. */
	intact: boolean;
}

/**
 * What a reader may see of a snapshot: `goals` false for the placement without the parents'
 * consent (src/lib/server/consent.ts), who gets every view without the goals.
 */
export interface SnapshotView {
	goals: boolean;
}

export const FULL_VIEW: SnapshotView = { goals: true };

/** A snapshot with the result of checking its bytes, or null when there is no such snapshot. */
export async function checkSnapshot(db: Db, snapshotId: string): Promise<CheckedSnapshot | null> {
	const snapshot = await db
		.select()
		.from(snapshots)
		.where(eq(snapshots.id, snapshotId))
		.limit(1)
		.then(first);
	if (!snapshot) return null;
	const actualSha256 = sha256Hex(snapshot.state);
	return { snapshot, actualSha256, intact: snapshotIntact(snapshot) };
}

/**
 * The snapshot's board as one document of the current schema, as `view` may see it (a copy; the
 * snapshot is unchanged).
 */
export function openStored(snapshot: Snapshot, view: SnapshotView = FULL_VIEW): OpenedSnapshot {
	return openSnapshot(new Uint8Array(snapshot.state), {
		goals: view.goals && snapshot.goalsState ? new Uint8Array(snapshot.goalsState) : null,
		withhold: !view.goals
	});
}

/** Per tool, what changed from `before` to `after` (Danish wording). */
export function diffSnapshots(
	before: Snapshot,
	after: Snapshot,
	view: SnapshotView = FULL_VIEW
): BoardDiff {
	const a = openStored(before, view);
	const b = openStored(after, view);
	try {
		const diff = diffBoards(a.doc, b.doc, translator('da'), 'da');
		if (!view.goals) delete diff.tools.goals;
		return diff;
	} finally {
		a.doc.destroy();
		b.doc.destroy();
	}
}

export interface CaseTrends {
	caseId: string;
	points: TrendPoint[];
	/** Snapshots left out because their bytes no longer match their SHA-256. */
	skipped: { snapshotId: string; meetingId: string; reason: 'tampered' }[];
}

/**
 * The trends over the given meetings of a case (the caller passes the meetings the reader may
 * see): one point per meeting, from the snapshot saved when it ended (else its latest).
 */
export async function caseTrends(
	db: Db,
	caseId: string,
	meetingIds: string[],
	view: SnapshotView = FULL_VIEW
): Promise<CaseTrends> {
	if (meetingIds.length === 0) return { caseId, points: [], skipped: [] };
	const rows = await db
		.select({
			id: snapshots.id,
			meetingId: snapshots.meetingId,
			reason: snapshots.reason,
			createdAt: snapshots.createdAt,
			title: meetings.title
		})
		.from(snapshots)
		.innerJoin(meetings, eq(meetings.id, snapshots.meetingId))
		.where(and(eq(snapshots.caseId, caseId), inArray(snapshots.meetingId, meetingIds)));
	const t = translator('da');
	const skipped: CaseTrends['skipped'] = [];
	const inputs: TrendSnapshot[] = [];
	const byMeeting = new Map<string, typeof rows>();
	for (const row of rows)
		byMeeting.set(row.meetingId, [...(byMeeting.get(row.meetingId) ?? []), row]);
	for (const list of byMeeting.values()) {
		// In order of preference; a tampered one is skipped and the next one stands for the meeting.
		const ordered = preferenceOrder(list);
		for (const row of ordered) {
			const checked = await checkSnapshot(db, row.id);
			if (!checked) continue;
			if (!checked.intact) {
				skipped.push({ snapshotId: row.id, meetingId: row.meetingId, reason: 'tampered' });
				continue;
			}
			const opened = openStored(checked.snapshot, view);
			try {
				const tools = summarizeTools(opened.doc, t, 'da');
				if (!view.goals) delete tools.goals;
				inputs.push({
					snapshotId: row.id,
					meetingId: row.meetingId,
					meetingTitle: row.title,
					at: row.createdAt.toISOString(),
					tools
				});
			} finally {
				opened.doc.destroy();
			}
			break;
		}
	}
	return { caseId, points: trendPoints(inputs), skipped };
}
