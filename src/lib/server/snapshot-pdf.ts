/** Everything a snapshot's PDF shows, gathered for one reader (what they may see), then the PDF. */
import type { SessionUser } from './auth/session';
import { getDb } from './db/client';
import { type Snapshot } from './db/schema';
import { visibleMeetings } from './access';
import { meetingDetails } from './meetings';
import { snapshotPdf } from '$server/snapshots/pdf';
import { caseTrends, type SnapshotView } from '$server/snapshots/review';
import { caseById, meetingById } from './db/by-id';

export async function snapshotPdfFor(
	snapshot: Snapshot,
	user: SessionUser,
	view: SnapshotView
): Promise<{ bytes: Buffer; filename: string }> {
	const db = getDb();
	const meeting = (await meetingById(db, snapshot.meetingId))!;
	const theCase = (await caseById(db, snapshot.caseId))!;
	const details = await meetingDetails(db, meeting);
	// The trends up to this snapshot, over the meetings this reader may see.
	const visible = (await visibleMeetings(db, user.id, snapshot.caseId)).map((m) => m.id);
	const trends = (await caseTrends(db, snapshot.caseId, visible, view)).points.filter(
		(p) => new Date(p.at).getTime() <= snapshot.createdAt.getTime()
	);
	const bytes = await snapshotPdf({
		snapshot,
		caseInfo: { title: theCase.title, reference: theCase.reference },
		meeting,
		participants: details.participants,
		agenda: details.agenda.map((a) => ({ title: a.title, durationMinutes: a.durationMinutes })),
		trends,
		exportedBy: user.name,
		view
	});
	const day = snapshot.createdAt.toISOString().slice(0, 10);
	const ref = (theCase.reference ?? theCase.id).replace(/[^A-Za-z0-9-]+/g, '-');
	return { bytes, filename: `gemt-tavle-${ref}-${day}.pdf` };
}
