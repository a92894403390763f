/**
 * The app's tables on PostgreSQL (`DATABASE_URL`): applies the committed migrations of
 * drizzle-pg/ (generated from schema-pg.ts with `npm run db:generate:pg`), recorded by drizzle in
 * `drizzle.__drizzle_migrations`. Several processes start together: the migrations run under a
 * session advisory lock, so one applies them and the others then find nothing left to do.
 *
 * The board store's tables are created by its own migrations (server/persistence/pg-store.ts).
 */
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';

/** The advisory lock key of the app's migrations (pg-store.ts uses its own). */
export const LOCK_APP_MIGRATE = 0x6d6f6401;

/** Applies the migrations in `migrationsFolder` to the database at `url` (idempotent). */
export async function migrateAppPg(url: string, migrationsFolder: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [LOCK_APP_MIGRATE]);
		try {
			await migrate(drizzle(client), { migrationsFolder });
		} finally {
			await client.query('SELECT pg_advisory_unlock($1)', [LOCK_APP_MIGRATE]);
		}
	} finally {
		await client.end();
	}
}
