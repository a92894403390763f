/**
 * Crash safety: `kill -9` of the server during heavy editing loses nothing that any client holds.
 * After a restart on the same database and port the clients reconnect, resync, and every edit is
 * on every client and in the database.
 */
import { afterAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	shutDown,
	DEMO_BOARD,
	DEMO_EDITORS,
	sessionCookie,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterAll(() => shutDown(server, clients));

it('kill -9 during heavy editing, restart: nothing is lost', async () => {
	const first = await startServer({ demo: true });
	server = first;
	for (const userId of DEMO_EDITORS.slice(0, 4)) {
		clients.push(
			connectClient(first.url, DEMO_BOARD, { cookie: sessionCookie(first.dbPath, userId) })
		);
	}
	await Promise.all(clients.map(waitSynced));

	// Heavy editing: every client edits on every turn until told to stop.
	const editors = clients.map((c, i) => createRandomEditor(c.doc, 500 + i));
	let editing = true;
	let edits = 0;
	const loop = (async () => {
		while (editing) {
			for (const editor of editors) editor.edits(3);
			edits += 3 * editors.length;
			await new Promise((r) => setTimeout(r, 2));
		}
	})();

	await waitFor(() => edits >= 600, 'edits before the crash');
	await first.kill();
	const editsAtCrash = edits;
	await waitFor(() => edits >= editsAtCrash + 120, 'edits while the server is down');
	server = await startServer({ dir: first.dir, port: first.port });
	await waitFor(() => clients.every((c) => c.provider.synced), 'clients to reconnect');
	editing = false;
	await loop;

	const docs = clients.map((c) => c.doc);
	await waitConverged(docs);
	const board = canonicalBoard(docs[0]!);
	for (const doc of docs) expect(canonicalBoard(doc) === board).toBe(true);

	// Crash again: what the clients converged on went through the server, so it was stored.
	await server.kill();
	const stored = storedBoard(server.dbPath, DEMO_BOARD);
	expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(docs[0]!));
	expect(canonicalBoard(stored) === board).toBe(true);
	server = await startServer({ dir: first.dir, port: first.port });
});
