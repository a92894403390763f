/** A fresh in-memory database with the committed migrations applied, for unit tests. */
import { resolve } from 'node:path';
import { migrateDatabase, openDatabase, type Db } from './db/client';

export function createTestDb(): Db {
	const db = openDatabase(':memory:');
	migrateDatabase(db, resolve(import.meta.dirname, '../../../drizzle'));
	return db;
}
