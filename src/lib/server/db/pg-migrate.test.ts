/**
 * The app's PostgreSQL migrations on a real PostgreSQL (tests/helpers/postgres.ts): they apply
 * from processes starting together, they create the schema-pg.ts tables, and the audit log is
 * append-only there too – but inside an erasure, for the subjects being erased.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	APP_PG_MIGRATIONS,
	postgresUnavailable,
	startPostgres,
	type TestPostgres
} from '../../../../tests/helpers/postgres';
import { migrateAppPg } from './pg-migrate';

const unavailable = postgresUnavailable();
let server: TestPostgres | undefined;
let url = '';

async function query(sql: string, params: unknown[] = []) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await client.query(sql, params);
	} finally {
		await client.end();
	}
}

const entry = (id: string, caseId: string, userId: string | null) =>
	query(
		`INSERT INTO audit_log (at, actor, action, case_id, user_id) VALUES (now(), 'A', $1, $2, $3)`,
		[id, caseId, userId]
	);

describe.skipIf(unavailable)('app migrations on PostgreSQL', () => {
	beforeAll(async () => {
		server = await startPostgres();
		url = await server.createDatabase();
		// Three processes starting at once: the advisory lock lets one apply, the others wait.
		await Promise.all([1, 2, 3].map(() => migrateAppPg(url, APP_PG_MIGRATIONS)));
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('creates the tables of schema-pg.ts, once', async () => {
		const { rows } = await query(
			"SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1"
		);
		expect(rows.map((r: { table_name: string }) => r.table_name)).toContain('audit_log');
		expect(rows.map((r: { table_name: string }) => r.table_name)).toContain('meetings');
		const applied = await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations');
		expect(applied.rows[0].n).toBe(2);
		await migrateAppPg(url, APP_PG_MIGRATIONS);
		expect(
			(await query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')).rows[0].n
		).toBe(2);
	});

	it('refuses to change or delete audit entries, and to truncate the log', async () => {
		await entry('kept', 'case-1', 'user-1');
		await expect(query("UPDATE audit_log SET actor = 'B'")).rejects.toThrow(/append-only/);
		await expect(query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
		await expect(query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
		expect((await query("SELECT actor FROM audit_log WHERE action = 'kept'")).rows).toEqual([
			{ actor: 'A' }
		]);
	});

	it("lets an erasure delete its subjects' entries inside its transaction, and nothing else", async () => {
		await entry('erased-case', 'case-2', null);
		await entry('erased-account', 'case-3', 'parent-2');
		await entry('other', 'case-4', 'user-4');
		const client = new pg.Client({ connectionString: url });
		await client.connect();
		try {
			await client.query('BEGIN');
			await client.query(
				"INSERT INTO erasures_in_progress (subject_id) VALUES ('case-2'), ('parent-2')"
			);
			// Another connection does not see the erasure: the exception does not hold there.
			await expect(query("DELETE FROM audit_log WHERE case_id = 'case-2'")).rejects.toThrow(
				/append-only/
			);
			await client.query("DELETE FROM audit_log WHERE case_id = 'case-2' OR user_id = 'parent-2'");
			await client.query(
				"DELETE FROM erasures_in_progress WHERE subject_id IN ('case-2', 'parent-2')"
			);
			await client.query('COMMIT');
		} finally {
			await client.end();
		}
		const left = await query('SELECT action FROM audit_log ORDER BY id');
		expect(left.rows.map((r: { action: string }) => r.action)).toEqual(['kept', 'other']);
		await expect(query("DELETE FROM audit_log WHERE action = 'other'")).rejects.toThrow(
			/append-only/
		);
	});
});
