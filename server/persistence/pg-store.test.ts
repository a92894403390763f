/**
 * The BoardStore contract on a real PostgreSQL (tests/helpers/postgres.ts starts one), plus what
 * only this store does: documents new to PostgreSQL imported from SQLite, and seals that wait
 * for appends in flight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	postgresUnavailable,
	startPostgres,
	type TestPostgres
} from '../../tests/helpers/postgres';
import { PgBoardStore, type PgStoreOptions } from './pg-store';
import { mergeStored, SealedBoardError } from './store';
import { describeBoardStore } from './store-contract';

const unavailable = postgresUnavailable();
let server: TestPostgres | undefined;
const stores: PgBoardStore[] = [];

async function freshStore(options: PgStoreOptions = {}): Promise<PgBoardStore> {
	const store = await PgBoardStore.open(await server!.createDatabase(), options);
	stores.push(store);
	return store;
}

function text(update: Uint8Array): string {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc.getText('t').toString();
}

function typed(value: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, value);
	return Y.encodeStateAsUpdate(doc);
}

describe.skipIf(unavailable)('PostgreSQL board store', () => {
	beforeAll(async () => {
		server = await startPostgres();
	});
	afterAll(async () => {
		await Promise.all(stores.map((s) => s.close()));
		await server?.stop();
	});

	describeBoardStore(
		'postgresql',
		() => freshStore(),
		async (store, boardId) => {
			await store.sealAndRead(boardId);
		}
	);

	it('imports a document it has never seen from `importFrom`, once', async () => {
		let calls = 0;
		const store = await freshStore({
			importFrom: (docId) => (calls++, docId === 'seeded' ? typed('skabelon') : null)
		});
		expect(text(mergeStored(await store.load('seeded')))).toBe('skabelon');
		expect(text(mergeStored(await store.load('seeded')))).toBe('skabelon');
		expect(await store.load('unknown')).toMatchObject({ state: null, log: [] });
		expect(calls).toBe(2);
	});

	it('tells where a reader left off: the log after a seq, and the state once compaction folded past it', async () => {
		const store = await freshStore();
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (const c of 'abcdef') doc.getText('t').insert(0, c);
		await store.append('a', updates.slice(0, 4));
		const first = await store.readSince('a', 0);
		expect(first).toMatchObject({ state: null, last: 4 });
		expect(first.updates.map((u) => u.seq)).toEqual([1, 2, 3, 4]);
		expect((await store.readSince('a', 2)).updates.map((u) => u.seq)).toEqual([3, 4]);
		await store.compact('a');
		await store.append('a', updates.slice(4));
		const after = await store.readSince('a', 2);
		expect(after.state).not.toBeNull();
		expect(after.updates.map((u) => u.seq)).toEqual([5, 6]);
		expect(after.last).toBe(6);
		expect(text(mergeStored({ state: after.state, log: after.updates.map((u) => u.update) }))).toBe(
			doc.getText('t').toString()
		);
		// A reader already past the compaction gets no state again.
		expect((await store.readSince('a', 4)).state).toBeNull();
	});

	it('reads many boards after their own cursors in one go, each as readSince would', async () => {
		const store = await freshStore();
		await store.append('x', [typed('1'), typed('2'), typed('3')]);
		await store.append('y', [typed('a')]);
		await store.compact('y');
		await store.append('y', [typed('b')]);
		const read = await store.readSinceMany([
			{ docId: 'x', seq: 1 },
			{ docId: 'y', seq: 0 },
			{ docId: 'unknown', seq: 0 }
		]);
		expect([...read.keys()].sort()).toEqual(['unknown', 'x', 'y']);
		for (const [docId, seq] of [
			['x', 1],
			['y', 0],
			['unknown', 0]
		] as const)
			expect(read.get(docId)).toEqual(await store.readSince(docId, seq));
		expect(read.get('x')!.updates.map((u) => u.seq)).toEqual([2, 3]);
		expect(read.get('y')).toMatchObject({ last: 2 });
		expect(read.get('y')!.state).not.toBeNull();
		expect(read.get('unknown')).toEqual({ state: null, updates: [], last: 0 });
		expect((await store.readSinceMany([])).size).toBe(0);
	});

	it('knows its own updates while their commit is in flight (a tailing reader skips them)', async () => {
		const store = await freshStore();
		const mine = typed('egen');
		const stored = store.append('d', [mine]);
		await new Promise((resolve) => setImmediate(resolve));
		expect(store.isCommitting('d', mine.slice())).toBe(true);
		expect(store.isCommitting('d', typed('fremmed'))).toBe(false);
		expect(store.isCommitting('e', mine)).toBe(false);
		await stored;
		expect(store.isCommitting('d', mine)).toBe(false);
	});

	it('deletes boards with both their documents, and nothing else; a deleted board stays sealed', async () => {
		const store = await freshStore();
		await store.append('gone', [typed('a')]);
		await store.append('gone~goals', [typed('mål')]);
		await store.compact('gone');
		await store.append('gone', [typed('b')]);
		await store.sealAndRead('gone');
		await store.append('kept', [typed('c')]);
		await store.append('erased', [typed('x')]);
		await store.deleteBoards(['gone', 'erased']);
		for (const doc of ['gone', 'gone~goals', 'erased'])
			expect(await store.load(doc)).toEqual({ state: null, log: [] });
		expect(text(mergeStored(await store.load('kept')))).toBe('c');
		// An append after the erasure (a room that did not hear of it) is refused, storing nothing.
		for (const doc of ['erased', 'erased~goals'])
			await expect(store.append(doc, [typed('late')])).rejects.toBeInstanceOf(SealedBoardError);
		expect(await store.isSealed('erased')).toBe(true);
		const { rows } = await store.pool.query<{ written: string; rows: string; seals: string }>(
			`SELECT (SELECT string_agg(doc_id, ',') FROM board_docs WHERE last_seq > 0) AS written,
			        (SELECT count(*) FROM board_updates) + (SELECT count(*) FROM board_states) AS rows,
			        (SELECT count(*) FROM board_seals) AS seals`
		);
		// What is left: the kept board and its one update, and the seals (board ids only). (Reading
		// a document makes its `board_docs` row, holding nothing but its id and seq 0.)
		expect(rows[0]).toEqual({ written: 'kept', rows: '1', seals: '2' });
	});

	it('a seal and appends racing on two stores of one database: each append is in the sealed state or refused', async () => {
		const url = await server!.createDatabase();
		const a = await PgBoardStore.open(url);
		const b = await PgBoardStore.open(url);
		stores.push(a, b);
		// Independent edits (one writer each), so that any subset of them can be stored: which
		// ones win the race differs from run to run, and each must be judged on its own.
		const updates = Array.from({ length: 40 }, (_, i) => {
			const doc = new Y.Doc();
			doc.getMap('m').set(`k${i}`, i);
			return Y.encodeStateAsUpdate(doc);
		});
		const appends = updates.map((u, i) => (i % 2 ? a : b).append('board', [u]));
		const sealed = b.sealAndRead('board');
		const results = await Promise.allSettled(appends);
		const { main } = await sealed;
		const stored = new Y.Doc();
		Y.applyUpdate(stored, main);
		const keys = (doc: Y.Doc) => [...doc.getMap('m').keys()].sort();
		const accepted = results
			.map((r, i) => (r.status === 'fulfilled' ? `k${i}` : null))
			.filter((k): k is string => k !== null)
			.sort();
		for (const r of results)
			if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SealedBoardError);
		// Everything accepted is in the sealed state, and nothing was stored after it.
		expect(keys(stored)).toEqual(accepted);
		const later = new Y.Doc();
		Y.applyUpdate(later, mergeStored(await a.load('board')));
		expect(keys(later)).toEqual(accepted);
	});
});
