/**
 * The PostgreSQL feed between processes, on a real PostgreSQL: two stores on one database stand
 * for two processes; what one stores reaches the other's watcher by seq – also across a
 * compaction that folded rows the watcher had not read – and its own rows are not handed back.
 * Awareness and the app's events cross too.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
async function twoProcesses() {
	const url = await server!.createDatabase();
	const open = async () => {
		const store = await PgBoardStore.open(url);
		const cluster = new PgCluster(store, url, { log: () => {} });
		await cluster.start();
		closing.push(cluster, store);
		return { store, cluster };
	};
	return [await open(), await open()] as const;
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
});
