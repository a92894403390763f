/**
 * Convergence through the real server with stock y-websocket clients: concurrent seeded random
 * edits, an offline client, and the stored board equal to what every client holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	shutDown,
	createDemoMeeting,
	DEMO_BOARD,
	DEMO_EDITORS,
	sessionCookie,
	storedBoard,
	waitConverged,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const cookies = new Map<string, string>();

function client(boardId: string, userIndex: number): TestClient {
	const c = connectClient(server.url, boardId, {
		cookie: cookies.get(DEMO_EDITORS[userIndex % DEMO_EDITORS.length]!)
	});
	clients.push(c);
	return c;
}

const tick = () => new Promise((r) => setImmediate(r));

function expectSameBoards(docs: Y.Doc[]): void {
	const [first, ...rest] = docs.map(canonicalBoard);
	for (const other of rest) expect(other === first, 'boards differ').toBe(true);
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	for (const userId of DEMO_EDITORS) cookies.set(userId, sessionCookie(server.dbPath, userId));
});

afterAll(() => shutDown(server, clients));

describe('sync convergence', () => {
	it('5 clients × 300 concurrent random edits converge to the stored board', async () => {
		const five = [0, 1, 2, 3, 4].map((i) => client(DEMO_BOARD, i));
		await Promise.all(five.map(waitSynced));
		// The seeded demo board arrived before anyone edited.
		expect(five[0]!.doc.getMap('elements').has('demo-welcome')).toBe(true);

		const editors = five.map((c, i) => createRandomEditor(c.doc, 1000 + i));
		for (let round = 0; round < 30; round++) {
			for (const editor of editors) editor.edits(10);
			await tick();
		}
		await waitConverged(five.map((c) => c.doc));
		expectSameBoards(five.map((c) => c.doc));

		// Everything any client holds was stored before it was forwarded.
		const stored = storedBoard(server.dbPath, DEMO_BOARD);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(five[0]!.doc));
		expectSameBoards([five[0]!.doc, stored]);

		// A newcomer loads the same board.
		const late = client(DEMO_BOARD, 2);
		await waitSynced(late);
		expectSameBoards([five[0]!.doc, late.doc]);
	});

	it('a client offline for 100 edits converges on reconnect', async () => {
		const boardId = createDemoMeeting(server.dbPath, 'offline');
		const online = [0, 1].map((i) => client(boardId, i));
		const offline = client(boardId, 2);
		await Promise.all([...online, offline].map(waitSynced));

		offline.provider.disconnect();
		const offlineEditor = createRandomEditor(offline.doc, 77);
		const onlineEditors = online.map((c, i) => createRandomEditor(c.doc, 200 + i));
		for (let i = 0; i < 10; i++) {
			offlineEditor.edits(10);
			for (const editor of onlineEditors) editor.edits(5);
			await tick();
		}
		await waitConverged(online.map((c) => c.doc));
		expect(canonicalBoard(offline.doc) === canonicalBoard(online[0]!.doc)).toBe(false);

		offline.provider.connect();
		await waitConverged([...online, offline].map((c) => c.doc));
		expectSameBoards([...online, offline].map((c) => c.doc));
		const stored = storedBoard(server.dbPath, boardId);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(offline.doc));
		expectSameBoards([offline.doc, stored]);
	});
});
