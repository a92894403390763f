/**
 * Real y-websocket clients against the real server, plus direct access to the server's database
 * (sessions, invites, stored boards) for the sync integration tests and benchmarks: its SQLite
 * file, or – when the server runs on PostgreSQL (`TEST_POSTGRES=1`, tests/helpers/postgres.ts) –
 * its PostgreSQL database. `withAppDb`, `sessionCookie`, `createDemoMeeting` and `storedBoard`
 * choose by themselves; `withDb` is the SQLite file's only.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { newSession } from '../../src/lib/server/auth/session';
import {
	closeDatabase,
	openPostgresDb,
	wrapDatabase,
	type Db
} from '../../src/lib/server/db/client';
import { appDataOnPostgres } from '../../src/lib/server/db/tables';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import * as schema from '../../src/lib/server/db/schema';
import * as schemaPg from '../../src/lib/server/db/schema-pg';
import { readBoardState, seedBoardIfEmpty } from '../../server/persistence/sqlite-store';
import { PgBoardStore } from '../../server/persistence/pg-store';
import { dirname } from 'node:path';
import { pgRunSync, readPgDocSync, suiteDatabaseOf, type PgStatement } from './postgres';
import { removeServerDir, type TestServer } from './server';

/** The planned demo meeting's board, editable by its participants. */
export const DEMO_BOARD = 'demo-board-netvaerk';
/** The ended demo meeting's board: read-only for everyone. */
export const ENDED_DEMO_BOARD = 'demo-board-opstart';

/** The test process's own synchronous view of the server's database (direct reads and writes). */
export type TestDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Opens the server's database file from the test process (WAL: safe while the server runs). */
export function openTestDb(dbPath: string): TestDb {
	const sqlite = new Database(dbPath);
	sqlite.pragma('busy_timeout = 5000');
	return drizzle(sqlite, { schema }) as TestDb;
}

/** The PostgreSQL database of the server whose file would be `dbPath`, if it runs on PostgreSQL. */
export function postgresOf(dbPath: string): string | undefined {
	return suiteDatabaseOf(dirname(dbPath));
}

/** The server's SQLite file, synchronously (a server on PostgreSQL has none: use `withAppDb`). */
export function withDb<T>(dbPath: string, fn: (db: TestDb) => T): T {
	if (postgresOf(dbPath))
		throw new Error(
			'withDb reads the SQLite file, but this server is on PostgreSQL: use withAppDb'
		);
	const db = openTestDb(dbPath);
	try {
		return fn(db);
	} finally {
		db.$client.close();
	}
}

/**
 * Runs the app's own (async) data functions – or queries with the tables of tables.ts – on the
 * server's database from the test process: its SQLite file, or its PostgreSQL database. The test
 * process's tables must be of the same dialect: with `TEST_POSTGRES=1` the integration setup
 * (tests/helpers/postgres-env.ts) sets `DATABASE_URL` before anything loads.
 */
export async function withAppDb<T>(dbPath: string, fn: (db: Db) => Promise<T>): Promise<T> {
	const url = postgresOf(dbPath);
	if (url) {
		if (!appDataOnPostgres())
			throw new Error('withAppDb: the server is on PostgreSQL, this process has SQLite tables');
		const db = openPostgresDb(url, { max: 2 });
		try {
			return await fn(db);
		} finally {
			await closeDatabase(db);
		}
	}
	const sqlite = new Database(dbPath);
	sqlite.pragma('busy_timeout = 5000');
	try {
		return await fn(wrapDatabase(sqlite));
	} finally {
		sqlite.close();
	}
}

/** Statements built with drizzle for PostgreSQL (schema-pg.ts), to run with `pgRunSync`. */
const pgStatements = drizzlePg.mock({ schema: schemaPg });
const statement = (query: { toSQL(): PgStatement }): PgStatement => query.toSQL();

/** A `session=…` cookie for a user, created directly in the database (no password round trip). */
export function sessionCookie(dbPath: string, userId: string): string {
	const { row, token } = newSession(userId);
	const url = postgresOf(dbPath);
	if (url) pgRunSync(url, [statement(pgStatements.insert(schemaPg.sessions).values(row))]);
	else withDb(dbPath, (db) => db.insert(schema.sessions).values(row).run());
	return `session=${token}`;
}

/** The board as stored (state + log), as a fresh doc – from PostgreSQL when the server used it. */
export function storedBoard(dbPath: string, boardId: string): Y.Doc {
	const doc = new Y.Doc();
	const url = suiteDatabaseOf(dirname(dbPath));
	Y.applyUpdate(
		doc,
		url ? readPgDocSync(url, boardId) : withDb(dbPath, (db) => readBoardState(db, boardId))
	);
	return doc;
}

/**
 * Stores a board built with `build` as its initial state – in the board store the server uses –
 * if it has nothing stored yet (before anyone opens it). Returns whether it did.
 */
export async function seedStoredBoard(
	dbPath: string,
	boardId: string,
	build: (doc: Y.Doc) => void
): Promise<boolean> {
	const url = postgresOf(dbPath);
	if (!url) return withDb(dbPath, (db) => seedBoardIfEmpty(db, boardId, build));
	const doc = new Y.Doc();
	const store = await PgBoardStore.open(url, { max: 1, mergeInWorker: false });
	try {
		doc.transact(() => build(doc), { source: 'local' });
		return await store.initialize(boardId, Y.encodeStateAsUpdate(doc));
	} finally {
		doc.destroy();
		await store.close();
	}
}

