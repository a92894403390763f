/**
 * Several server processes on one board (issue 14, docs/scaling.md): three real servers
 * (build/server.js) on one throwaway PostgreSQL – the app data and the boards – and no shared
 * file (each process has a directory of its own, as on separate machines), stock y-websocket
 * clients on each, and a TCP load balancer without stickiness for the clients that must move when
 * their process goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { PgBoardStore } from '../../server/persistence/pg-store';
import { mergeStored } from '../../server/persistence/store';
import { goalsDocId } from '../../src/lib/board/parts';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import {
	postgresUnavailable,
	startPostgres,
	useDatabaseFor,
	type TestPostgres
} from '../helpers/postgres';
import { startProxy, type TestProxy } from '../helpers/proxy';
import { api, login, removeServerDir, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	createDemoMeeting,
	sessionCookie,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

const unavailable = postgresUnavailable();

let postgres: TestPostgres | undefined;
let store: PgBoardStore | undefined;
let a: TestServer;
let b: TestServer;
let c: TestServer;
let proxy: TestProxy | undefined;
let anne: string;
const clients: TestClient[] = [];

function connect(
	server: { url: string; dbPath?: string },
	boardId: string,
	user: string | { invite: string }
): TestClient {
	const client = connectClient(
		server.url,
		boardId,
		typeof user === 'string' ? { cookie: sessionCookie(a.dbPath, user) } : user
	);
	clients.push(client);
	return client;
}

/** A guest invite to the meeting, made by Anne through process A. */
async function inviteGuest(meetingId: string): Promise<{ invite: { id: string }; token: string }> {
	const res = await api(a.url, anne)(`/api/meetings/${meetingId}/invites`, {
		method: 'POST',
		body: JSON.stringify({ name: 'Gæst', role: 'gæst', expiresInMinutes: 60 })
	});
	expect(res.status).toBe(201);
	const { id, token } = (await res.json()) as { id: string; token: string };
	return { invite: { id }, token };
}

/** The board as PostgreSQL holds it. */
async function stored(boardId: string): Promise<Y.Doc> {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, mergeStored(await store!.load(boardId)));
	return doc;
}

function hasClient(doc: Y.Doc, clientId: number): boolean {
	return Y.decodeStateVector(Y.encodeStateVector(doc)).has(clientId);
}

/** `later` has at least everything `earlier` had (per client, clock). */
function covers(later: Uint8Array, earlier: Uint8Array): boolean {
	const l = Y.decodeStateVector(later);
	for (const [client, clock] of Y.decodeStateVector(earlier))
		if ((l.get(client) ?? 0) < clock) return false;
	return true;
}

/** Types one character every few milliseconds until stopped. */
function typist(client: TestClient, letter: string) {
	let running = true;
	let typed = 0;
	const done = (async () => {
		while (running) {
			const text = client.doc.getText('notes');
			text.insert(text.length, letter);
			typed++;
			await new Promise((r) => setTimeout(r, 10));
		}
	})();
	return {
		get typed() {
			return typed;
		},
		async stop() {
			running = false;
			await done;
		}
	};
}

