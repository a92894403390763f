/**
 * The demo meeting's board (ARCHITECTURE.md §2), so that a newcomer opens a living board: it
 * continues from the ended meeting's snapshot (the people around the case, the tools and their
 * content), with the agenda as sticky notes, a welcome text and an arrow, and the tool frames
 * laid out below the agenda. Seeded only into an empty board.
 */
import { eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import { createElements, type NewElement } from '../../src/lib/board/ops/elements';
import { first, type Db } from '../../src/lib/server/db/client';
import { meetings } from '../../src/lib/server/db/tables';
import { agendaOf } from '../../src/lib/server/meetings';
import { createMeetingBoard } from '../boards/create';
import { people } from '../../src/lib/board/doc';
import { addDemoPeople } from './people';
import { layOutDemoToolFrames } from './tools';

export const DEMO_BOARD_ID = 'demo-board-netvaerk';

const STICKY_COLORS = ['yellow', 'blue', 'green', 'pink'];
const WELCOME =
	'Velkommen til netværksmødet! Her er dagsordenen. Skriv gerne på sedlerne, tilføj nye, ' +
	'og brug værktøjerne til netværkskortet.';
/** Where the agenda notes start: well below the welcome text (three lines at 36 px). */
const NOTES_TOP = 320;
const WELCOME_HEIGHT = 170;

/** Seeds the planned demo meeting's board if it is empty. Returns whether it seeded. */
export async function seedDemoBoard(
	db: Db,
	boardId = DEMO_BOARD_ID,
	now = new Date()
): Promise<boolean> {
	const meeting = await db
		.select()
		.from(meetings)
		.where(eq(meetings.boardId, boardId))
		.limit(1)
		.then(first);
	if (!meeting) return false;
	const agenda = await agendaOf(db, meeting.id);
	const createdAt = now.getTime();
	const base = { author: 'seed', createdAt };
	const build = (doc: Y.Doc): void => {
		// Without the ended meeting's snapshot to continue from, the people are added here.
		if (people(doc).size === 0) addDemoPeople(doc, now);
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
		layOutDemoToolFrames(doc, { x: 0, y: NOTES_TOP + 240 + 160 });
	};
	return await createMeetingBoard(db, meeting, {
		startFrom: 'latest',
		fill: { createdFrom: 'demo', build }
	});
}
