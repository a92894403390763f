/**
 * The board log in the real server: compacted once it grows past 500 updates and when the room
 * unloads, and a board loads the same after an unload and after a restart. Also with the boards
 * on PostgreSQL (`npm run test:integration:pg`).
 */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { combineGoals, goalsDocId } from '../../src/lib/board/parts';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { countSql } from '../helpers/db';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	shutDown,
	DEMO_BOARD,
	postgresOf,
	sessionCookie,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer | undefined;
const clients: TestClient[] = [];

/** The board's log rows and how far its state folds, from the store the server uses. */
async function logRows(
	dbPath: string,
	boardId: string
): Promise<{ log: number; throughSeq: number }> {
	// The board's column: `doc_id` on PostgreSQL, `board_id` in the SQLite file.
	const id = postgresOf(dbPath) ? 'doc_id' : 'board_id';
	return {
		log: await countSql(dbPath, `SELECT count(*) FROM board_updates WHERE ${id} = ?`, boardId),
		throughSeq: await countSql(
			dbPath,
			`SELECT coalesce(max(through_seq), -1) FROM board_states WHERE ${id} = ?`,
			boardId
		)
	};
}

afterAll(() => shutDown(server, clients));

/** The board as one canonical text: the main document with the goals document's goals in it. */
async function wholeBoard(doc: Y.Doc, cookie: string): Promise<string> {
	const goals = connectClient(server!.url, goalsDocId(DEMO_BOARD), { cookie });
	clients.push(goals);
	await waitSynced(goals);
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return canonicalBoard(combineGoals(copy, goals.doc));
}

it('compacts a long log, compacts on unload, and loads the same board again', async () => {
	server = await startServer({ demo: true, env: { SYNC_UNLOAD_DELAY_MS: '300' } });
	const cookie = sessionCookie(server.dbPath, 'demo-anne');
	const a = connectClient(server.url, DEMO_BOARD, { cookie });
	const b = connectClient(server.url, DEMO_BOARD, { cookie });
	clients.push(a, b);
	await Promise.all([waitSynced(a), waitSynced(b)]);

	const editor = createRandomEditor(a.doc, 9);
	for (let i = 0; i < 40; i++) {
		editor.edits(20);
		await new Promise((r) => setImmediate(r));
	}
	await waitConverged([a.doc, b.doc]);
	// 800 edits went through; the log is folded into the state on the way (in a worker thread).
	await waitFor(
		async () => (await logRows(server!.dbPath, DEMO_BOARD)).throughSeq > 0,
		'compaction while editing'
	);
	expect((await logRows(server.dbPath, DEMO_BOARD)).log).toBeLessThan(800);
	const expected = canonicalBoard(a.doc);
	const expectedWhole = await wholeBoard(a.doc, cookie);
	expect(canonicalBoard(storedBoard(server.dbPath, DEMO_BOARD)) === expected).toBe(true);

	// Everyone leaves: the room unloads and compacts the whole log.
	a.destroy();
	b.destroy();
	clients.length = 0;
	await waitFor(
		async () => (await logRows(server!.dbPath, DEMO_BOARD)).log === 0,
		'the log to be compacted on unload'
	);
	expect(canonicalBoard(storedBoard(server.dbPath, DEMO_BOARD)) === expected).toBe(true);

	// A newcomer loads the compacted board.
	const c = connectClient(server.url, DEMO_BOARD, { cookie });
	clients.push(c);
	await waitSynced(c);
	// Loading again moves the goals the stock clients wrote into the main document into the goals
	// document (docs/consent.md): the board, both documents together, is the same.
	expect((await wholeBoard(c.doc, cookie)) === expectedWhole).toBe(true);
	createRandomEditor(c.doc, 10).edits(30);
	const afterEdits = canonicalBoard(c.doc);
	const vector = Y.encodeStateVector(c.doc);
	await waitFor(
		() =>
			Y.encodeStateVector(storedBoard(server!.dbPath, DEMO_BOARD)).toString() === vector.toString(),
		'edits stored'
	);

	const afterWhole = await wholeBoard(c.doc, cookie);
	void afterEdits;
	// A graceful restart stores and compacts; the board is the same afterwards.
	await server.stop();
	expect((await logRows(server.dbPath, DEMO_BOARD)).log).toBe(0);
	server = await startServer({ dir: server.dir });
	const d = connectClient(server.url, DEMO_BOARD, { cookie });
	clients.push(d);
	await waitSynced(d);
	expect((await wholeBoard(d.doc, cookie)) === afterWhole).toBe(true);
});
