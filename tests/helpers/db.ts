/** Direct access to a test server's SQLite file (WAL allows reading and writing beside it). */
import Database from 'better-sqlite3';

export function openTestDb(path: string): Database.Database {
	const db = new Database(path);
	db.pragma('busy_timeout = 5000');
	return db;
}

export function count(db: Database.Database, sql: string, ...params: unknown[]): number {
	const row = db.prepare(sql).get(...params) as Record<string, number>;
	return Object.values(row)[0] ?? 0;
}