/** A WebSocket class for y-websocket that sends extra headers (the cookie) on the upgrade. */
export function socketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
	class HeaderSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers });
		}
	}
	return HeaderSocket as unknown as typeof globalThis.WebSocket;
}

export interface ClientOptions {
	cookie?: string;
	invite?: string;
	connect?: boolean;
	doc?: Y.Doc;
}

export interface TestClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** Close codes the server sent to this client, in order. */
	closeCodes: number[];
	destroy(): void;
}

export function syncUrl(httpUrl: string): string {
	return `${httpUrl.replace(/^http/, 'ws')}/sync`;
}

/** A stock WebsocketProvider (BroadcastChannel off: clients in one process must go through the server). */
export function connectClient(
	httpUrl: string,
	boardId: string,
	options: ClientOptions = {}
): TestClient {
	const doc = options.doc ?? new Y.Doc();
	const provider = new WebsocketProvider(syncUrl(httpUrl), boardId, doc, {
		WebSocketPolyfill: socketWithHeaders(options.cookie ? { cookie: options.cookie } : {}),
		params: options.invite ? { invite: options.invite } : {},
		connect: options.connect ?? true,
		disableBc: true,
		maxBackoffTime: 500
	});
	const closeCodes: number[] = [];
	provider.on('connection-close', (event) => {
		if (event) closeCodes.push(event.code);
	});
	return {
		doc,
		provider,
		closeCodes,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/**
 * Polls `condition` until it holds. The timeout only keeps a broken run from hanging; tests never
 * assert how long anything took.
 */
export async function waitFor(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 30_000
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 20));
	}
}

export function waitSynced(client: TestClient): Promise<void> {
	return waitFor(() => client.provider.synced, 'client to sync');
}

/**
 * The same state vector and the same delete set. The state vector alone is not enough: an edit that
 * only deletes leaves it unchanged, so docs could look converged while that edit is still on its way.
 */
function sameState(a: Y.Doc, b: Y.Doc): boolean {
	return Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
}

/** Waits until every doc has the same state (state vector and deletions) as the first. */
export function waitConverged(docs: Y.Doc[], timeoutMs?: number): Promise<void> {
	return waitFor(
		() => docs.every((d) => sameState(d, docs[0]!)),
		'documents to converge',
		timeoutMs
	);
}

export interface RawSocket {
	ws: WebSocket;
	/** Resolves with the close code once the socket closed. */
	closed: Promise<number>;
	messages: Uint8Array[];
}

/** A raw WebSocket to `/sync/<boardId>` (for malformed and oversized messages). */
export async function rawSocket(
	httpUrl: string,
	boardId: string,
	cookie: string
): Promise<RawSocket> {
	const ws = new WebSocket(`${syncUrl(httpUrl)}/${boardId}`, { headers: { cookie } });
	const messages: Uint8Array[] = [];
	ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
	const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) =>
			reject(new Error(`upgrade refused: ${res.statusCode}`))
		);
	});
	return { ws, closed, messages };
}

/** The HTTP status an upgrade to `/sync/<boardId>` is answered with (101 when it opens). */
export function upgradeStatus(
	httpUrl: string,
	boardId: string,
	headers: Record<string, string> = {},
	query = ''
): Promise<number> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(`${syncUrl(httpUrl)}/${boardId}${query}`, { headers });
		ws.on('unexpected-response', (_req, res) => {
			resolve(res.statusCode ?? 0);
			ws.terminate();
		});
		ws.on('open', () => {
			resolve(101);
			ws.close();
		});
		ws.on('error', (error) => reject(error));
	});
}

export const DEMO_CASE = 'demo-case-sara-mikkel';
/** Demo users who take part in the planned demo meeting (and edit its board). */
export const DEMO_EDITORS = [
	'demo-anne',
	'demo-jonas',
	'demo-mette',
	'demo-karim',
	'demo-line'
] as const;

/**
 * Adds a planned meeting of the demo case with every demo member as participant, directly in
 * the database; returns its board id.
 */
export function createDemoMeeting(
	dbPath: string,
	id: string,
	status: 'planned' | 'live' | 'ended' = 'planned'
): string {
	const boardId = `board-${id}`;
	const meeting = {
		id,
		caseId: DEMO_CASE,
		boardId,
		type: 'netvaerk' as const,
		title: `Test ${id}`,
		startsAt: new Date(),
		status
	};
	const participants = [...DEMO_EDITORS, 'demo-carsten', 'demo-holm'].map((userId) => ({
		meetingId: id,
		userId
	}));
	const url = postgresOf(dbPath);
	if (url) {
		// On PostgreSQL an ended meeting's board is sealed in the board store's table.
		const seal = {
			sql: 'INSERT INTO board_seals (board_id) VALUES ($1) ON CONFLICT DO NOTHING',
			params: [boardId]
		};
		pgRunSync(url, [
			statement(pgStatements.insert(schemaPg.meetings).values(meeting)),
			statement(pgStatements.insert(schemaPg.meetingParticipants).values(participants)),
			...(status === 'ended' ? [seal] : [])
		]);
		return boardId;
	}
	withDb(dbPath, (db) => {
		db.insert(schema.meetings).values(meeting).run();
		db.insert(schema.meetingParticipants).values(participants).run();
	});
	return boardId;
}

/** Ends a test file's clients and its server, and removes the server's temporary folder. */
export async function shutDown(
	server: TestServer | undefined,
	clients: TestClient[]
): Promise<void> {
	for (const c of clients) c.destroy();
	if (!server) return;
	await server.stop();
	removeServerDir(server);
}
