import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBoardState, SqliteBoardStore } from '../../../../server/persistence/sqlite-store';
import { createTestDb } from '../test-db';
import { durability, openDatabase, transaction, type Db } from './client';
import { users } from './schema';

const saved = process.env.SYNC_DURABILITY;
const dir = mkdtempSync(join(tmpdir(), 'moedetavle-durability-'));
afterEach(() => {
	if (saved === undefined) delete process.env.SYNC_DURABILITY;
	else process.env.SYNC_DURABILITY = saved;
});
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

function synchronousOf(file: string): number {
	const db = openDatabase(join(dir, file));
	try {
		return db.$client.pragma('synchronous', { simple: true }) as number;
	} finally {
		db.$client.close();
	}
}

it('commits with synchronous = NORMAL by default and FULL with SYNC_DURABILITY=full', () => {
	delete process.env.SYNC_DURABILITY;
	expect(durability()).toBe('normal');
	expect(synchronousOf('default.db')).toBe(1);
	process.env.SYNC_DURABILITY = 'Full';
	expect(durability()).toBe('full');
	expect(synchronousOf('full.db')).toBe(2);
	process.env.SYNC_DURABILITY = 'normal';
	expect(synchronousOf('normal.db')).toBe(1);
});

it('refuses an unknown SYNC_DURABILITY instead of guessing', () => {
	process.env.SYNC_DURABILITY = 'fsync';
	expect(() => durability()).toThrow(/SYNC_DURABILITY must be "normal" or "full"/);
	expect(() => openDatabase(join(dir, 'never.db'))).toThrow(/SYNC_DURABILITY/);
});

describe('transactions on the one connection', () => {
	const user = (id: string) => ({ id, email: `${id}@t.example`, name: id, passwordHash: 'x' });
	const ids = async (db: Db) =>
		(await db.select({ id: users.id }).from(users).all()).map((r) => r.id).sort();
	const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

	it("keeps another request's write when a transaction rolls back, even while its body waits", async () => {
		const db = createTestDb();
		let inside!: () => void;
		const started = new Promise<void>((resolve) => (inside = resolve));
		const failing = transaction(db, async (tx) => {
			await tx.insert(users).values(user('rolled-back')).run();
			inside();
			await tick(); // not only queries: the other request runs meanwhile
			await tx.select().from(users).all();
			throw new Error('fails after the other request wrote');
		});
		await started;
		// Another request, no transaction of its own: it must not land inside the open one.
		const other = db.insert(users).values(user('other')).run();
		await expect(failing).rejects.toThrow('fails after the other request wrote');
		await other;
		expect(await ids(db)).toEqual(['other']);
	});

	it('keeps it too when the body awaits only queries (other promise chains interleave)', async () => {
		const db = createTestDb();
		const failing = transaction(db, async (tx) => {
			for (let i = 0; i < 5; i++) await tx.select().from(users).all();
			await tx.insert(users).values(user('rolled-back')).run();
			for (let i = 0; i < 5; i++) await tx.select().from(users).all();
			throw new Error('rollback');
		});
		const other = (async () => {
			await Promise.resolve();
			await db.insert(users).values(user('other')).run();
		})();
		await expect(failing).rejects.toThrow('rollback');
		await other;
		expect(await ids(db)).toEqual(['other']);
	});

	it('runs concurrent transactions one after the other, and a nested one joins its outer one', async () => {
		const db = createTestDb();
		const order: string[] = [];
		const write = (id: string) =>
			transaction(db, async (tx) => {
				order.push(`begin ${id}`);
				await tx.insert(users).values(user(id)).run();
				await tick();
				await transaction(tx, async (inner) => {
					await inner
						.update(users)
						.set({ name: `${id}!` })
						.where(eq(users.id, id))
						.run();
				});
				order.push(`end ${id}`);
			});
		await Promise.all([write('a'), write('b'), write('c')]);
		expect(order).toEqual(['begin a', 'end a', 'begin b', 'end b', 'begin c', 'end c']);
		expect((await db.select({ name: users.name }).from(users).all()).map((r) => r.name)).toEqual([
			'a!',
			'b!',
			'c!'
		]);
	});

	it("never commits the board store's appends inside an app transaction that then rolls back", async () => {
		const db = createTestDb();
		const store = new SqliteBoardStore(db, { compactInWorker: false });
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		let appended!: Promise<void>;
		const failing = transaction(db, async (tx) => {
			await tx.insert(users).values(user('rolled-back')).run();
			appended = store.append('board-1', [Y.encodeStateAsUpdate(doc)]);
			await tick(); // the group commit's turn comes while the transaction is open
			throw new Error('rollback');
		});
		await expect(failing).rejects.toThrow('rollback');
		await appended;
		expect(await ids(db)).toEqual([]);
		const stored = new Y.Doc();
		Y.applyUpdate(stored, readBoardState(db, 'board-1'));
		expect(stored.getMap('m').get('k')).toBe('v');
	});
});
