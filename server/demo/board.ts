/**
 * The demo meeting's board (schema v1, ARCHITECTURE.md §2), so that a newcomer opens a living
 * board: the agenda as sticky notes, a welcome text and an arrow, and the people around the case
 * (the parents choose participants among them). Seeded only into an empty board.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { createElements, type NewElement } from '../../src/lib/board/ops/elements';
import type { Db } from '../../src/lib/server/db/client';
import { meetings } from '../../src/lib/server/db/schema';
import { agendaOf } from '../../src/lib/server/meetings';
import { createMeetingBoard } from '../boards/create';
import { addDemoPeople } from './people';

export const DEMO_BOARD_ID = 'demo-board-netvaerk';

const STICKY_COLORS = ['yellow', 'blue', 'green', 'pink'];
const WELCOME =
	'Velkommen til netværksmødet! Her er dagsordenen. Skriv gerne på sedlerne, tilføj nye, ' +
	'og brug værktøjerne til netværkskortet.';
/** Where the agenda notes start: well below the welcome text (three lines at 36 px). */
const NOTES_TOP = 320;
const WELCOME_HEIGHT = 170;

/** Seeds the planned demo meeting's board if it is empty. Returns whether it seeded. */
export function seedDemoBoard(db: Db, boardId = DEMO_BOARD_ID, now = new Date()): boolean {
	const meeting = db.select().from(meetings).where(eq(meetings.boardId, boardId)).get();
	if (!meeting) return false;
	const agenda = agendaOf(db, meeting.id);
	const createdAt = now.getTime();
	const base = { author: 'seed', createdAt };
	const build = (doc: Y.Doc): void => {
		addDemoPeople(doc, now);
		const els: NewElement[] = [
			{
				...base,
				id: 'demo-welcome',
				type: 'text',
				x: 0,
				y: 0,
				w: 1000,
				h: WELCOME_HEIGHT,
				color: 'black',
				text: WELCOME
			}
		];
		agenda.forEach((item, i) => {
			const minutes = item.durationMinutes ? ` (${item.durationMinutes} min.)` : '';
			els.push({
				...base,
				id: `demo-agenda-${i}`,
				type: 'sticky',
				x: i * 280,
				y: NOTES_TOP,
				w: 240,
				h: 240,
				color: STICKY_COLORS[i % STICKY_COLORS.length],
				text: `${i + 1}. ${item.title}${minutes}`
			});
		});
		if (agenda.length > 0) {
			els.push({
				...base,
				id: 'demo-arrow',
				type: 'arrow',
				x: 100,
				y: WELCOME_HEIGHT,
				w: 0,
				h: NOTES_TOP - WELCOME_HEIGHT,
				color: 'black',
				points: [0, 0, 0, NOTES_TOP - WELCOME_HEIGHT],
				from: 'demo-welcome',
				to: 'demo-agenda-0'
			});
		}
		createElements(doc, els, { source: 'local' });
	};
	return createMeetingBoard(db, meeting, { fill: { createdFrom: 'demo', build } });
}
