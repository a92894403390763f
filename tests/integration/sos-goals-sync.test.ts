/**
 * Signs of Safety and goal steps through the real server with stock y-websocket clients (issue 9,
 * acceptance 3): two clients typing into the same card at once keep both texts, and a concurrent
 * fourth active goal resolves the same on every client and in the stored board.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { goalsDocId } from '../../src/lib/board/parts';
import { toolData } from '../../src/lib/tools/data';
import { readGoals } from '../../src/lib/tools/goals/model';
import { addGoal, setGoalStatus } from '../../src/lib/tools/goals/ops';
import { OVERALL, readSos } from '../../src/lib/tools/sos/model';
import { addCard, rate, setCardText } from '../../src/lib/tools/sos/ops';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];

function client(userId: string, boardId = DEMO_BOARD): TestClient {
	const c = connectClient(server.url, boardId, { cookie: sessionCookie(server.dbPath, userId) });
	clients.push(c);
	return c;
}

const sosOf = (doc: Y.Doc) => readSos(toolData(doc, 'sos'));
const goalStates = (doc: Y.Doc) =>
	readGoals(toolData(doc, 'goals')).goals.map((g) => [g.title, g.state]);

beforeAll(async () => {
	server = await startServer({ demo: true });
});

afterAll(() => shutDown(server, clients));

describe('Signs of Safety and goal steps with stock clients', () => {
	it('two clients typing into the same card concurrently keep both texts', async () => {
		const anne = client('demo-anne');
		const line = client('demo-line');
		await Promise.all([anne, line].map(waitSynced));
		// The planned demo board carried the cards forward from the ended meeting.
		expect(sosOf(anne.doc).cards.length).toBeGreaterThan(5);
		addCard(toolData(anne.doc, 'sos'), 'sync-card', {
			column: 'working',
			text: 'Sara er glad for skolen.',
			voice: 'parent'
		});
		await waitFor(
			() => sosOf(line.doc).cards.some((c) => c.id === 'sync-card'),
			'the card to reach Line'
		);
		// Both type at the same time, before either has the other's words.
		const base = 'Sara er glad for skolen.';
		setCardText(toolData(anne.doc, 'sos'), 'sync-card', 'text', `Anne: ${base}`, 6);
		setCardText(toolData(line.doc, 'sos'), 'sync-card', 'text', `${base} Mikkel sover bedre.`);
		setCardText(toolData(line.doc, 'sos'), 'sync-card', 'disagreement', 'Carsten er ikke enig.');
		await waitConverged([anne.doc, line.doc]);
		const expected = 'Anne: Sara er glad for skolen. Mikkel sover bedre.';
		for (const doc of [anne.doc, line.doc, storedBoard(server.dbPath, DEMO_BOARD)]) {
			const card = sosOf(doc).cards.find((c) => c.id === 'sync-card')!;
			expect(card.text).toBe(expected);
			expect(card.disagreement).toBe('Carsten er ikke enig.');
		}
		// Each rates the overall scale as themselves; both markers arrive everywhere.
		rate(
			toolData(anne.doc, 'sos'),
			OVERALL,
			{ key: 'demo-anne', group: 'professional', name: 'Anne' },
			4
		);
		rate(
			toolData(line.doc, 'sos'),
			OVERALL,
			{ key: 'demo-line', group: 'parent', name: 'Line' },
			7
		);
		await waitConverged([anne.doc, line.doc]);
		for (const doc of [anne.doc, line.doc])
			expect(sosOf(doc).overall.ratings.map((r) => [r.key, r.value, r.group])).toEqual([
				['demo-anne', 4, 'professional'],
				['demo-line', 7, 'parent']
			]);
	});

	it('resolves a concurrent fourth active goal the same on every client and in the stored board', async () => {
		// The goals live in the board's goals document (docs/consent.md).
		const anne = client('demo-anne', goalsDocId(DEMO_BOARD));
		const jonas = client('demo-jonas', goalsDocId(DEMO_BOARD));
		const line = client('demo-line', goalsDocId(DEMO_BOARD));
		await Promise.all([anne, jonas, line].map(waitSynced));
		// The demo goals: two active for Line, carried forward from the ended meeting.
		expect(goalStates(anne.doc).filter(([, s]) => s === 'active')).toHaveLength(2);
		// Anne and Jonas each see room for one more and add it at the same time.
		expect(
			addGoal(
				toolData(anne.doc, 'goals'),
				'goal-sync-a',
				{ title: 'Fast samværsplan' },
				5_000_000_000_000
			)
		).toBe(true);
		expect(
			addGoal(
				toolData(jonas.doc, 'goals'),
				'goal-sync-b',
				{ title: 'Rolige overleveringer' },
				5_000_000_000_001
			)
		).toBe(true);
		await waitConverged([anne.doc, jonas.doc, line.doc]);
		const stored = storedBoard(server.dbPath, goalsDocId(DEMO_BOARD));
		const views = [anne.doc, jonas.doc, line.doc, stored].map(goalStates);
		for (const view of views) expect(view).toEqual(views[0]);
		expect(views[0]!.filter(([, s]) => s === 'active')).toHaveLength(3);
		expect(views[0]!.find(([title]) => title === 'Rolige overleveringer')?.[1]).toBe('waiting');
		// Line pauses one of hers: the waiting goal becomes active for everyone.
		const first = readGoals(toolData(line.doc, 'goals')).goals[0]!;
		expect(setGoalStatus(toolData(line.doc, 'goals'), first.id, 'paused')).toBe(true);
		await waitConverged([anne.doc, jonas.doc, line.doc]);
		for (const doc of [anne.doc, jonas.doc, line.doc]) {
			const states = Object.fromEntries(goalStates(doc));
			expect(states['Rolige overleveringer']).toBe('active');
			expect(Object.values(states).filter((s) => s === 'active')).toHaveLength(3);
		}
	});
});
