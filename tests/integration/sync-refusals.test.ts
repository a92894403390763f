/**
 * What the sync server refuses, and that a refused or misbehaving client never affects the other
 * clients or the stored board.
 */
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { cases, caseMembers, users } from '../../src/lib/server/db/tables';
import { createInvite } from '../../src/lib/server/invites';
import { api, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	shutDown,
	createDemoMeeting,
	DEMO_BOARD,
	ENDED_DEMO_BOARD,
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
let anne: string;
const clients: TestClient[] = [];

function connect(boardId: string, options: Parameters<typeof connectClient>[2]): TestClient {
	const c = connectClient(server.url, boardId, options);
	clients.push(c);
	return c;
}

/** Two editing clients on a board that must keep working whatever happens to a third. */
async function bystanders(boardId: string): Promise<[TestClient, TestClient]> {
	const a = connect(boardId, { cookie: anne });
	const b = connect(boardId, { cookie: sessionCookie(server.dbPath, 'demo-jonas') });
	await Promise.all([waitSynced(a), waitSynced(b)]);
	return [a, b];
}

/** The bystanders still sync both ways, and the stored board is exactly what they hold. */
async function expectStillWorking(boardId: string, [a, b]: [TestClient, TestClient], seed: number) {
	createRandomEditor(a.doc, seed).edits(20);
	createRandomEditor(b.doc, seed + 1).edits(20);
	await waitConverged([a.doc, b.doc]);
	expect(canonicalBoard(a.doc) === canonicalBoard(b.doc)).toBe(true);
	const stored = storedBoard(server.dbPath, boardId);
	expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(a.doc));
	expect(canonicalBoard(stored) === canonicalBoard(a.doc)).toBe(true);
}

/**
 * Lets a read-only client try to edit, then waits until the server has processed its messages
 * (its later awareness update reached `witness`, and the socket's messages are handled in order).
 */
async function attemptEdits(
	readOnly: TestClient,
	witness: TestClient,
	seed: number
): Promise<void> {
	createRandomEditor(readOnly.doc, seed).edits(30);
	readOnly.provider.awareness.setLocalStateField('probe', seed);
	await waitFor(
		() => witness.provider.awareness.getStates().get(readOnly.doc.clientID)?.probe === seed,
		'the read-only client’s awareness to arrive'
	);
}

function expectNoTraceOf(clientId: number, docs: Y.Doc[]): void {
	for (const doc of docs)
		expect(Y.decodeStateVector(Y.encodeStateVector(doc)).has(clientId)).toBe(false);
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	anne = sessionCookie(server.dbPath, 'demo-anne');
});

afterAll(() => shutDown(server, clients));

beforeEach(() => {
	// Closed clients of a previous test must not reconnect into the next one.
	for (const c of clients.splice(0)) c.destroy();
});

describe('upgrade refusals', () => {
	it('answers 401 without a valid credential', async () => {
		expect(await upgradeStatus(server.url, DEMO_BOARD)).toBe(401);
		expect(await upgradeStatus(server.url, DEMO_BOARD, { cookie: 'session=nope.nope' })).toBe(401);
		expect(await upgradeStatus(server.url, DEMO_BOARD, {}, '?invite=not-a-token')).toBe(401);
	});

	it('answers 403 to a valid credential without access to the board', async () => {
		// admin@demo.example is a member of no case.
		const admin = sessionCookie(server.dbPath, 'demo-admin');
		expect(await upgradeStatus(server.url, DEMO_BOARD, { cookie: admin })).toBe(403);
		// A member of another case.
		await withAppDb(server.dbPath, async (db) => {
			await db.insert(users).values({
				id: 'other-user',
				email: 'other@example.test',
				name: 'Other',
				passwordHash: 'x'
			});
			await db.insert(cases).values({ id: 'other-case', title: 'Other case' });
			await db
				.insert(caseMembers)
				.values({ caseId: 'other-case', userId: 'other-user', role: 'facilitator' });
		});
		const other = sessionCookie(server.dbPath, 'other-user');
		expect(await upgradeStatus(server.url, DEMO_BOARD, { cookie: other })).toBe(403);
		// A board that does not exist.
		expect(await upgradeStatus(server.url, 'no-such-board', { cookie: anne })).toBe(403);
		// A cross-site page using the victim's cookie.
		expect(
			await upgradeStatus(server.url, DEMO_BOARD, { cookie: anne, origin: 'http://evil.example' })
		).toBe(403);
		// And the same user from the right origin gets in.
		expect(await upgradeStatus(server.url, DEMO_BOARD, { cookie: anne, origin: server.url })).toBe(
			101
		);
	});
});

