/**
 * The ended demo meeting (the opstartsmøde three weeks ago): a board with what was said and the
 * tools filled from the demo case (PRODUCT.md), and the snapshot that was saved when it ended, so
 * a newcomer finds a saved board on the case and the planned meeting carries the tools forward.
 */
import { eq } from 'drizzle-orm';
import { first, transaction, type Db } from '../../src/lib/server/db/client';
import { snapshots } from '../../src/lib/server/db/tables';
import { createElements, type NewElement } from '../../src/lib/board/ops/elements';
import { createMeetingBoard } from '../boards/create';
import * as Y from 'yjs';
import { minutes } from '../../src/lib/board/doc';
import { insertSnapshot, readBoardParts } from '../snapshots/create';
import { addDemoPeople } from './people';
import { addDemoToolContent, layOutDemoToolFrames } from './tools';
import { meetingById } from '../../src/lib/server/db/by-id';

export const DEMO_ENDED_MEETING_ID = 'demo-meeting-opstart';

const NOTES: [string, string][] = [
	['yellow', 'Line: "Jeg vil gerne have, at Sara og Mikkel ved, at jeg kæmper for dem."'],
	['pink', 'Bekymring: samvær er blevet aflyst tre gange siden sommer.'],
	['green', 'Det går godt: Sara er glad for skolen, og Mikkel sover bedre hos familien Holm.'],
	['blue', 'Aftale: Jonas og Line mødes hver uge de næste otte uger.'],
	['blue', 'Aftale: Næste møde er et netværksmøde – Line vælger, hvem der skal med.']
];

/** Seeds the ended demo meeting's board and its end-of-meeting snapshot where missing. */
export async function seedEndedMeeting(db: Db, now = new Date()): Promise<void> {
	const meeting = await meetingById(db, DEMO_ENDED_MEETING_ID);
	if (!meeting) return;
	const build = (doc: Y.Doc, goals: Y.Doc): void => {
		addDemoPeople(doc, now);
		addMinutes(doc, meeting.startsAt);
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
		addDemoToolContent(doc, now, goals);
		layOutDemoToolFrames(doc, { x: 0, y: 760 });
	};
	await createMeetingBoard(db, meeting, { fill: { createdFrom: 'demo', build } });
	const hasSnapshot = await db
		.select({ id: snapshots.id })
		.from(snapshots)
		.where(eq(snapshots.meetingId, meeting.id))
		.limit(1)
		.then(first);
	if (hasSnapshot) return;
	const parts = await readBoardParts(db, meeting.boardId);
	await transaction(db, (tx) =>
		insertSnapshot(
			tx,
			meeting,
			parts,
			'meeting-ended',
			{ userId: 'demo-anne', name: 'Anne' },
			meeting.endedAt ?? now
		)
	);
}

/** One block of the minutes in the shape the Tiptap editor keeps (y-prosemirror). */
function block(type: string, text: string, attrs: Record<string, string | number> = {}) {
	const el = new Y.XmlElement(type);
	for (const [key, value] of Object.entries(attrs))
		el.setAttribute(key, value as unknown as string);
	el.insert(0, [new Y.XmlText(text)]);
	return el;
}

/** The minutes written during the opstartsmøde: what was said, a decision and two agreements. */
function addMinutes(doc: Y.Doc, held: Date): void {
	const inWeeks = (weeks: number) =>
		new Date(held.getTime() + weeks * 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
	minutes(doc).insert(0, [
		block('heading', 'Det talte vi om', { level: 2 }),
		block(
			'paragraph',
			'Line og Carsten fortalte, hvad de er stolte af, og hvad der er svært. Plejefamilien Holm fortalte om hverdagen med Sara og Mikkel.'
		),
		block(
			'decision',
			'Forældrehandleplanen tager udgangspunkt i samværet og i, at Line og Carsten er med i skolesamarbejdet.'
		),
		block('agreement', 'Jonas og Line mødes hver uge de næste otte uger.', {
			who: 'Jonas og Line',
			due: inWeeks(8)
		}),
		block('agreement', 'Line vælger, hvem der skal med til netværksmødet.', {
			who: 'Line',
			due: inWeeks(3)
		})
	]);
}
