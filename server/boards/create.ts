/**
 * Creating a meeting's board on the server, before anyone connects: meta and every nested map
 * exist from the start, so two clients never create the same nested map concurrently (which
 * would lose one side's writes). A new meeting starts from the case's latest snapshot (people,
 * timeline, genogram, network map and goals carry forward), or blank when asked.
 */
import { and, desc, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/client';
import { meetings, snapshots } from '../../src/lib/server/db/tables';
import { type Meeting } from '../../src/lib/server/db/schema';
import { initBoard } from '../../src/lib/board/doc';
import { carryForward } from '../../src/lib/board/carry-forward';
import { seedBoardParts } from '../persistence/read';
import { openStored } from '../snapshots/review';
import type { StartFrom } from '../../src/lib/server/meetings';
import { verifiedSnapshot } from '../snapshots/create';
import { agendaOf } from '../../src/lib/server/meetings';
import { syncAgenda } from '../../src/lib/meeting/agenda';

/**
 * The newest intact snapshot of the meeting's case that it may build on. An internal meeting's
 * snapshot only seeds another internal meeting: parents must not find internal content on the
 * board of a meeting they take part in. Snapshots whose bytes no longer match are skipped.
 */
export async function latestSnapshotFor(db: Db, meeting: Meeting) {
	const candidates = await db
		.select({ id: snapshots.id })
		.from(snapshots)
		.innerJoin(meetings, eq(meetings.id, snapshots.meetingId))
		.where(
			meeting.internal
				? eq(snapshots.caseId, meeting.caseId)
				: and(eq(snapshots.caseId, meeting.caseId), eq(meetings.internal, false))
		)
		.orderBy(desc(snapshots.createdAt));
	for (const { id } of candidates) {
		const snapshot = await verifiedSnapshot(db, id);
		if (snapshot) return snapshot;
	}
	return null;
}

/**
 * Creates the meeting's board if it has none yet. `startFrom: 'latest'` carries forward from the
 * case's latest snapshot (when there is one); `fill` adds first content (the demo seed) in the
 * same transaction. Returns whether it created the board.
 */
export async function createMeetingBoard(
	db: Db,
	meeting: Meeting,
	options: {
		startFrom?: StartFrom;
		/** First content: `doc` is the main document, `goals` the goals document. */
		fill?: { createdFrom: string; build: (doc: Y.Doc, goals: Y.Doc) => void };
	} = {}
): Promise<boolean> {
	const source = options.startFrom === 'latest' ? await latestSnapshotFor(db, meeting) : null;
	const agenda = (await agendaOf(db, meeting.id)).map((a) => ({
		id: a.id,
		title: a.title,
		durationMinutes: a.durationMinutes
	}));
	return seedBoardParts(db, meeting.boardId, (doc, goals) => {
		initBoard(doc, {
			caseId: meeting.caseId,
			meetingId: meeting.id,
			title: meeting.title,
			createdFrom: options.fill?.createdFrom ?? source?.id ?? 'blank'
		});
		if (source) {
			// The previous board as one document, its goals combined in: they carry forward into the
			// new board's goals document.
			const previous = openStored(source).doc;
			try {
				carryForward(previous, doc, goals);
			} finally {
				previous.destroy();
			}
		}
		// The meeting's agenda on the board, for the agenda panel (the facilitator's board keeps it
		// in step with later edits of the meeting).
		syncAgenda(doc, agenda);
		options.fill?.build(doc, goals);
	});
}
