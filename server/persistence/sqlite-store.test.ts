import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import * as Y from 'yjs';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { cases, meetings } from '../../src/lib/server/db/schema';
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
