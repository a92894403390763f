/**
 * The app's database: the one SQLite connection of the process (`DATABASE_PATH`, the default),
 * or a PostgreSQL pool (`DATABASE_URL`), both behind drizzle's asynchronous API and typed as
 * one `Db` (the PostgreSQL tables are chosen by tables.ts when it loads). On PostgreSQL every
 * query is one round trip on a pooled connection and `transaction()` is drizzle's PostgreSQL
 * transaction on one pooled client; what follows is about SQLite.
 *
 * The SvelteKit bundle and the server entry point (sync, snapshots) each get their own copy of
 * this module, so the connection is kept on `globalThis`: whichever copy opens it first, both
 * use the same handle and see each other's writes in the same transaction order.
 *
 * Every data function is async (`await db.select()…`), so that the same queries run on a
 * database that answers over the network. On SQLite the queries still run synchronously on the
 * one better-sqlite3 connection (drizzle's `sqlite-proxy` driver hands each one to `execute`
 * below), and that makes transactions the one hazard (docs/scaling.md, "Transactions"):
 *
 * - One connection has one transaction. While a transaction's body awaits, other requests'
 *   queries (other promise chains) would run inside it – and be rolled back with it. So app
 *   transactions run through `transaction(db, body)` only: one at a time (an async mutex per
 *   connection), and while one is open every query that does not come from its body (its async
 *   context, `AsyncLocalStorage`) waits until it has committed or rolled back.
 * - The board store (server/persistence/sqlite-store.ts) writes on the same connection with its
 *   own synchronous transactions; it must never start inside an app transaction. It waits for
 *   `appTransactionIdle()` first. Bodies should await nothing but queries (then a transaction
 *   begins and ends within one event-loop turn and nothing else has to wait at all).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { sql } from 'drizzle-orm';
import { drizzle, type SqliteRemoteDatabase } from 'drizzle-orm/sqlite-proxy';
import { drizzle as drizzlePg, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import * as schema from './schema';
import * as schemaPg from './schema-pg';

/**
 * The app's database, written against SQLite's types. On PostgreSQL it is drizzle's node-postgres
 * database (`openPostgresDb`), whose `$client` is its pool: code that needs the raw connection
 * asks `onPostgres(db)` first.
 */
export type Db = SqliteRemoteDatabase<typeof schema> & { $client: Database.Database };

type PgDb = NodePgDatabase<typeof schemaPg> & { $client: pg.Pool };

const POSTGRES = Symbol.for('moedetavle.db.postgres');
type Marked = { [POSTGRES]?: true };

/** Whether `db` is the PostgreSQL database (`DATABASE_URL`), not the SQLite connection. */
export function onPostgres(db: Db): boolean {
	return (db as Marked)[POSTGRES] === true;
}

/** The PostgreSQL side of a database that `onPostgres` said is PostgreSQL's. */
function pgOf(db: Db): PgDb {
	return db as unknown as PgDb;
}

/**
 * The app's database on PostgreSQL: drizzle's node-postgres driver over a pool, with schema-pg.ts.
 * Typed as the app's `Db` here, once; its queries use the tables of tables.ts, which are
 * PostgreSQL's in a process with `DATABASE_URL`. Apply the migrations first (`migrateAppPg`).
 */
export function openPostgresDb(url: string, options: { max?: number } = {}): Db {
	const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
	// An idle client's error (the server restarted) must not crash the process; the next query
	// gets a fresh connection.
	pool.on('error', (error) => console.error('[db] PostgreSQL pool error', error));
	const db = drizzlePg(pool, { schema: schemaPg }) as PgDb & Marked;
	db[POSTGRES] = true;
	return db as unknown as Db;
}

/** Checks that `url` names a PostgreSQL database (`DATABASE_URL`). */
export function postgresUrl(url: string): string {
	if (!/^postgres(ql)?:\/\//.test(url))
		throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
	return url;
}

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
	return wrapDatabase(sqlite);
}

/** The app's async drizzle database over an open better-sqlite3 connection. */
export function wrapDatabase(sqlite: Database.Database): Db {
	const db = drizzle(executor(sqlite), { schema }) as Db;
	db.$client = sqlite;
	return db;
}

/** Applies the committed migrations in `migrationsFolder` (idempotent). */
export function migrateDatabase(db: Db, migrationsFolder: string): void {
	migrate(drizzleSync(db.$client), { migrationsFolder });
}

