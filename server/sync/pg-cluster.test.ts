/**
 * The PostgreSQL feed between processes, on a real PostgreSQL: two stores on one database stand
 * for two processes; what one stores reaches the other's watcher by seq – also across a
 * compaction that folded rows the watcher had not read – and its own rows are not handed back.
 * Awareness and the app's events cross too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import * as Y from 'yjs';
import { publish, subscribe, type AppEvent } from '../../src/lib/server/events';
import {
	postgresUnavailable,
	startPostgres,
	type TestPostgres
} from '../../tests/helpers/postgres';
import { PgBoardStore } from '../persistence/pg-store';
import { mergeStored } from '../persistence/store';
import { PgCluster } from './pg-cluster';

const unavailable = postgresUnavailable();
let server: TestPostgres | undefined;
/** Each test's clusters and stores, closed after it (clusters first). */
let closing: { close(): Promise<void> }[] = [];

async function poll(condition: () => boolean, what: string): Promise<void> {
	const deadline = Date.now() + 20_000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 10));
	}
}

/** Two "processes" on one database: each a store and its cluster. */
async function twoProcesses(options: { eraseWaitMs?: number } = {}) {
	const url = await server!.createDatabase();
	const open = async () => {
		const store = await PgBoardStore.open(url);
		const cluster = new PgCluster(store, url, { log: () => {}, ...options });
		await cluster.start();
		closing.push(cluster, store);
		return { store, cluster };
	};
	return [await open(), await open(), url] as const;
}

/**
 * Publishes a case erasure as the app does and resolves when its `wait`s have: the work handed
 * to it, here by the clusters (the other "process"'s rooms closing).
 */
function erase(caseId: string, boardIds: string[]): Promise<unknown> {
	const pending: Promise<void>[] = [];
	publish({ type: 'case-erasing', caseId, boardIds, wait: (p) => pending.push(p) });
	return Promise.all(pending);
}

function editor() {
	const doc = new Y.Doc();
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	return { doc, updates, type: (s: string) => doc.getText('t').insert(doc.getText('t').length, s) };
}

