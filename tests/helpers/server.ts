/**
 * Starts the real, built server (`build/server.js`) as a child process on a free port with its
 * own temporary SQLite file – or with `TEST_POSTGRES=1` all its data (app data and boards) on a
 * database of its own on a throwaway PostgreSQL (tests/helpers/postgres.ts), and no SQLite file.
 * Run `npm run build` first (`npm test` does).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { suiteDatabaseFor, suiteUsesPostgres } from './postgres';

export const ROOT = resolve(import.meta.dirname, '../..');
const SERVER = join(ROOT, 'build/server.js');
export const DEMO_PASSWORD = 'moedetavle-demo';

export interface TestServer {
	url: string;
	port: number;
	dbPath: string;
	dir: string;
	/** The server process's id (to read its memory use). */
	pid: number;
	/** Output printed so far (stdout and stderr). */
	output: () => string;
	/** SIGTERM and wait for exit; returns the exit code. */
	stop: () => Promise<number | null>;
	/** SIGKILL (a crash) and wait for exit. */
	kill: () => Promise<void>;
}

export interface StartOptions {
	demo?: boolean;
	/** Reuse a database directory (to restart on the same data). */
	dir?: string;
	/** Fixed port (to restart on the same address). */
	port?: number;
	env?: Record<string, string>;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
	if (!existsSync(SERVER)) throw new Error('build/server.js is missing: run `npm run build` first');
	const tmpRoot = join(ROOT, 'tests/.tmp');
	mkdirSync(tmpRoot, { recursive: true });
	const dir = options.dir ?? mkdtempSync(join(tmpRoot, 'server-'));
	const dbPath = join(dir, 'test.db');
	// `TEST_POSTGRES=1`: everything on PostgreSQL (one database per directory).
	const databaseUrl =
		suiteUsesPostgres() && !options.env?.DATABASE_URL ? await suiteDatabaseFor(dir) : undefined;
	const child: ChildProcess = spawn(
		process.execPath,
		[SERVER, ...(options.demo ? ['--demo'] : [])],
		{
			cwd: ROOT,
			env: {
				...process.env,
				PORT: String(options.port ?? 0),
				HOST: '127.0.0.1',
				DATABASE_PATH: dbPath,
				...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
				...options.env
			},
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let out = '';
	const exited = new Promise<number | null>((resolveExit) =>
		child.on('exit', (code) => resolveExit(code))
	);
	const port = await new Promise<number>((resolvePort, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 30_000);
		const onData = (chunk: Buffer) => {
			out += chunk.toString();
			const match = /listening on http:\/\/[^:]+:(\d+)/.exec(out);
			if (match) {
				clearTimeout(timer);
				resolvePort(Number(match[1]));
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
		void exited.then((code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${out}`));
		});
	});
	return {
		url: `http://127.0.0.1:${port}`,
		port,
		dbPath,
		dir,
		pid: child.pid ?? 0,
		output: () => out,
		async stop() {
			child.kill('SIGTERM');
			return exited;
		},
		async kill() {
			child.kill('SIGKILL');
			await exited;
		}
	};
}

export function removeServerDir(server: TestServer): void {
	rmSync(server.dir, { recursive: true, force: true });
}

/** Logs in through the API and returns the `session=…` cookie pair. */
export async function login(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const res = await fetch(`${url}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url },
		body: JSON.stringify({ email, password })
	});
	if (res.status !== 200)
		throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (!cookie) throw new Error('no session cookie');
	return cookie.split(';')[0]!;
}

/** fetch with a session cookie and a same-origin Origin header. */
export function api(url: string, cookie?: string) {
	return (path: string, init: RequestInit = {}) =>
		fetch(`${url}${path}`, {
			...init,
			headers: {
				origin: url,
				...(init.body ? { 'content-type': 'application/json' } : {}),
				...(cookie ? { cookie } : {}),
				...(init.headers as Record<string, string> | undefined)
			}
		});
}
