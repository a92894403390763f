/**
 * Creating a meeting's board on the server, before anyone connects: meta and every nested map
 * exist from the start, so two clients never create the same nested map concurrently (which
 * would lose one side's writes).
 */
import type * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/client';
import type { Meeting } from '../../src/lib/server/db/schema';
import { initBoard } from '../../src/lib/board/doc';
import { seedBoardIfEmpty } from '../persistence/sqlite-store';

/**
 * Creates the meeting's board if it has none yet; `fill` adds first content (the demo seed) in
 * the same transaction. Returns whether it created the board.
 */
export function createMeetingBoard(
	db: Db,
	meeting: Meeting,
	fill?: { createdFrom: string; build: (doc: Y.Doc) => void }
): boolean {
	return seedBoardIfEmpty(db, meeting.boardId, (doc) => {
		initBoard(doc, {
			caseId: meeting.caseId,
			meetingId: meeting.id,
			title: meeting.title,
			createdFrom: fill?.createdFrom ?? 'blank'
		});
		fill?.build(doc);
	});
}