describe.skipIf(unavailable)('PostgreSQL cluster feed', () => {
	beforeAll(async () => {
		server = await startPostgres();
	});
	afterEach(async () => {
		for (const c of closing) await c.close();
		closing = [];
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('hands a watcher what another process stores, in order, also across a compaction it had not read; never its own rows', async () => {
		const [a, b] = await twoProcesses();
		const received: Y.Doc = new Y.Doc();
		let calls = 0;
		const position = await b.cluster.position('doc');
		const unwatch = b.cluster.watch('doc', position, {
			update: (u) => {
				calls++;
				Y.applyUpdate(received, u);
			},
			awareness: () => {}
		});
		const e = editor();
		for (const c of 'abc') e.type(c);
		await a.store.append('doc', e.updates.splice(0));
		await poll(() => received.getText('t').toString() === 'abc', 'the first updates');

		// B's own appends are not handed back to it.
		const mine = editor();
		Y.applyUpdate(mine.doc, Y.encodeStateAsUpdate(e.doc));
		mine.updates.length = 0;
		mine.type('!');
		const before = calls;
		await b.store.append('doc', mine.updates.splice(0));
		e.type('d');
		await a.store.append('doc', e.updates.splice(0));
		await poll(() => received.getText('t').toString().includes('d'), 'the next update');
		expect(calls - before).toBe(1);
		expect(received.getText('t').toString()).not.toContain('!');

		// Stop listening, let A store and compact, listen again from the old cursor: the state
		// brings what the compaction folded.
		unwatch();
		const cursor = await b.cluster.position('doc');
		e.type('efg');
		await a.store.append('doc', e.updates.splice(0));
		await a.store.compact('doc');
		e.type('h');
		await a.store.append('doc', e.updates.splice(0));
		const again = new Y.Doc();
		Y.applyUpdate(again, Y.encodeStateAsUpdate(received));
		b.cluster.watch('doc', cursor, {
			update: (u) => Y.applyUpdate(again, u),
			awareness: () => {}
		});
		// Everything stored, B's own edit included (it comes with the compacted state).
		const stored = new Y.Doc();
		Y.applyUpdate(stored, mergeStored(await a.store.load('doc')));
		for (const part of ['!', 'efg', 'h']) expect(stored.getText('t').toString()).toContain(part);
		await poll(
			() => again.getText('t').toString() === stored.getText('t').toString(),
			'the folded and later updates'
		);
	});

	it('carries awareness and app events to the other process, not back to the sender', async () => {
		const [a, b] = await twoProcesses();
		const heardOnB: Uint8Array[] = [];
		const heardOnA: Uint8Array[] = [];
		b.cluster.watch('doc', 0, { update: () => {}, awareness: (u) => heardOnB.push(u) });
		a.cluster.watch('doc', 0, { update: () => {}, awareness: (u) => heardOnA.push(u) });
		a.cluster.publishAwareness('doc', new Uint8Array([1, 2, 3]));
		await poll(() => heardOnB.length === 1, 'the awareness update on B');
		expect(Array.from(heardOnB[0]!)).toEqual([1, 2, 3]);

		// The bus is one per process; here both clusters share it, so count what arrives twice:
		// once published locally, once relayed by the other cluster.
		const seen: AppEvent[] = [];
		const unsubscribe = subscribe((event) => seen.push(event));
		publish({ type: 'invite-revoked', inviteId: 'inv-1' });
		await poll(() => seen.length >= 3, 'the event relayed');
		// Give a loop (a relayed event sent on again) the time to show.
		await new Promise((r) => setTimeout(r, 300));
		unsubscribe();
		// Published here once; each cluster relays it to the other, which publishes it once and
		// does not send it on again.
		expect(seen.map((e) => e.type)).toEqual(['invite-revoked', 'invite-revoked', 'invite-revoked']);
		expect(heardOnA).toHaveLength(0);
	});

	it('a case erasure waits until the other process has closed its rooms of the case', async () => {
		await twoProcesses();
		// The bus is shared here: the relayed copies (not the published event) stand for the other
		// process's sync server, whose rooms take a while to store and close.
		const pending: Promise<void>[] = [];
		const boardIds = Array.from({ length: 250 }, (_, i) => `board-${i}`);
		const published: AppEvent = {
			type: 'case-erasing',
			caseId: 'case-1',
			boardIds,
			wait: (p) => pending.push(p)
		};
		const closeRooms: (() => void)[] = [];
		const relayedBoards: string[] = [];
		const unsubscribe = subscribe((event) => {
			if (event.type !== 'case-erasing' || event === published) return;
			relayedBoards.push(...event.boardIds);
			event.wait(new Promise<void>((resolve) => closeRooms.push(resolve)));
		});
		publish(published);
		let erased = false;
		const erasure = Promise.all(pending).then(() => (erased = true));
		// Each cluster relays it to the other: a case of 250 boards in three messages.
		await poll(() => closeRooms.length === 2 * 3, 'the erasure relayed');
		expect(relayedBoards.sort()).toEqual([...boardIds, ...boardIds].sort());
		await new Promise((r) => setTimeout(r, 300));
		expect(erased).toBe(false);
		for (const close of closeRooms.slice(1)) close();
		await new Promise((r) => setTimeout(r, 300));
		expect(erased).toBe(false);
		closeRooms[0]!();
		await erasure;
		unsubscribe();
	});

	it('does not wait for a process that is gone, and rejects (the erasure then deletes nothing) when one never answers', async () => {
		const [, b, url] = await twoProcesses({ eraseWaitMs: 1_000 });
		await b.cluster.close();
		await erase('case-2', ['board-x']);

		// A process that listens but never answers (stuck): the erasure gives up.
		const stuck = new pg.Client({
			connectionString: url,
			application_name: 'moedetavle-cluster stuck'
		});
		await stuck.connect();
		try {
			await expect(erase('case-3', ['board-y'])).rejects.toThrow(/did not close/);
		} finally {
			await stuck.end();
		}
	});
});