// --- Transactions on the one connection -------------------------------------------------------

/** One connection's transaction state: who holds it, and when it is free again. */
class Gate {
	/** The transaction's token while one is open (or about to begin). */
	owner: symbol | null = null;
	/** Resolves when the open transaction has ended. */
	free: Promise<void> = Promise.resolve();
	/** The last transaction in line: the next one waits for it (the mutex). */
	tail: Promise<void> = Promise.resolve();
}

interface TxContext {
	sqlite: Database.Database;
	token: symbol;
	tx: Db;
}

// On `globalThis`, like the connection: the SvelteKit bundle's copy of this module and the server
// entry's copy (sync server, board store) must see the same open transaction.
const SHARED = Symbol.for('moedetavle.db.transactions');
type SharedHolder = {
	[SHARED]?: { gates: WeakMap<Database.Database, Gate>; context: AsyncLocalStorage<TxContext> };
};
const shared = ((globalThis as SharedHolder)[SHARED] ??= {
	gates: new WeakMap(),
	context: new AsyncLocalStorage()
});
const { gates, context } = shared;

function gateOf(sqlite: Database.Database): Gate {
	let gate = gates.get(sqlite);
	if (!gate) {
		gate = new Gate();
		gates.set(sqlite, gate);
	}
	return gate;
}

/** What the caller must wait for before using the connection, or null when it may go ahead. */
function blocker(sqlite: Database.Database): Promise<void> | null {
	const gate = gates.get(sqlite);
	if (!gate?.owner) return null;
	const ctx = context.getStore();
	return ctx?.sqlite === sqlite && ctx.token === gate.owner ? null : gate.free;
}

/** Resolves once no transaction of another async context is open on the connection. */
function untilFree(sqlite: Database.Database): Promise<void> | null {
	const wait = blocker(sqlite);
	return wait ? wait.then(() => untilFree(sqlite) ?? undefined) : null;
}

/**
 * Resolves once no app transaction at all is open on the connection, or null when none is. The
 * board store (server/persistence/sqlite-store.ts) waits for it before it touches the shared
 * connection; it never runs inside an app transaction, whichever async context called it.
 */
export function appTransactionIdle(sqlite: Database.Database): Promise<void> | null {
	const gate = gates.get(sqlite);
	return gate?.owner ? gate.free.then(() => appTransactionIdle(sqlite) ?? undefined) : null;
}

/**
 * Runs `fn` on the raw connection (the board helpers of server/persistence) once no other
 * request's transaction is open; inside the caller's own transaction it runs at once.
 */
export async function withConnection<T>(db: Db, fn: (sqlite: Database.Database) => T): Promise<T> {
	if (onPostgres(db)) throw new Error('withConnection: the SQLite connection, not PostgreSQL');
	const wait = untilFree(db.$client);
	if (wait) await wait;
	return fn(db.$client);
}

/**
 * Runs `body` in one IMMEDIATE transaction: committed when it resolves, rolled back when it
 * throws. Transactions on a connection run one after another; queries from outside the body wait
 * while it is open (see the top of this file). A transaction inside a transaction joins it.
 * The body should await nothing but queries on `tx`.
 */
export async function transaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
	if (onPostgres(db)) return pgTransaction(db, body);
	const sqlite = db.$client;
	const outer = context.getStore();
	if (outer?.sqlite === sqlite) return body(outer.tx);
	const gate = gateOf(sqlite);
	const before = gate.tail;
	let release!: () => void;
	const done = new Promise<void>((resolve) => (release = resolve));
	gate.tail = before.then(() => done);
	await before;
	const token = Symbol('transaction');
	gate.owner = token;
	gate.free = done;
	try {
		const ctx: TxContext = { sqlite, token, tx: db };
		return await context.run(ctx, () =>
			db.transaction(
				(tx) => {
					ctx.tx = Object.assign(tx, { $client: sqlite }) as unknown as Db;
					return body(ctx.tx);
				},
				{ behavior: 'immediate' }
			)
		);
	} finally {
		gate.owner = null;
		release();
	}
}

/** The PostgreSQL transaction open in this async context, by database: a nested one joins it. */
const pgContext = ((globalThis as { [key: symbol]: unknown })[
	Symbol.for('moedetavle.db.pgTransactions')
] ??= new AsyncLocalStorage<{ db: Db; tx: Db }>()) as AsyncLocalStorage<{ db: Db; tx: Db }>;

