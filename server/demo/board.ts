/**
 * The demo meeting's board (schema v1, ARCHITECTURE.md §2), so that a newcomer opens a living
 * board: the agenda as sticky notes, a welcome text and an arrow. Seeded only into an empty board.
 */
import { asc, eq } from 'drizzle-orm';
import { generateNKeysBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import type { Db } from '../../src/lib/server/db/client';
import { agendaItems, meetings } from '../../src/lib/server/db/schema';
import { seedBoardIfEmpty } from '../persistence/sqlite-store';

export const DEMO_BOARD_ID = 'demo-board-netvaerk';

const STICKY_COLORS = ['yellow', 'blue', 'green', 'pink'];
const WELCOME =
	'Velkommen til netværksmødet! Her er dagsordenen. Skriv gerne på sedlerne, tilføj nye, ' +
	'og brug værktøjerne til netværkskortet.';

function element(fields: Record<string, unknown>, text?: string): Y.Map<unknown> {
	const el = new Y.Map<unknown>();
	for (const [key, value] of Object.entries(fields)) el.set(key, value);
	if (text !== undefined) el.set('text', new Y.Text(text));
	return el;
}

/** Seeds the planned demo meeting's board if it is empty. Returns whether it seeded. */
export async function seedDemoBoard(db: Db, boardId = DEMO_BOARD_ID, now = new Date()): Promise<boolean> {
	const meeting = db.select().from(meetings).where(eq(meetings.boardId, boardId)).get();
	if (!meeting) return false;
	const agenda = db
		.select()
		.from(agendaItems)
		.where(eq(agendaItems.meetingId, meeting.id))
		.orderBy(asc(agendaItems.position))
		.all();
	const createdAt = now.getTime();
	return seedBoardIfEmpty(db, boardId, (doc) => {
		const meta = doc.getMap<unknown>('meta');
		meta.set('schemaVersion', 1);
		meta.set('caseId', meeting.caseId);
		meta.set('meetingId', meeting.id);
		meta.set('title', meeting.title);
		meta.set('createdFrom', 'demo');

		const elements = doc.getMap<Y.Map<unknown>>('elements');
		const z = generateNKeysBetween(null, null, agenda.length + 2);
		const base = { rotation: 0, author: 'seed', createdAt };
		elements.set(
			'demo-welcome',
			element({ ...base, type: 'text', x: 0, y: 0, w: 640, h: 90, color: 'black', z: z[0] }, WELCOME)
		);
		agenda.forEach((item, i) => {
			const minutes = item.durationMinutes ? ` (${item.durationMinutes} min.)` : '';
			elements.set(
				`demo-agenda-${i}`,
				element(
					{
						...base,
						type: 'sticky',
						x: i * 240,
						y: 200,
						w: 200,
						h: 200,
						color: STICKY_COLORS[i % STICKY_COLORS.length],
						z: z[i + 1]
					},
					`${i + 1}. ${item.title}${minutes}`
				)
			);
		});
		if (agenda.length > 0) {
			elements.set(
				'demo-arrow',
				element({
					...base,
					type: 'arrow',
					x: 100,
					y: 90,
					w: 0,
					h: 110,
					color: 'black',
					z: z[agenda.length + 1],
					points: [100, 90, 100, 200],
					from: 'demo-welcome',
					to: 'demo-agenda-0'
				})
			);
		}
	});
}
