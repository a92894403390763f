/**
 * The app's data access on a real PostgreSQL (`DATABASE_URL`, tests/helpers/postgres.ts): the
 * tables of tables.ts are schema-pg.ts's, the data functions run unchanged on drizzle's
 * node-postgres driver, `transaction()` commits, rolls back and joins an outer transaction, and
 * the SQL that was SQLite's (`setCaseClosed`'s coalesce) works there.
 *
 * tables.ts chooses its tables when it loads, from `DATABASE_URL`: so this file sets it first and
 * imports the app's modules afterwards (vitest gives each test file its own modules).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	APP_PG_MIGRATIONS,
	postgresUnavailable,
	startPostgres,
	type TestPostgres
} from '../../../../tests/helpers/postgres';
import type { Db } from './client';

const unavailable = postgresUnavailable();
let server: TestPostgres | undefined;
let db: Db;
let client: typeof import('./client');
let tables: typeof import('./tables');
const previousUrl = process.env.DATABASE_URL;

describe.skipIf(unavailable)('the app database on PostgreSQL', () => {
	beforeAll(async () => {
		server = await startPostgres();
		const url = await server.createDatabase();
		process.env.DATABASE_URL = url;
		const { migrateAppPg } = await import('./pg-migrate');
		await migrateAppPg(url, APP_PG_MIGRATIONS);
		client = await import('./client');
		tables = await import('./tables');
		db = client.openPostgresDb(url);
		await db.insert(tables.users).values({
			id: 'u1',
			email: 'a@example.dk',
			name: 'Anne',
			passwordHash: 'x'
		});
	});

	afterAll(async () => {
		if (db) await client.closeDatabase(db);
		await server?.stop();
		if (previousUrl === undefined) delete process.env.DATABASE_URL;
		else process.env.DATABASE_URL = previousUrl;
	});

	it('uses the PostgreSQL tables and answers the health check', async () => {
		expect(tables.appDataOnPostgres()).toBe(true);
		expect(client.onPostgres(db)).toBe(true);
		expect(await client.databaseAnswers(db)).toBe(true);
		const row = await db
			.select()
			.from(tables.users)
			.where(eq(tables.users.id, 'u1'))
			.then(client.first);
		// The JS values are SQLite's: a Date, a boolean.
		expect(row?.createdAt).toBeInstanceOf(Date);
		expect(row?.isAdmin).toBe(false);
	});

	it('a transaction commits when its body resolves and rolls back when it throws', async () => {
		await client.transaction(db, async (tx) => {
			await tx.insert(tables.cases).values({ id: 'c1', title: 'Kept' });
		});
		await expect(
			client.transaction(db, async (tx) => {
				await tx.insert(tables.cases).values({ id: 'c2', title: 'Rolled back' });
				throw new Error('the form failed');
			})
		).rejects.toThrow('the form failed');
		const ids = (await db.select({ id: tables.cases.id }).from(tables.cases)).map((c) => c.id);
		expect(ids).toEqual(['c1']);
	});

	it('a transaction inside a transaction joins it (rolled back together)', async () => {
		await expect(
			client.transaction(db, async (tx) => {
				await tx.insert(tables.cases).values({ id: 'c3', title: 'Outer' });
				await client.transaction(db, async (inner) => {
					expect(inner).toBe(tx);
					await inner.insert(tables.cases).values({ id: 'c4', title: 'Inner' });
				});
				throw new Error('outer fails');
			})
		).rejects.toThrow('outer fails');
		const ids = (await db.select({ id: tables.cases.id }).from(tables.cases)).map((c) => c.id);
		expect(ids).toEqual(['c1']);
	});

	it('setCaseClosed keeps the day a case was first closed (coalesce with a timestamp)', async () => {
		const { setCaseClosed } = await import('../case-admin');
		const first = new Date('2026-01-05T10:00:00.000Z');
		await setCaseClosed(db, 'c1', true, first);
		await setCaseClosed(db, 'c1', true, new Date('2026-03-01T10:00:00.000Z'));
		const closed = async () =>
			(
				await db
					.select({ closedAt: tables.cases.closedAt })
					.from(tables.cases)
					.where(eq(tables.cases.id, 'c1'))
					.then(client.first)
			)?.closedAt;
		expect((await closed())?.toISOString()).toBe(first.toISOString());
		await setCaseClosed(db, 'c1', false);
		expect(await closed()).toBeNull();
	});

	it('the app data functions run unchanged: an audit entry, a session', async () => {
		const { audit } = await import('../audit');
		const { newSession } = await import('../auth/session');
		await audit(db, {
			userId: 'u1',
			actor: 'Anne',
			action: 'case.read',
			caseId: 'c1',
			targetType: 'case',
			targetId: 'c1',
			ip: null
		});
		const { row } = newSession('u1');
		await db.insert(tables.sessions).values(row);
		const stored = await db
			.select()
			.from(tables.sessions)
			.where(eq(tables.sessions.id, row.id))
			.then(client.first);
		expect(Buffer.isBuffer(stored?.secretHash)).toBe(true);
		expect(stored?.secretHash.equals(row.secretHash)).toBe(true);
		const entries = await db.select().from(tables.auditLog);
		expect(entries.map((e) => [e.action, typeof e.id])).toEqual([['case.read', 'number']]);
	});
});
