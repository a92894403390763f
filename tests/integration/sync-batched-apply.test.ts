/**
 * A client that falls behind catches up in one transaction (src/lib/canvas/batched-apply.ts):
 * its socket is paused while another client makes edits the server forwards one by one, then
 * resumed. The stock y-websocket client applies each forwarded message in its own transaction;
 * the batched one applies what arrived together at once, and both end with the same board.
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { createRandomEditor } from '../../src/lib/board/random-edits';
import { batchReceivedUpdates } from '../../src/lib/canvas/batched-apply';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_EDITORS,
	sessionCookie,
	shutDown,
	waitConverged,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(() => shutDown(server, clients));

function client(user: number): TestClient {
	const c = connectClient(server.url, DEMO_BOARD, {
		cookie: sessionCookie(server.dbPath, DEMO_EDITORS[user]!)
	});
	clients.push(c);
	return c;
}

/** The TCP socket under a provider's WebSocket (`ws` keeps it as `_socket`). */
function socketOf(c: TestClient): Socket {
	return (c.provider.ws as unknown as { _socket: Socket })._socket;
}

/** Transactions the provider's received updates made in `doc`. */
function countTransactions(doc: Y.Doc, origin: unknown): { count: number } {
	const seen = { count: 0 };
	doc.on('afterTransaction', (t: Y.Transaction) => {
		if (t.origin === origin) seen.count++;
	});
	return seen;
}

describe('a client that fell behind', () => {
	it('applies what it missed in one transaction; the stock client in one per message', async () => {
		const writer = client(0);
		const stock = client(1);
		const batched = client(2);
		batchReceivedUpdates(batched.provider);
		await Promise.all([writer, stock, batched].map(waitSynced));

		const stockSeen = countTransactions(stock.doc, stock.provider);
		const batchedSeen = countTransactions(batched.doc, batched.provider);
		socketOf(stock).pause();
		socketOf(batched).pause();
		const EDITS = 30;
		const editor = createRandomEditor(writer.doc, 7);
		for (let i = 0; i < EDITS; i++) {
			editor.edits(1);
			// One server flush per edit: the server forwards each as a message of its own.
			await new Promise((r) => setTimeout(r, 15));
		}
		socketOf(stock).resume();
		socketOf(batched).resume();
		await waitConverged([writer.doc, stock.doc, batched.doc]);

		expect(stockSeen.count).toBeGreaterThanOrEqual(EDITS);
		expect(batchedSeen.count).toBeGreaterThanOrEqual(1);
		expect(batchedSeen.count).toBeLessThanOrEqual(3);
	});
});
