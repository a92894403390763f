/**
 * A throwaway PostgreSQL server for tests: a real `postgres` from the machine's binaries
 * (`initdb`, `pg_ctl` on PATH or under /usr/lib/postgresql/<version>/bin), in a temporary
 * directory, on a free port of 127.0.0.1, trust authentication, fsync off (a test cluster holds
 * nothing worth an fsync; commits still wait for their WAL write, as in production). Stopped and
 * deleted by `stop()`.
 *
 * PostgreSQL refuses to run as root: as root the helper runs the binaries as the `postgres`
 * system user (`runuser -u postgres`), creating that user first if the machine has none.
 *
 * A machine without the binaries skips the PostgreSQL suites with one line saying so
 * (`postgresUnavailable()`); with `CI` or `REQUIRE_POSTGRES` set they fail instead, since CI must
 * never skip them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** The app's generated PostgreSQL migrations (`npm run db:generate:pg`), for `migrateAppPg`. */
export const APP_PG_MIGRATIONS = resolve(import.meta.dirname, '../../drizzle-pg');

export interface TestPostgres {
	/** `postgres://…` of the cluster's `postgres` database. */
	url: string;
	port: number;
	/** Creates a new, empty database and returns its `postgres://…` URL. */
	createDatabase(name?: string): Promise<string>;
	/** Stops the server and deletes its directory. */
	stop(): Promise<void>;
	/** The same, synchronously (from a process `exit` handler). */
	stopSync(): void;
	/** Restarts the server (fast shutdown: every connection is cut), same port and data. */
	restart(): Promise<void>;
}

const USER = 'moedetavle';

/** Creates database `name` on the cluster of `url`; returns the new database's URL. */
async function createDatabaseOn(url: string, name: string): Promise<string> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(`CREATE DATABASE "${name}"`);
	} finally {
		await client.end();
	}
	const target = new URL(url);
	target.pathname = `/${name}`;
	return target.toString();
}

