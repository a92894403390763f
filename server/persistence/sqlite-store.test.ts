import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as Y from 'yjs';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { cases, meetings } from '../../src/lib/server/db/schema';
import { CompactionWorker } from './compaction-worker';
import { readBoardState, seedBoardIfEmpty, SqliteBoardStore } from './sqlite-store';
import { describeBoardStore } from './store-contract';

function freshDb(path = ':memory:'): Db {
	const db = openDatabase(path);
	migrateDatabase(db, resolve(import.meta.dirname, '../../drizzle'));
	return db;
}

/** SQLite stores over their own database, so that a test can end a board's meeting. */
const dbs = new WeakMap<SqliteBoardStore, Db>();
function storeOn(db: Db): SqliteBoardStore {
	const store = new SqliteBoardStore(db);
	dbs.set(store, db);
	return store;
}

/** Sealing in SQLite: the board's meeting has ended. */
function endMeetingOf(store: SqliteBoardStore, boardId: string): void {
	// The contract suite seals synchronously: the test's own synchronous view of the connection.
	const db = drizzle(dbs.get(store)!.$client);
	db.insert(cases).values({ id: 'c', title: 'Sag' }).onConflictDoNothing().run();
	db.insert(meetings)
		.values({
			id: `m-${boardId}`,
			caseId: 'c',
			boardId,
			type: 'netvaerk',
			title: 'Møde',
			startsAt: new Date(),
			status: 'ended'
		})
		.run();
}

describeBoardStore('sqlite in memory', () => storeOn(freshDb()), endMeetingOf);

const dir = mkdtempSync(join(tmpdir(), 'moedetavle-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeBoardStore(
	'sqlite file, compaction in a worker',
	() => storeOn(freshDb(join(dir, `${files++}.db`))),
	endMeetingOf
);

/** The nice values of this process's threads (Linux: /proc/self/task/<tid>/stat, field 19). */
function threadNiceValues(): number[] {
	return readdirSync('/proc/self/task').flatMap((tid) => {
		try {
			const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
			return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
		} catch {
			return []; // the thread ended meanwhile
		}
	});
}

describe.runIf(process.platform === 'linux')('compaction in a worker', () => {
	it('folds the log in a thread at the lowest CPU priority, the rest of the process untouched', async () => {
		const store = storeOn(freshDb(join(dir, `${files++}.db`)));
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < 20; i++) doc.getMap('elements').set(`e${i}`, i);
		await store.append('b', updates);
		await store.compact('b');
		// One fold thread per process (earlier tests here may have started it already).
		const niceValues = threadNiceValues();
		expect(niceValues.filter((nice) => nice === 19).length).toBeGreaterThanOrEqual(1);
		expect(niceValues.filter((nice) => nice !== 19).length).toBeGreaterThan(0);
		const stored = await store.load('b');
		expect(stored.log).toEqual([]);
		const read = new Y.Doc();
		Y.applyUpdate(read, stored.state!);
		expect(read.getMap('elements').toJSON()).toEqual(doc.getMap('elements').toJSON());
	});
});

describe('compaction in a worker, while the board is typed into', () => {
	it('holds the group commits while the worker writes, so that no commit waits for the lock', async () => {
		const db = freshDb(join(dir, `${files++}.db`));
		const store = storeOn(db);
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		const elements = doc.getMap('elements');
		for (let i = 0; i < 2000; i++) elements.set(`e${i}`, 'x'.repeat(200));
		await store.append('b', updates.splice(0));
		// No busy timeout: a commit that met the worker's write lock would fail with SQLITE_BUSY
		// at once instead of sleeping in the busy handler.
		db.$client.pragma('busy_timeout = 0');
		let compacting = true;
		const compaction = store.compact('b').finally(() => (compacting = false));
		const appends: Promise<void>[] = [];
		for (let i = 0; compacting; i++) {
			elements.set(`typed${i}`, i);
			appends.push(store.append('b', updates.splice(0)));
			await new Promise((resolve) => setImmediate(resolve));
		}
		await compaction;
		const refused = (await Promise.allSettled(appends)).filter((a) => a.status === 'rejected');
		db.$client.pragma('busy_timeout = 5000');
		expect(refused).toEqual([]);
		expect(appends.length).toBeGreaterThan(10);
		const stored = await store.load('b');
		const read = new Y.Doc();
		if (stored.state) Y.applyUpdate(read, stored.state);
		for (const update of stored.log) Y.applyUpdate(read, update);
		expect(read.getMap('elements').toJSON()).toEqual(elements.toJSON());
		expect(stored.state).not.toBeNull();
	}, 30_000);
});