/**
 * drizzle's transaction on one pooled client. No gate: other requests' queries run on other
 * connections of the pool, outside it. Queries of the body must go through `tx` to be in it.
 */
async function pgTransaction<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
	const outer = pgContext.getStore();
	if (outer?.db === db) return body(outer.tx);
	return pgOf(db).transaction((tx) => {
		const inner = Object.assign(tx, { [POSTGRES]: true }) as unknown as Db;
		return pgContext.run({ db, tx: inner }, () => body(inner));
	});
}

type Method = 'run' | 'all' | 'values' | 'get';

/**
 * Runs drizzle's queries on the connection (the `sqlite-proxy` callback): prepared statements
 * cached by their text, rows as arrays (drizzle maps them), gated as described above.
 */
function executor(sqlite: Database.Database) {
	const statements = new Map<string, Database.Statement>();
	const prepare = (text: string): Database.Statement => {
		let statement = statements.get(text);
		if (!statement) {
			// Queries with a varying number of parameters (IN lists) make new texts: bound the cache.
			if (statements.size >= 1_000) statements.clear();
			statement = sqlite.prepare(text);
			statements.set(text, statement);
		}
		return statement;
	};
	const run = (text: string, params: unknown[], method: Method): { rows: unknown } => {
		const statement = prepare(text);
		if (!statement.reader) {
			statement.run(...params);
			return { rows: [] };
		}
		const raw = statement.raw(true);
		if (method === 'get') return { rows: raw.get(...params) };
		return { rows: raw.all(...params) };
	};
	const attempt = (text: string, params: unknown[], method: Method): Promise<{ rows: unknown }> => {
		const wait = blocker(sqlite);
		if (wait) return wait.then(() => attempt(text, params, method));
		try {
			return Promise.resolve(run(text, params, method));
		} catch (error) {
			return Promise.reject(error);
		}
	};
	return (text: string, params: unknown[], method: Method) =>
		attempt(text, params, method) as Promise<{ rows: unknown[] }>;
}

/** The first row, or undefined: what SQLite's `.get()` gave, written for both dialects. */
export function first<T>(rows: T[]): T | undefined {
	return rows[0];
}

/** The row an `INSERT … RETURNING` (or a matching `UPDATE … RETURNING`) wrote. */
export function returned<T>(rows: T[]): T {
	return rows[0] as T;
}

/** Whether the database answers a trivial query (`GET /healthz`). */
export async function databaseAnswers(db: Db): Promise<boolean> {
	if (onPostgres(db)) {
		const { rows } = await pgOf(db).execute<{ one: number }>(sql`SELECT 1 AS one`);
		return rows[0]?.one === 1;
	}
	const row = (await db.get(sql`SELECT 1 AS one`)) as unknown[] | undefined;
	return row?.[0] === 1;
}

const KEY = Symbol.for('moedetavle.db');
type Holder = { [KEY]?: Db };

/**
 * The process-wide database, opened on first use: PostgreSQL when `DATABASE_URL` is set (its
 * migrations applied by the server's start, `migrateAppPg`), else SQLite at `DATABASE_PATH`.
 */
export function getDb(): Db {
	const holder = globalThis as Holder;
	const url = process.env.DATABASE_URL;
	holder[KEY] ??= url ? openPostgresDb(postgresUrl(url)) : openDatabase(databasePath());
	return holder[KEY];
}

/** Installs an already opened database as the process-wide one (server start, tests). */
export function setDb(db: Db): void {
	(globalThis as Holder)[KEY] = db;
}

/** Closes a database: SQLite's connection, or PostgreSQL's pool. */
export async function closeDatabase(db: Db): Promise<void> {
	if (onPostgres(db)) await pgOf(db).$client.end();
	else db.$client.close();
}

/** Closes the process-wide database (on SQLite after a WAL checkpoint), if it is open. */
export async function closeDb(): Promise<void> {
	const holder = globalThis as Holder;
	const db = holder[KEY];
	if (!db) return;
	if (onPostgres(db)) {
		delete holder[KEY];
		return closeDatabase(db);
	}
	try {
		db.$client.pragma('wal_checkpoint(TRUNCATE)');
	} finally {
		db.$client.close();
		delete holder[KEY];
	}
}