describe.skipIf(unavailable)('three server processes on one PostgreSQL', () => {
	beforeAll(async () => {
		postgres = await startPostgres();
		const url = await postgres.createDatabase('moedetavle');
		const env = { DATABASE_URL: url, SYNC_UNLOAD_DELAY_MS: '1000' };
		a = await startServer({ demo: true, env });
		[b, c] = await Promise.all([startServer({ env }), startServer({ env })]);
		// The helpers (sessions, meetings written directly) go to PostgreSQL for all three.
		for (const server of [a, b, c]) useDatabaseFor(server.dir, url);
		store = await PgBoardStore.open(url);
		anne = sessionCookie(a.dbPath, 'demo-anne');
	});

	afterAll(async () => {
		for (const client of clients) client.destroy();
		await proxy?.close();
		await Promise.all([a, b, c].map((s) => s?.stop()));
		for (const server of [a, b, c]) if (server) removeServerDir(server);
		await store?.close();
		await postgres?.stop();
	});

	it('clients of one board spread over the three processes converge under concurrent edits, and PostgreSQL holds the result', async () => {
		const boardId = createDemoMeeting(a.dbPath, 'spread');
		const editors = [
			connect(a, boardId, 'demo-anne'),
			connect(a, boardId, 'demo-jonas'),
			connect(b, boardId, 'demo-mette'),
			connect(b, boardId, 'demo-karim'),
			connect(c, boardId, 'demo-line'),
			connect(c, boardId, 'demo-carsten')
		];
		await Promise.all(editors.map(waitSynced));
		// Each process is healthy: it serves, and both databases answer.
		for (const server of [a, b, c]) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		const random = editors.map((e, i) => createRandomEditor(e.doc, 1400 + i));
		for (let round = 0; round < 8; round++) {
			random.forEach((r) => r.edits(4));
			await new Promise((r) => setTimeout(r, 15));
		}
		await waitConverged(editors.map((e) => e.doc));
		const expected = canonicalBoard(editors[0]!.doc);
		for (const e of editors) expect(canonicalBoard(e.doc)).toBe(expected);
		const saved = await stored(boardId);
		expect(Y.encodeStateVector(saved)).toEqual(Y.encodeStateVector(editors[0]!.doc));
		expect(canonicalBoard(saved)).toBe(expected);
		// A client joining late on any process gets all of it.
		const late = connect(c, boardId, 'demo-holm');
		await waitSynced(late);
		expect(canonicalBoard(late.doc)).toBe(expected);
	});

	it('awareness set on A is seen on B and C, and its removal too', async () => {
		const boardId = createDemoMeeting(a.dbPath, 'presence');
		const onA = connect(a, boardId, 'demo-anne');
		const onB = connect(b, boardId, 'demo-jonas');
		const onC = connect(c, boardId, 'demo-mette');
		await Promise.all([onA, onB, onC].map(waitSynced));
		onA.provider.awareness.setLocalStateField('user', { name: 'Anne', cursor: [10, 20] });
		const seen = (client: TestClient) =>
			(client.provider.awareness.getStates().get(onA.doc.clientID) as { user?: { name: string } })
				?.user?.name === 'Anne';
		await waitFor(() => seen(onB) && seen(onC), 'A’s awareness on B and C');
		onA.provider.destroy();
		await waitFor(
			() =>
				!onB.provider.awareness.getStates().has(onA.doc.clientID) &&
				!onC.provider.awareness.getStates().has(onA.doc.clientID),
			'A’s client to leave on B and C'
		);
	});

	it('revoking an invite through A closes the guest’s socket on C', async () => {
		const meetingId = 'revoke-cross';
		const boardId = createDemoMeeting(a.dbPath, meetingId);
		const { invite, token } = await inviteGuest(meetingId);
		const guest = connect(c, boardId, { invite: token });
		await waitSynced(guest);
		const res = await api(a.url, anne)(`/api/invites/${invite.id}`, { method: 'DELETE' });
		expect(res.status).toBeLessThan(300);
		await waitFor(() => guest.closeCodes.includes(4401), 'the guest’s socket on C to close');
	});

	it('ending the meeting through A makes the board read-only on B and C: an edit sent there is neither stored nor forwarded', async () => {
		const meetingId = 'end-cross';
		const boardId = createDemoMeeting(a.dbPath, meetingId, 'live');
		const witness = connect(a, boardId, 'demo-anne');
		const onB = connect(b, boardId, 'demo-jonas');
		const onC = connect(c, boardId, 'demo-mette');
		await Promise.all([witness, onB, onC].map(waitSynced));
		createRandomEditor(witness.doc, 1500).edits(10);
		await waitConverged([witness.doc, onB.doc, onC.doc]);

		const res = await api(a.url, anne)(`/api/meetings/${meetingId}/end`, { method: 'POST' });
		expect(res.status).toBe(200);
		const ended = (client: TestClient) =>
			[...client.provider.awareness.getStates().values()].some(
				(s) => (s as { meeting?: { status: string } }).meeting?.status === 'ended'
			);
		// B's and C's own rooms say so: each process heard the event.
		await waitFor(() => ended(onB) && ended(onC), 'B and C to hear that the meeting ended');
		const before = Y.encodeStateVector(await stored(boardId));

		for (const [i, editor] of [onB, onC].entries()) {
			createRandomEditor(editor.doc, 1510 + i).edits(20);
			// Handled in order on its socket: once the probe is seen, the edit was dropped or taken.
			editor.provider.awareness.setLocalStateField('probe', i + 1);
			await waitFor(
				() =>
					(witness.provider.awareness.getStates().get(editor.doc.clientID) as { probe?: number })
						?.probe ===
					i + 1,
				'the probe to reach A'
			);
		}
		const fresh = connect(b, boardId, 'demo-karim');
		await waitSynced(fresh);
		const after = await stored(boardId);
		expect(Y.encodeStateVector(after)).toEqual(before);
		for (const doc of [after, witness.doc, fresh.doc]) {
			expect(hasClient(doc, onB.doc.clientID)).toBe(false);
			expect(hasClient(doc, onC.doc.clientID)).toBe(false);
		}
	});

	it('erasing a case through A while a client on C types: nothing of its board is left on PostgreSQL, and C closes the socket', async () => {
		const admin = await login(a.url, 'admin@demo.example');
		const created = await fetch(`${a.url}/admin/cases`, {
			method: 'POST',
			headers: {
				origin: a.url,
				cookie: admin,
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				title: 'Sagen om Vera',
				reference: 'TEST-2026-0314',
				facilitatorEmail: 'anne@demo.example'
			}).toString()
		});
		expect(((await created.json()) as { type: string }).type).toBe('success');
		const { cases } = (await (await api(a.url, anne)('/api/cases')).json()) as {
			cases: { id: string; title: string }[];
		};
		const caseId = cases.find((c) => c.title === 'Sagen om Vera')!.id;
		const meeting = await api(a.url, anne)(`/api/cases/${caseId}/meetings`, {
			method: 'POST',
			body: JSON.stringify({ title: 'Vera', type: 'netvaerk', startsAt: '2026-12-21T10:00' })
		});
		expect(meeting.status).toBe(201);
		const { meeting: m } = (await meeting.json()) as { meeting: { boardId: string } };

		const onC = connect(c, m.boardId, 'demo-anne');
		await waitSynced(onC);
		const typing = typist(onC, 'v');
		await waitFor(() => onC.doc.getText('notes').length >= 20, 'the typing to start');
		// The case is closed (the retention review), then erased through A while C's client types.
		const close = await fetch(`${a.url}/cases/${caseId}?/close`, {
			method: 'POST',
			headers: {
				origin: a.url,
				cookie: anne,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: ''
		});
		expect(close.status).toBe(200);
		const res = await api(a.url, admin)(`/api/cases/${caseId}`, {
			method: 'DELETE',
			body: JSON.stringify({ confirm: 'TEST-2026-0314' })
		});
		expect(res.status).toBe(200);
		await typing.stop();
		// Neither document of the board is on PostgreSQL. (That C's room closes before the delete,
		// rather than just in time, is shown by pg-cluster.test.ts: the race is too narrow here.)
		await new Promise((r) => setTimeout(r, 500));
		for (const doc of [m.boardId, goalsDocId(m.boardId)]) {
			const { rows } = await store!.pool.query(
				`SELECT (SELECT count(*) FROM board_updates WHERE doc_id = $1)
				      + (SELECT count(*) FROM board_states WHERE doc_id = $1) AS n`,
				[doc]
			);
			expect(Number(rows[0].n), doc).toBe(0);
		}
		expect(onC.closeCodes).toContain(4403);
	});

	it('PostgreSQL out of reach for the listeners: each process reconnects, reads what it missed and rechecks its sockets', async () => {
		const meetingId = 'outage';
		const boardId = createDemoMeeting(a.dbPath, meetingId);
		const { invite, token } = await inviteGuest(meetingId);
		const writer = connect(a, boardId, 'demo-anne');
		const witness = connect(a, boardId, 'demo-jonas');
		const reader = connect(b, boardId, 'demo-mette');
		const guest = connect(b, boardId, { invite: token });
		await Promise.all([writer, witness, reader, guest].map(waitSynced));

		// No new connections to the database, and every listening connection cut: whatever is
		// notified now reaches nobody. The processes' pools keep their open connections.
		const admin = new pg.Client({ connectionString: postgres!.url });
		await admin.connect();
		try {
			await admin.query('ALTER DATABASE moedetavle ALLOW_CONNECTIONS false');
			const cut = await admin.query(
				`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				 WHERE datname = 'moedetavle' AND query LIKE 'LISTEN%'`
			);
			expect(cut.rowCount).toBe(3);
			writer.doc.getText('notes').insert(0, 'skrevet mens B ikke lyttede');
			await waitFor(
				() => witness.doc.getText('notes').toString().includes('ikke lyttede'),
				'the edit to be stored and forwarded on A'
			);
			const res = await api(a.url, anne)(`/api/invites/${invite.id}`, { method: 'DELETE' });
			expect(res.status).toBeLessThan(300);
		} finally {
			await admin.query('ALTER DATABASE moedetavle ALLOW_CONNECTIONS true');
			await admin.end();
		}
		await waitFor(
			() => reader.doc.getText('notes').toString().includes('ikke lyttede'),
			'B to read the missed edit'
		);
		await waitFor(() => guest.closeCodes.includes(4401), 'B to close the revoked guest');
		await waitFor(
			() =>
				[a, b, c].every((s) => s.output().includes('listening connection to PostgreSQL was lost')),
			'the loss to be logged'
		);
	});

	it('PostgreSQL restarts: the processes reconnect, the clients resend, everything converges and is stored', async () => {
		const boardId = createDemoMeeting(a.dbPath, 'pg-restart');
		const onA = connect(a, boardId, 'demo-anne');
		const onB = connect(b, boardId, 'demo-jonas');
		await Promise.all([onA, onB].map(waitSynced));
		createRandomEditor(onA.doc, 1700).edits(10);
		await waitConverged([onA.doc, onB.doc]);

		await postgres!.restart();
		// Edits made while the processes' connections to PostgreSQL are being replaced.
		createRandomEditor(onA.doc, 1701).edits(20);
		createRandomEditor(onB.doc, 1702).edits(20);
		await waitConverged([onA.doc, onB.doc]);
		// The test's own store lost its connections too: a second query gets a fresh one.
		const saved = await stored(boardId).catch(() => stored(boardId));
		expect(Y.encodeStateVector(saved)).toEqual(Y.encodeStateVector(onA.doc));
		expect(canonicalBoard(saved)).toBe(canonicalBoard(onA.doc));
		// Live fan-out across the processes works again.
		onB.doc.getText('notes').insert(0, 'efter genstart');
		await waitFor(
			() => onA.doc.getText('notes').toString().includes('efter genstart'),
			'an edit on B to reach A after the restart'
		);
	});

	it('kill -9 of one process while its clients type: they reconnect to another, nothing acknowledged is lost, all converge', async () => {
		const boardId = createDemoMeeting(a.dbPath, 'crash');
		proxy = await startProxy([a.port]);
		const typists = [connect(proxy, boardId, 'demo-anne'), connect(proxy, boardId, 'demo-jonas')];
		await Promise.all(typists.map(waitSynced));
		expect(new Set(proxy.chosen)).toEqual(new Set([a.port]));
		// From now on the load balancer sends new connections to B and C only.
		proxy.backends = [b.port, c.port];
		const observer = connect(b, boardId, 'demo-mette');
		await waitSynced(observer);

		const typing = typists.map((t, i) => typist(t, 'ab'[i]!));
		const notes = () => observer.doc.getText('notes').toString();
		await waitFor(() => notes().length >= 40, 'the observer on B to see the typing');
		// Acknowledged: what another client has been shown.
		const acknowledged = Y.encodeStateVector(observer.doc);
		await a.kill();
		await waitFor(
			() => typists.every((t) => t.closeCodes.length > 0 && t.provider.wsconnected),
			'the typists to reconnect'
		);
		await new Promise((r) => setTimeout(r, 100));
		await Promise.all(typing.map((t) => t.stop()));
		await waitConverged([...typists.map((t) => t.doc), observer.doc]);

		expect(proxy.chosen.filter((p) => p !== a.port).length).toBeGreaterThanOrEqual(2);
		const saved = await stored(boardId);
		expect(covers(Y.encodeStateVector(saved), acknowledged)).toBe(true);
		expect(Y.encodeStateVector(saved)).toEqual(Y.encodeStateVector(observer.doc));
		expect(saved.getText('notes').length).toBe(typing.reduce((n, t) => n + t.typed, 0));
	});

	it('SIGTERM: the process stops taking sockets, stores what is pending, closes with 1001, exits 0; its clients reconnect to another process', async () => {
		const boardId = createDemoMeeting(b.dbPath, 'drain');
		proxy!.backends = [b.port];
		const leaving = [connect(proxy!, boardId, 'demo-anne'), connect(proxy!, boardId, 'demo-jonas')];
		await Promise.all(leaving.map(waitSynced));
		proxy!.backends = [c.port];
		const observer = connect(c, boardId, 'demo-mette');
		await waitSynced(observer);
		createRandomEditor(leaving[0]!.doc, 1600).edits(30);
		createRandomEditor(leaving[1]!.doc, 1601).edits(30);
		expect(await b.stop()).toBe(0);
		expect(b.output()).toContain('SIGTERM: shutting down');
		for (const client of leaving) expect(client.closeCodes).toContain(1001);
		await waitFor(() => leaving.every((l) => l.provider.wsconnected), 'the clients to reconnect');
		await waitConverged([...leaving.map((l) => l.doc), observer.doc]);
		const saved = await stored(boardId);
		expect(Y.encodeStateVector(saved)).toEqual(Y.encodeStateVector(observer.doc));
		expect(canonicalBoard(saved)).toBe(canonicalBoard(leaving[0]!.doc));
	});
});
