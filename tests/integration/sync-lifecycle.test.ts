/**
 * Connection lifecycle: presence cleaned up when a socket dies, sockets closed when their session
 * ends, and the per-connection rate limit (with a low limit for this server).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../src/lib/server/db/tables';
import { api, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	shutDown,
	createDemoMeeting,
	rawSocket,
	sessionCookie,
	storedBoard,
	upgradeStatus,
	waitConverged,
	waitFor,
	waitSynced,
	withAppDb,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
let boardId: string;
const clients: TestClient[] = [];

function connect(cookie: string): TestClient {
	const c = connectClient(server.url, boardId, { cookie });
	clients.push(c);
	return c;
}

beforeAll(async () => {
	server = await startServer({
		demo: true,
		env: { SYNC_MESSAGES_PER_SECOND: '20', SYNC_MESSAGE_BURST: '100' }
	});
	boardId = createDemoMeeting(server.dbPath, 'lifecycle');
});

afterAll(() => shutDown(server, clients));

it('audits every board connection', async () => {
	const karim = connect(sessionCookie(server.dbPath, 'demo-karim'));
	await waitSynced(karim);
	const rows = await withAppDb(server.dbPath, (db) =>
		db
			.select({ userId: auditLog.userId, caseId: auditLog.caseId, targetId: auditLog.targetId })
			.from(auditLog)
			.where(and(eq(auditLog.action, 'board.connect'), eq(auditLog.userId, 'demo-karim')))
	);
	expect(rows).toContainEqual({
		userId: 'demo-karim',
		caseId: 'demo-case-sara-mikkel',
		targetId: boardId
	});
});

it('removes the presence of a client whose socket died, and tells the others', async () => {
	const a = connect(sessionCookie(server.dbPath, 'demo-anne'));
	const b = connect(sessionCookie(server.dbPath, 'demo-jonas'));
	await Promise.all([waitSynced(a), waitSynced(b)]);
	a.provider.awareness.setLocalStateField('user', { name: 'Anne' });
	await waitFor(
		() => b.provider.awareness.getStates().has(a.doc.clientID),
		'Anne’s presence at Jonas'
	);
	// Gone without a goodbye: the client never sends its "left" state, the server must.
	a.provider.shouldConnect = false;
	(a.provider.ws as unknown as WebSocket).terminate();
	await waitFor(
		() => !b.provider.awareness.getStates().has(a.doc.clientID),
		'Anne’s presence to disappear'
	);
});

it('closes the sockets of a session that logs out', async () => {
	const cookie = sessionCookie(server.dbPath, 'demo-mette');
	const mette = connect(cookie);
	await waitSynced(mette);
	const res = await api(server.url, cookie)('/api/session', { method: 'DELETE' });
	expect(res.status).toBeLessThan(300);
	await waitFor(() => mette.closeCodes.includes(4401), 'the socket to close');
	expect(await upgradeStatus(server.url, boardId, { cookie })).toBe(401);
});

it('closes a connection that exceeds the message rate, and nobody else', async () => {
	const a = connect(sessionCookie(server.dbPath, 'demo-anne'));
	const b = connect(sessionCookie(server.dbPath, 'demo-karim'));
	await Promise.all([waitSynced(a), waitSynced(b)]);
	const flood = await rawSocket(server.url, boardId, sessionCookie(server.dbPath, 'demo-line'));
	const queryAwareness = encoding.encode((e) => encoding.writeVarUint(e, 3));
	for (let i = 0; i < 500 && flood.ws.readyState === flood.ws.OPEN; i++)
		flood.ws.send(queryAwareness);
	expect(await flood.closed).toBe(1008);

	createRandomEditor(a.doc, 3).edits(20);
	await waitConverged([a.doc, b.doc]);
	expect(canonicalBoard(storedBoard(server.dbPath, boardId)) === canonicalBoard(b.doc)).toBe(true);
});