/** The directory holding `initdb` and `pg_ctl`, or null when there is none. */
export function postgresBinDir(): string | null {
	const candidates = [
		...(process.env.PATH ?? '').split(':').filter(Boolean),
		...listVersions('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin`)
	];
	for (const dir of candidates)
		if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
	return null;
}

function listVersions(root: string): string[] {
	try {
		return readdirSync(root).sort((a, b) => Number(b) - Number(a));
	} catch {
		return [];
	}
}

/**
 * Why the PostgreSQL suites cannot run here (null when they can). Under `CI` a missing
 * PostgreSQL is an error, not a skip.
 */
export function postgresUnavailable(): string | null {
	if (postgresBinDir()) return null;
	const reason =
		'PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin: skipping the PostgreSQL suites';
	if (process.env.CI || process.env.REQUIRE_POSTGRES)
		throw new Error(`${reason} – CI must run them`);
	console.warn(reason);
	return reason;
}

const isRoot = () => process.getuid?.() === 0;

/** Runs a PostgreSQL binary, as the `postgres` user when we are root. */
function run(bin: string, args: string[]): void {
	const [command, full] = isRoot()
		? ['runuser', ['-u', 'postgres', '--', bin, ...args]]
		: [bin, args];
	const result = spawnSync(command, full, { encoding: 'utf8' });
	if (result.status !== 0)
		throw new Error(`${bin} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

function ensurePostgresUser(): void {
	if (spawnSync('id', ['-u', 'postgres']).status === 0) return;
	execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres']);
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export async function startPostgres(): Promise<TestPostgres> {
	const bin = postgresBinDir();
	if (!bin) throw new Error('PostgreSQL binaries not found (see postgresUnavailable)');
	if (isRoot()) ensurePostgresUser();
	const dir = mkdtempSync(join(tmpdir(), 'moedetavle-pg-'));
	chmodSync(dir, 0o700);
	if (isRoot()) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	run(join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		USER,
		'--auth=trust',
		'-E',
		'UTF8',
		'--no-locale',
		'--no-sync'
	]);
	let port = 0;
	for (let attempt = 0; ; attempt++) {
		port = await freePort();
		try {
			run(join(bin, 'pg_ctl'), [
				'-D',
				data,
				'-l',
				join(dir, 'server.log'),
				'-w',
				'-t',
				'60',
				'-o',
				`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300`,
				'start'
			]);
			break;
		} catch (error) {
			// Another process may have taken the port between the probe and the start.
			if (attempt >= 2) {
				rmSync(dir, { recursive: true, force: true });
				throw error;
			}
		}
	}
	const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
	let databases = 0;
	let stopped = false;
	const stopSync = () => {
		if (stopped) return;
		stopped = true;
		try {
			run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	return {
		url,
		port,
		createDatabase: (name = `test_${process.pid}_${databases++}`) => createDatabaseOn(url, name),
		async stop() {
			stopSync();
		},
		stopSync,
		async restart() {
			// `-l`: the new server must not inherit our pipes (spawnSync would wait for them).
			run(join(bin, 'pg_ctl'), [
				'-D',
				data,
				'-l',
				join(dir, 'server.log'),
				'-m',
				'fast',
				'-w',
				'-t',
				'60',
				'restart'
			]);
		}
	};
}

/**
 * `TEST_POSTGRES=1`: the integration suites run their servers with the boards on PostgreSQL
 * (`npm run test:integration:pg`). One throwaway PostgreSQL for the run (global setup), one
 * database per server directory (a server restarted on the same directory finds its boards).
 */
export function suiteUsesPostgres(): boolean {
	return !!process.env.TEST_POSTGRES && postgresUnavailable() === null;
}

const suiteDatabases = new Map<string, string>();
let suiteCount = 0;

/**
 * The PostgreSQL database of a test server's directory, created on first use on the cluster the
 * integration project's global setup started (tests/helpers/postgres-global.ts).
 */
export async function suiteDatabaseFor(dir: string): Promise<string> {
	const known = suiteDatabases.get(dir);
	if (known) return known;
	const url = await createDatabaseOn(
		inject('suitePostgresUrl'),
		`suite_${process.pid}_${suiteCount++}`
	);
	suiteDatabases.set(dir, url);
	return url;
}

/** The database a test server's directory uses, if it runs on PostgreSQL. */
export function suiteDatabaseOf(dir: string): string | undefined {
	return suiteDatabases.get(dir);
}

/**
 * Tells the helpers that the servers of `dir` use the PostgreSQL database at `url` (a suite that
 * starts its own PostgreSQL and passes `DATABASE_URL` itself, e.g. multi-process.test.ts).
 */
export function useDatabaseFor(dir: string, url: string): void {
	suiteDatabases.set(dir, url);
}

/** One statement for `pgRunSync`: its text and parameters, as drizzle's `toSQL()` gives them. */
export interface PgStatement {
	sql: string;
	params: unknown[];
}

/**
 * Runs statements in one transaction on PostgreSQL, synchronously – in a child process – for the
 * helpers that wrote the SQLite file synchronously (`sessionCookie`, `createDemoMeeting`).
 * Buffers travel as base64.
 */
export function pgRunSync(url: string, statements: PgStatement[]): void {
	const encoded = JSON.stringify(
		statements.map((s) => ({
			sql: s.sql,
			params: s.params.map((p) => (Buffer.isBuffer(p) ? { $buffer: p.toString('base64') } : p))
		}))
	);
	const script = `
		import pg from 'pg';
		const statements = JSON.parse(process.argv[2]);
		const client = new pg.Client({ connectionString: process.argv[1] });
		await client.connect();
		try {
			await client.query('BEGIN');
			for (const s of statements)
				await client.query(s.sql, s.params.map((p) =>
					p && typeof p === 'object' && '$buffer' in p ? Buffer.from(p.$buffer, 'base64') : p));
			await client.query('COMMIT');
		} finally {
			await client.end();
		}`;
	execFileSync(process.execPath, ['--input-type=module', '-e', script, url, encoded], {
		cwd: join(import.meta.dirname, '../..'),
		encoding: 'utf8'
	});
}

/**
 * A document as stored on PostgreSQL (state + log as one update), read synchronously – in a
 * child process – for the helpers that read the SQLite file synchronously.
 */
export function readPgDocSync(url: string, docId: string): Uint8Array {
	const script = `
		import pg from 'pg';
		import * as Y from 'yjs';
		const client = new pg.Client({ connectionString: process.argv[1] });
		await client.connect();
		const { rows } = await client.query(
			\`SELECT 0 AS kind, 0::bigint AS seq, state AS bytes FROM board_states WHERE doc_id = $1
			 UNION ALL SELECT 1, seq, "update" FROM board_updates WHERE doc_id = $1 ORDER BY kind, seq\`,
			[process.argv[2]]
		);
		await client.end();
		const parts = rows.map((r) => new Uint8Array(r.bytes));
		const bytes = parts.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc())
			: parts.length === 1 ? parts[0] : Y.mergeUpdates(parts);
		process.stdout.write(Buffer.from(bytes).toString('base64'));`;
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, url, docId], {
		cwd: join(import.meta.dirname, '../..'),
		encoding: 'utf8',
		// A board after heavy editing is several megabytes (the default is 1 MiB: ENOBUFS).
		maxBuffer: 256 * 1024 * 1024
	});
	return new Uint8Array(Buffer.from(out, 'base64'));
}