describe('read-only connections', () => {
	it('a read-only invite receives the board but its updates are not applied, stored or forwarded', async () => {
		const boardId = createDemoMeeting(server.dbPath, 'readonly-invite');
		const meetingId = 'readonly-invite';
		const { token } = await withAppDb(server.dbPath, (db) =>
			createInvite(db, {
				meetingId,
				name: 'Tolk',
				role: 'tolk',
				readOnly: true,
				expiresInMinutes: 60,
				createdBy: 'demo-anne'
			})
		);
		const pair = await bystanders(boardId);
		createRandomEditor(pair[0].doc, 1).edits(10);
		await waitConverged(pair.map((c) => c.doc));

		const guest = connect(boardId, { invite: token });
		await waitSynced(guest);
		await waitConverged([guest.doc, pair[0].doc]);
		await attemptEdits(guest, pair[1], 31);

		expectNoTraceOf(guest.doc.clientID, [
			pair[0].doc,
			pair[1].doc,
			storedBoard(server.dbPath, boardId)
		]);
		const fresh = connect(boardId, { cookie: anne });
		await waitSynced(fresh);
		expectNoTraceOf(guest.doc.clientID, [fresh.doc]);
		await expectStillWorking(boardId, pair, 40);
	});

	it('the board of an ended meeting is read-only for everyone', async () => {
		const watcher = connect(ENDED_DEMO_BOARD, {
			cookie: sessionCookie(server.dbPath, 'demo-jonas')
		});
		const editor = connect(ENDED_DEMO_BOARD, { cookie: anne });
		await Promise.all([waitSynced(watcher), waitSynced(editor)]);
		await attemptEdits(editor, watcher, 50);
		expectNoTraceOf(editor.doc.clientID, [
			watcher.doc,
			storedBoard(server.dbPath, ENDED_DEMO_BOARD)
		]);
	});

	it('ending the meeting turns open connections read-only', async () => {
		const boardId = createDemoMeeting(server.dbPath, 'ending');
		const [a, b] = await bystanders(boardId);
		createRandomEditor(a.doc, 60).edits(10);
		await waitConverged([a.doc, b.doc]);
		const res = await api(server.url, anne)('/api/meetings/ending/end', {
			method: 'POST',
			body: '{}'
		});
		expect(res.status).toBe(200);
		const before = storedBoard(server.dbPath, boardId);
		await attemptEdits(a, b, 61);
		expect(Y.encodeStateVector(storedBoard(server.dbPath, boardId))).toEqual(
			Y.encodeStateVector(before)
		);
		expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(before));
	});

	it('revoking an invite closes its sockets', async () => {
		const meetingId = 'revoke';
		const boardId = createDemoMeeting(server.dbPath, meetingId);
		const { invite, token } = await withAppDb(server.dbPath, (db) =>
			createInvite(db, {
				meetingId,
				name: 'Gæst',
				role: 'gæst',
				readOnly: false,
				expiresInMinutes: 60,
				createdBy: 'demo-anne'
			})
		);
		const guest = connect(boardId, { invite: token });
		await waitSynced(guest);
		const res = await api(server.url, anne)(`/api/invites/${invite.id}`, { method: 'DELETE' });
		expect(res.status).toBeLessThan(300);
		await waitFor(() => guest.closeCodes.includes(4401), 'the guest socket to close');
		expect(await upgradeStatus(server.url, boardId, {}, `?invite=${token}`)).toBe(401);
	});
});

describe('bad messages', () => {
	it('a 3 MiB message closes that socket with 1009', async () => {
		const pair = await bystanders(DEMO_BOARD);
		const raw = await rawSocket(server.url, DEMO_BOARD, anne);
		const big = new Uint8Array(3 * 1024 * 1024);
		big[0] = 0; // a sync message…
		big[1] = 2; // …of type update, far too big
		raw.ws.send(big);
		expect(await raw.closed).toBe(1009);
		await expectStillWorking(DEMO_BOARD, pair, 70);
	});

	it('random bytes close that socket with 1002/1003', async () => {
		const pair = await bystanders(DEMO_BOARD);
		const gen = prng.create(1234);
		for (let i = 0; i < 5; i++) {
			const raw = await rawSocket(server.url, DEMO_BOARD, anne);
			// Bytes that cannot be a valid message: an unknown type, or a sync message cut short.
			const bytes = prng.uint8Array(gen, 200);
			bytes[0] = i % 2 === 0 ? 0x7f : 0x00;
			if (i % 2 === 1) bytes[1] = 0x02;
			bytes[2] = 0xff;
			raw.ws.send(bytes);
			expect([1002, 1003]).toContain(await raw.closed);
		}
		const text = await rawSocket(server.url, DEMO_BOARD, anne);
		text.ws.send('hello');
		expect(await text.closed).toBe(1003);
		await expectStillWorking(DEMO_BOARD, pair, 80);
	});
});
