/**
 * The race when a meeting ends (issue 10): an update received just before the end whose store
 * completes after the snapshot transaction must be in the snapshot or refused – never stored
 * outside it. Made real with two server processes on one database (the scale-out shape): the
 * meeting is ended through B while A, which holds the board's room and its clients' sockets, has
 * not heard of it, so A stores after B's snapshot transaction. Stock y-websocket clients.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { api, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	createDemoMeeting,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let a: TestServer;
let b: TestServer;
let anne: string;
const clients: TestClient[] = [];

function connect(boardId: string, user: string): TestClient {
	const c = connectClient(a.url, boardId, { cookie: sessionCookie(a.dbPath, user) });
	clients.push(c);
	return c;
}

async function snapshotDoc(id: string): Promise<Y.Doc> {
	const res = await api(b.url, anne)(`/api/snapshots/${id}/state`);
	expect(res.status).toBe(200);
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(await res.arrayBuffer()));
	return doc;
}

async function endThroughB(meetingId: string): Promise<string> {
	const res = await api(b.url, anne)(`/api/meetings/${meetingId}/end`, { method: 'POST' });
	expect(res.status).toBe(200);
	return ((await res.json()) as { snapshotId: string }).snapshotId;
}

beforeAll(async () => {
	a = await startServer({ demo: true });
	b = await startServer({ dir: a.dir });
	anne = sessionCookie(a.dbPath, 'demo-anne');
});

afterAll(async () => {
	await b?.stop();
	await shutDown(a, clients);
});

it('an update stored after the snapshot transaction is refused: not stored, not forwarded, and the board reloads as sealed', async () => {
	const boardId = createDemoMeeting(a.dbPath, 'race-late', 'live');
	const editor = connect(boardId, 'demo-jonas');
	const witness = connect(boardId, 'demo-karim');
	await Promise.all([waitSynced(editor), waitSynced(witness)]);
	createRandomEditor(editor.doc, 1).edits(20);
	await waitConverged([editor.doc, witness.doc]);

	const snapshotId = await endThroughB('race-late');
	// A has not heard: its connection still takes the edit, applies it, and tries to store it.
	createRandomEditor(editor.doc, 2).edits(20);
	await waitFor(() => editor.closeCodes.includes(1012), 'the room to reload');
	await Promise.all([waitSynced(editor), waitSynced(witness)]);

	const saved = await snapshotDoc(snapshotId);
	const stored = storedBoard(a.dbPath, boardId);
	expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(saved));
	expect(canonicalBoard(stored)).toBe(canonicalBoard(saved));
	// Never forwarded: the other client has exactly the snapshot too.
	expect(Y.encodeStateVector(witness.doc)).toEqual(Y.encodeStateVector(saved));
	expect(a.output()).toMatch(/was sealed; \d+ update\(s\) refused/);

	// After the reload the board is read-only for the editor's new socket as well.
	createRandomEditor(editor.doc, 3).edits(10);
	editor.provider.awareness.setLocalStateField('probe', 3);
	await waitFor(
		() => witness.provider.awareness.getStates().get(editor.doc.clientID)?.probe === 3,
		'the probe to arrive'
	);
	expect(Y.encodeStateVector(storedBoard(a.dbPath, boardId))).toEqual(Y.encodeStateVector(saved));
});

it('updates racing the end through another process are in the snapshot or refused, never stored outside it', async () => {
	for (let round = 0; round < 6; round++) {
		const id = `race-${round}`;
		const boardId = createDemoMeeting(a.dbPath, id, 'live');
		const editor = connect(boardId, 'demo-jonas');
		const witness = connect(boardId, 'demo-karim');
		await Promise.all([waitSynced(editor), waitSynced(witness)]);
		createRandomEditor(editor.doc, 10 + round).edits(5);
		await waitConverged([editor.doc, witness.doc]);
		// A stream of edits while the end goes through B.
		let editing = true;
		const stream = (async () => {
			for (let i = 0; editing && i < 40; i++) {
				createRandomEditor(editor.doc, 100 * round + i).edits(2);
				await new Promise((r) => setTimeout(r, 5));
			}
		})();
		const snapshotId = await endThroughB(id);
		editing = false;
		await stream;
		// Let A store or refuse what it got (a refusal reloads the room).
		await new Promise((r) => setTimeout(r, 300));
		await Promise.all([waitSynced(editor), waitSynced(witness)]);
		const saved = await snapshotDoc(snapshotId);
		const stored = storedBoard(a.dbPath, boardId);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(saved));
		expect(canonicalBoard(stored)).toBe(canonicalBoard(saved));
		editor.destroy();
		witness.destroy();
	}
});