describe('compaction of a long log', () => {
	/** `count` edits, one update (one log row) each; returns the document. */
	async function typed(store: SqliteBoardStore, count: number): Promise<Y.Doc> {
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		for (let i = 0; i < count; i++) doc.getMap('elements').set(`e${i}`, i);
		await store.append('b', updates);
		return doc;
	}

	it('deletes the folded rows in short write turns of 500, each releasing the held commits', async () => {
		const path = join(dir, `${files++}.db`);
		const db = freshDb(path);
		const store = storeOn(db);
		const doc = await typed(store, 1_200);
		const worker = new CompactionWorker();
		let turns = 0;
		let open = 0;
		await worker.compact(path, 'b', () => {
			turns++;
			open++;
			// Each turn is over before the next begins.
			expect(open).toBe(1);
			return () => open--;
		});
		await worker.terminate();
		expect(turns).toBe(3);
		expect(open).toBe(0);
		expect(db.$client.prepare('SELECT count(*) AS n FROM board_updates').get()).toEqual({ n: 0 });
		const stored = await store.load('b');
		expect(stored.log).toEqual([]);
		const read = new Y.Doc();
		Y.applyUpdate(read, stored.state!);
		expect(read.getMap('elements').toJSON()).toEqual(doc.getMap('elements').toJSON());
	}, 30_000);

	it('skips rows already folded into the state (left by a compaction that stopped between turns)', async () => {
		const db = freshDb();
		const store = new SqliteBoardStore(db, { compactInWorker: false });
		const doc = await typed(store, 3);
		// As after a crash between the turns: the state folds every row, one row is still there.
		const last = db.$client.prepare('SELECT max(seq) AS seq FROM board_updates').get() as {
			seq: number;
		};
		db.$client
			.prepare(
				'INSERT INTO board_states (board_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?)'
			)
			.run('b', Buffer.from(Y.encodeStateAsUpdate(doc)), last.seq, Date.now());
		db.$client.prepare('DELETE FROM board_updates WHERE seq < ?').run(last.seq);
		expect((await store.load('b')).log).toEqual([]);
		doc.getMap('elements').set('later', true);
		const later = Y.encodeStateAsUpdate(doc, Y.encodeStateVector(readDoc(readBoardState(db, 'b'))));
		await store.append('b', [later]);
		expect((await store.load('b')).log).toHaveLength(1);
		// The next compaction folds the new row and deletes the old one with it.
		await store.compact('b');
		expect(db.$client.prepare('SELECT count(*) AS n FROM board_updates').get()).toEqual({ n: 0 });
		expect(readDoc(readBoardState(db, 'b')).getMap('elements').toJSON()).toEqual(
			doc.getMap('elements').toJSON()
		);
	});
});

function readDoc(update: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
}

describe('sqlite helpers for the web app', () => {
	it('seeds once and reads the merged state and log', async () => {
		const db = freshDb();
		const build = (doc: Y.Doc) => doc.getMap('meta').set('title', 'Møde');
		expect(seedBoardIfEmpty(db, 'b', build)).toBe(true);
		expect(seedBoardIfEmpty(db, 'b', build)).toBe(false);

		const doc = new Y.Doc();
		Y.applyUpdate(doc, readBoardState(db, 'b'));
		const updates: Uint8Array[] = [];
		doc.on('update', (u: Uint8Array) => updates.push(u));
		doc.getMap('meta').set('title', 'Netværksmøde');
		await new SqliteBoardStore(db).append('b', updates);

		const read = new Y.Doc();
		Y.applyUpdate(read, readBoardState(db, 'b'));
		expect(read.getMap('meta').get('title')).toBe('Netværksmøde');
		expect(readBoardState(db, 'unknown')).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
	});
});
