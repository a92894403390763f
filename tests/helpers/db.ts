/**
 * Direct access to a test server's database. `openTestDb`/`count`: its SQLite file (WAL allows
 * reading and writing beside it), for the suites that run on SQLite only. `countRows`,
 * `countSql` and `storedText`: either dialect – the file, or the server's PostgreSQL database
 * (`TEST_POSTGRES=1`, or `useDatabaseFor`).
 */
import { existsSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { postgresOf, withAppDb } from './yclients';

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

/** Runs `fn` with a client of the server's PostgreSQL database. */
async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await fn(client);
	} finally {
		await client.end();
	}
}

/**
 * `SELECT count(*) …` in SQL both dialects read alike (`?` placeholders, text and number
 * parameters), on the server's database.
 */
export async function countSql(
	dbPath: string,
	text: string,
	...params: unknown[]
): Promise<number> {
	const url = postgresOf(dbPath);
	if (!url) {
		const db = openTestDb(dbPath);
		try {
			return count(db, text, ...params);
		} finally {
			db.close();
		}
	}
	let n = 0;
	const numbered = text.replace(/\?/g, () => `$${++n}`);
	return withPg(url, async (client) => {
		const { rows } = await client.query<Record<string, string>>(numbered, params);
		return Number(Object.values(rows[0] ?? {})[0] ?? 0);
	});
}

/**
 * Everything the server's database holds, as one latin1 string to search bytes in (a string's
 * UTF-8 bytes read as latin1): on SQLite the files it keeps (database, write-ahead log, shared
 * memory) byte for byte, free pages and all; on PostgreSQL the rows of every table – text as
 * UTF-8, bytes as they are (PostgreSQL's own files keep dead rows until VACUUM: docs/scaling.md).
 */
export async function storedText(dbPath: string): Promise<string> {
	const url = postgresOf(dbPath);
	if (!url)
		return ['', '-wal', '-shm']
			.map((suffix) => dbPath + suffix)
			.filter((path) => existsSync(path))
			.map((path) => readFileSync(path).toString('latin1'))
			.join('\n');
	return withPg(url, async (client) => {
		const { rows: tables } = await client.query<{ schema: string; name: string }>(
			`SELECT schemaname AS schema, tablename AS name FROM pg_tables
			 WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`
		);
		const parts: string[] = [];
		for (const { schema, name } of tables) {
			const { rows } = await client.query(`SELECT * FROM "${schema}"."${name}"`);
			for (const row of rows)
				for (const value of Object.values(row as Record<string, unknown>)) {
					if (value === null || value === undefined) continue;
					if (Buffer.isBuffer(value)) parts.push(value.toString('latin1'));
					else {
						const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
						parts.push(Buffer.from(text, 'utf8').toString('latin1'));
					}
				}
		}
		return parts.join('\n');
	});
}
