/**
 * Direct access to a test server's database. `openTestDb`/`count`: its SQLite file (WAL allows
 * reading and writing beside it), for the suites that run on SQLite only. `countRows`: either
 * dialect (the file, or the server's PostgreSQL database with `TEST_POSTGRES=1`), through the
 * app's tables (tables.ts).
 */
import Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { withAppDb } from './yclients';

export function openTestDb(path: string): Database.Database {
	const db = new Database(path);
	db.pragma('busy_timeout = 5000');
	return db;
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
	const row = db.prepare(sql).get(...params) as Record<string, number>;
	return Object.values(row)[0] ?? 0;
}

/** How many rows of `table` (from tables.ts) match `where`, in the server's database. */
export function countRows(dbPath: string, table: SQLiteTable, where?: SQL): Promise<number> {
	return withAppDb(dbPath, (db) => db.$count(table, where));
}
