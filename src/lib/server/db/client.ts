/**
 * The one SQLite connection of the process.
 *
 * The SvelteKit bundle and the server entry point (sync, snapshots) each get their own copy of
 * this module, so the connection is kept on `globalThis`: whichever copy opens it first, both
 * use the same handle and see each other's writes in the same transaction order.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const KEY = Symbol.for('moedetavle.db');
type Holder = { [KEY]?: Db };

/** The database path from `DATABASE_PATH` (default `./data/moedetavle.db`). */
export function databasePath(): string {
	return resolve(process.env.DATABASE_PATH ?? './data/moedetavle.db');
}

/**
 * `SYNC_DURABILITY`: `normal` (default) commits to the WAL without an fsync per transaction – a
 * committed transaction survives a crash of the process, but the last ones before a power loss
 * or an OS crash may be lost (the database stays consistent); `full` fsyncs every commit, so
 * they survive that too, at the price of one fsync per group commit. docs/durability.md.
 */
export function durability(): 'normal' | 'full' {
	const value = (process.env.SYNC_DURABILITY ?? '').trim().toLowerCase();
	if (value === '' || value === 'normal') return 'normal';
	if (value === 'full') return 'full';
	throw new Error(
		`SYNC_DURABILITY must be "normal" or "full", not "${process.env.SYNC_DURABILITY}"`
	);
}

/** Opens a database file with the pragmas the app relies on (WAL, foreign keys, busy timeout, secure delete). */
export function openDatabase(path: string): Db {
	const synchronous = durability() === 'full' ? 'FULL' : 'NORMAL';
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	sqlite.pragma('journal_mode = WAL');
	sqlite.pragma(`synchronous = ${synchronous}`);
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	// Deleted content is overwritten, not left in free pages or cell gaps, so an erased case or a
	// compacted log leaves no readable trace in the file (docs/security.md).
	sqlite.pragma('secure_delete = ON');
	return drizzle(sqlite, { schema }) as Db;
}

/** Applies the committed migrations in `migrationsFolder` (idempotent). */
export function migrateDatabase(db: Db, migrationsFolder: string): void {
	migrate(db, { migrationsFolder });
}

/** The process-wide database, opened on first use from `DATABASE_PATH`. */
export function getDb(): Db {
	const holder = globalThis as Holder;
	holder[KEY] ??= openDatabase(databasePath());
	return holder[KEY];
}

/** Installs an already opened database as the process-wide one (server start, tests). */
export function setDb(db: Db): void {
	(globalThis as Holder)[KEY] = db;
}

/** Closes the process-wide database after a WAL checkpoint, if it is open. */
export function closeDb(): void {
	const holder = globalThis as Holder;
	const db = holder[KEY];
	if (!db) return;
	try {
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
	} finally {
		db.$client.close();
		delete holder[KEY];
	}
}
