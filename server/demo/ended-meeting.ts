/**
 * The ended demo meeting (the opstartsmøde three weeks ago): a board with what was said, and the
 * snapshot that was saved when it ended, so a newcomer finds a saved board on the case.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { meetings, snapshots } from '../../src/lib/server/db/schema';
import { createElements, type NewElement } from '../../src/lib/board/ops/elements';
import { createMeetingBoard } from '../boards/create';
import type * as Y from 'yjs';
import { insertSnapshot } from '../snapshots/create';
import { readBoardState } from '../persistence/sqlite-store';
import { addDemoPeople } from './people';

export const DEMO_ENDED_MEETING_ID = 'demo-meeting-opstart';

const NOTES: [string, string][] = [
	['yellow', 'Line: "Jeg vil gerne have, at Sara og Mikkel ved, at jeg kæmper for dem."'],
	['pink', 'Bekymring: samvær er blevet aflyst tre gange siden sommer.'],
	['green', 'Det går godt: Sara er glad for skolen, og Mikkel sover bedre hos familien Holm.'],
	['blue', 'Aftale: Jonas og Line mødes hver uge de næste otte uger.'],
	['blue', 'Aftale: Næste møde er et netværksmøde – Line vælger, hvem der skal med.']
];

/** Seeds the ended demo meeting's board and its end-of-meeting snapshot where missing. */
export function seedEndedMeeting(db: Db, now = new Date()): void {
	const meeting = db.select().from(meetings).where(eq(meetings.id, DEMO_ENDED_MEETING_ID)).get();
	if (!meeting) return;
	const build = (doc: Y.Doc): void => {
		addDemoPeople(doc, now);
		const createdAt = meeting.startsAt.getTime();
		const els: NewElement[] = [
			{
				id: 'opstart-title',
				type: 'text',
				x: 0,
				y: 0,
				w: 720,
				h: 60,
				color: 'black',
				text: 'Opstartsmøde: det talte vi om',
				fontSize: 36,
				author: 'seed',
				createdAt
			},
			...NOTES.map(([color, text], i): NewElement => ({
				id: `opstart-note-${i}`,
				type: 'sticky',
				x: (i % 3) * 260,
				y: 100 + Math.floor(i / 3) * 260,
				w: 230,
				h: 230,
				color,
				text,
				author: 'seed',
				createdAt
			}))
		];
		createElements(doc, els, { source: 'local' });
	};
	createMeetingBoard(db, meeting, { createdFrom: 'demo', build });
	const hasSnapshot = db
		.select({ id: snapshots.id })
		.from(snapshots)
		.where(eq(snapshots.meetingId, meeting.id))
		.get();
	if (hasSnapshot) return;
	const state = readBoardState(db, meeting.boardId);
	db.transaction((tx) =>
		insertSnapshot(
			tx as unknown as Db,
			meeting,
			state,
			'meeting-ended',
			{ userId: 'demo-anne', name: 'Anne' },
			meeting.endedAt ?? now
		)
	);
}
