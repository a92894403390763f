/**
 * The SQLite BoardStore on the process's shared better-sqlite3 connection (`board_updates` is the
 * append-only log, `board_states` the compacted state). better-sqlite3 is synchronous: `load`,
 * `compact` (without the worker) and `initialize` commit before their promise is created.
 *
 * Group commit: `append`s made during one event-loop turn – from every room – are committed
 * together in one IMMEDIATE transaction when the turn's I/O callbacks are done (`setImmediate`),
 * and each promise settles after that commit. One commit per turn instead of one per socket read:
 * under load, when many reads arrive in one turn, the cost per update falls instead of the
 * backlog growing. The seal check stays per board inside that transaction, so an append is
 * stored before the seal or refused (`SealedBoardError`) – never stored after it.
 *
 * Also exports the synchronous helpers the web app uses: `readBoardState` (snapshots) and
 * `seedBoardIfEmpty` (templates, demo seed).
 */
import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { appTransactionIdle } from '../../src/lib/server/db/client';
import { goalsDocId, splitDocId } from '../../src/lib/board/parts';
import { CompactionWorker } from './compaction-worker';
import {
	foldUpdates,
	mergeStored,
	SealedBoardError,
	type BoardStore,
	type StoredBoard
} from './store';

interface StateRow {
	state: Buffer;
	through_seq: number;
}
interface LogRow {
	seq: number;
	update: Buffer;
}

interface PendingAppend {
	boardId: string;
	updates: Uint8Array[];
	resolve: () => void;
	reject: (error: unknown) => void;
}

/** What the helpers need of a database: its better-sqlite3 connection (the app's `Db`, or a test's). */
export interface Connected {
	$client: Database.Database;
}

/** Prepared statements, one set per connection. */
class Statements {
	readonly selectState: Database.Statement<[string], StateRow>;
	/** The log rows not yet folded into the state (see compaction-worker.ts). */
	readonly selectLog: Database.Statement<[string, string], LogRow>;
	readonly insertUpdate: Database.Statement<[string, Buffer, number]>;
	readonly upsertState: Database.Statement<[string, Buffer, number, number]>;
	readonly deleteLogThrough: Database.Statement<[string, number]>;
	readonly hasAny: Database.Statement<[string, string], { one: number }>;
	readonly selectSealed: Database.Statement<[string], { one: number }>;
	/** Stores each entry's updates unless its board is sealed; returns which boards were sealed. */
	readonly appendGroup: (entries: PendingAppend[]) => boolean[];
	readonly compact: (boardId: string) => void;
	readonly initialize: (boardId: string, update: Uint8Array) => boolean;
	readonly load: (boardId: string) => StoredBoard;

	constructor(readonly sqlite: Database.Database) {
		this.selectState = sqlite.prepare(
			'SELECT state, through_seq FROM board_states WHERE board_id = ?'
		);
		this.selectLog = sqlite.prepare(
			`SELECT seq, "update" FROM board_updates WHERE board_id = ? AND seq >
			 coalesce((SELECT through_seq FROM board_states WHERE board_id = ?), 0) ORDER BY seq`
		);
		this.insertUpdate = sqlite.prepare(
			'INSERT INTO board_updates (board_id, "update", created_at) VALUES (?, ?, ?)'
		);
		this.upsertState = sqlite.prepare(
			`INSERT INTO board_states (board_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?)
			 ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq,
			 updated_at = excluded.updated_at`
		);
		this.deleteLogThrough = sqlite.prepare(
			'DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'
		);
		this.hasAny = sqlite.prepare(
			`SELECT 1 AS one WHERE EXISTS (SELECT 1 FROM board_states WHERE board_id = ?)
			 OR EXISTS (SELECT 1 FROM board_updates WHERE board_id = ?)`
		);
		// A board is sealed once its meeting has ended (server/snapshots/create.ts endMeeting sets
		// the status and takes the snapshot in one transaction); its goals document with it.
		this.selectSealed = sqlite.prepare(
			"SELECT 1 AS one FROM meetings WHERE board_id = ? AND status = 'ended'"
		);
		this.load = sqlite.transaction((boardId: string): StoredBoard => {
			const state = this.selectState.get(boardId);
			const log = this.selectLog.all(boardId, boardId).map((r) => toBytes(r.update));
			return { state: state ? toBytes(state.state) : null, log };
		});
		// IMMEDIATE: the seal check and the inserts see the same committed state, also when another
		// process ends the meeting (a deferred read would go stale before the write).
		this.appendGroup = sqlite.transaction((entries: PendingAppend[]): boolean[] => {
			const now = Date.now();
			const sealed = new Map<string, boolean>();
			return entries.map(({ boardId, updates }) => {
				let isSealed = sealed.get(boardId);
				if (isSealed === undefined) {
					isSealed = !!this.selectSealed.get(splitDocId(boardId).boardId);
					sealed.set(boardId, isSealed);
				}
				if (!isSealed)
					for (const update of updates) this.insertUpdate.run(boardId, toBuffer(update), now);
				return isSealed;
			});
		}).immediate as (entries: PendingAppend[]) => boolean[];
		// IMMEDIATE: take the write lock before reading, so that no other connection can append
		// between the read and the delete (the shared connection cannot anyway).
		this.compact = sqlite.transaction((boardId: string) => {
			const rows = this.selectLog.all(boardId, boardId);
			const last = rows.at(-1);
			if (!last) return;
			const state = this.selectState.get(boardId);
			const parts = rows.map((r) => toBytes(r.update));
			const merged = foldUpdates(state ? [toBytes(state.state), ...parts] : parts);
			this.upsertState.run(boardId, toBuffer(merged), last.seq, Date.now());
			this.deleteLogThrough.run(boardId, last.seq);
		}).immediate as (boardId: string) => void;
		this.initialize = sqlite.transaction((boardId: string, update: Uint8Array): boolean => {
			if (this.hasAny.get(boardId, boardId)) return false;
			this.upsertState.run(boardId, toBuffer(update), 0, Date.now());
			return true;
		}).immediate as (boardId: string, update: Uint8Array) => boolean;
	}
}

/**
 * The longest the group commits wait for the compaction worker's write (compaction-worker.ts);
 * after it they go ahead and wait for the lock in SQLite's busy handler, as without the turn.
 */
const WRITE_TURN_LIMIT_MS = 1_000;

/** The appends waiting for this turn's group commit, one queue per connection. */
class GroupCommit {
	#queue: PendingAppend[] = [];
	#scheduled = false;
	#holds = 0;
	/** Resolves when the last hold is released; null while none is held. */
	#resumed: Promise<void> | null = null;
	#resume: () => void = () => {};

	constructor(private readonly s: Statements) {}

	/**
	 * Holds the commits while another connection (the compaction worker) writes, so that the event
	 * loop never waits for the lock; the appends queue meanwhile. Returns the release (idempotent).
	 */
	hold(): () => void {
		if (this.#holds++ === 0) this.#resumed = new Promise((resolve) => (this.#resume = resolve));
		let held = true;
		const release = () => {
			if (!held) return;
			held = false;
			clearTimeout(limit);
			if (--this.#holds > 0) return;
			this.#resumed = null;
			this.#resume();
		};
		const limit = setTimeout(release, WRITE_TURN_LIMIT_MS);
		limit.unref();
		return release;
	}

	append(boardId: string, updates: Uint8Array[]): Promise<void> {
		return new Promise((resolve, reject) => {
			this.#queue.push({ boardId, updates, resolve, reject });
			if (!this.#scheduled) {
				this.#scheduled = true;
				setImmediate(this.#commit);
			}
		});
	}

	#commit = (): void => {
		// Never inside an app transaction on the same connection (src/lib/server/db/client.ts):
		// its rollback would take these appends with it. Wait until it has ended; and while the
		// compaction worker writes, until it is done.
		const wait = this.#resumed ?? appTransactionIdle(this.s.sqlite);
		if (wait) {
			void wait.then(() => setImmediate(this.#commit));
			return;
		}
		this.#scheduled = false;
		const entries = this.#queue;
		this.#queue = [];
		let sealed: boolean[];
		try {
			sealed = this.s.appendGroup(entries);
		} catch (error) {
			// Nothing of the group was stored (the transaction rolled back).
			for (const entry of entries) entry.reject(error);
			return;
		}
		entries.forEach((entry, i) =>
			sealed[i] ? entry.reject(new SealedBoardError(entry.boardId)) : entry.resolve()
		);
	};
}

const groups = new WeakMap<Statements, GroupCommit>();
function groupCommitFor(s: Statements): GroupCommit {
	let group = groups.get(s);
	if (!group) {
		group = new GroupCommit(s);
		groups.set(s, group);
	}
	return group;
}

const statements = new WeakMap<Database.Database, Statements>();
function statementsFor(db: Connected): Statements {
	let s = statements.get(db.$client);
	if (!s) {
		s = new Statements(db.$client);
		statements.set(db.$client, s);
	}
	return s;
}

function toBuffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
/** A plain Uint8Array view (Yjs does not need Buffer's extras, and tests compare with toEqual). */
function toBytes(buffer: Buffer): Uint8Array {
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

let sharedWorker: CompactionWorker | null = null;
const worker = () => (sharedWorker ??= new CompactionWorker());

/** Files whose WAL checkpoints the worker has taken over, and how often it runs them. */
const checkpointed = new Set<string>();
const CHECKPOINT_INTERVAL_MS = 2_000;

function moveCheckpointsToWorker(sqlite: Database.Database, path: string): void {
	if (checkpointed.has(path)) return;
	checkpointed.add(path);
	sqlite.pragma('wal_autocheckpoint = 0');
	const timer = setInterval(() => {
		if (!sqlite.open) {
			clearInterval(timer);
			checkpointed.delete(path);
			return;
		}
		worker()
			.checkpoint(path)
			.catch((error: unknown) => console.error('[persistence] WAL checkpoint failed', error));
	}, CHECKPOINT_INTERVAL_MS);
	timer.unref();
}

export interface SqliteStoreOptions {
	/**
	 * Merge in a worker thread (default for a database file) or on the calling thread (always for
	 * `:memory:`, which another connection cannot open). With the worker, the worker also takes
	 * over the connection's WAL checkpoints (`wal_autocheckpoint = 0` on the shared connection, a
	 * PASSIVE checkpoint every 2 s from the worker), keeping them off the event loop.
	 */
	compactInWorker?: boolean;
}

export class SqliteBoardStore implements BoardStore {
	readonly #s: Statements;
	readonly #group: GroupCommit;
	readonly #workerPath: string | null;

	constructor(db: Connected, options: SqliteStoreOptions = {}) {
		this.#s = statementsFor(db);
		this.#group = groupCommitFor(this.#s);
		const file = db.$client.memory ? null : db.$client.name;
		this.#workerPath = (options.compactInWorker ?? true) ? file : null;
		if (this.#workerPath) moveCheckpointsToWorker(db.$client, this.#workerPath);
	}

	async load(boardId: string): Promise<StoredBoard> {
		await appTransactionIdle(this.#s.sqlite);
		return this.#s.load(boardId);
	}

	/** Queued for this turn's group commit; settles once it is committed (or refused, sealed). */
	async append(boardId: string, updates: Uint8Array[]): Promise<void> {
		if (updates.length > 0) await this.#group.append(boardId, updates);
	}

	async isSealed(boardId: string): Promise<boolean> {
		// A board's goals document (`<boardId>~goals`) is sealed with the board.
		return !!this.#s.selectSealed.get(splitDocId(boardId).boardId);
	}

	async compact(boardId: string): Promise<void> {
		if (!this.#workerPath) {
			await appTransactionIdle(this.#s.sqlite);
			return this.#s.compact(boardId);
		}
		await worker().compact(this.#workerPath, boardId, () => this.#group.hold());
	}

	async initialize(boardId: string, update: Uint8Array): Promise<boolean> {
		await appTransactionIdle(this.#s.sqlite);
		return this.#s.initialize(boardId, update);
	}
}

/**
 * A board's full current state (stored state + log) as one Yjs update, read straight from the
 * database. Everything the sync server has forwarded is in here, because it stores first.
 */
export function readBoardState(db: Connected, boardId: string): Uint8Array {
	return mergeStored(statementsFor(db).load(boardId));
}

/**
 * A document's stored bytes (state + log as one update), or null when SQLite holds nothing for
 * it: where the PostgreSQL store finds boards the app seeded here (`importFrom`).
 */
export function storedBoardIfAny(db: Connected, docId: string): Uint8Array | null {
	const s = statementsFor(db);
	return s.hasAny.get(docId, docId) ? mergeStored(s.load(docId)) : null;
}

/**
 * Builds a board's two documents (docs/consent.md) with `build` – the main document and its goals
 * document – and stores them as their initial states, only if the board has nothing stored yet.
 * Returns whether it seeded. Call it before the board's rooms are loaded.
 */
export function seedBoardPartsIfEmpty(
	db: Connected,
	boardId: string,
	build: (doc: Y.Doc, goals: Y.Doc) => void
): boolean {
	const s = statementsFor(db);
	const goalsId = goalsDocId(boardId);
	if (s.hasAny.get(boardId, boardId)) return false;
	const doc = new Y.Doc();
	const goals = new Y.Doc();
	try {
		doc.transact(() => goals.transact(() => build(doc, goals), SEED_ORIGIN), SEED_ORIGIN);
		return s.sqlite.transaction(() => {
			if (!s.initialize(boardId, Y.encodeStateAsUpdate(doc))) return false;
			if (!s.hasAny.get(goalsId, goalsId)) s.initialize(goalsId, Y.encodeStateAsUpdate(goals));
			return true;
		})();
	} finally {
		doc.destroy();
		goals.destroy();
	}
}

const SEED_ORIGIN = { source: 'local' } as const;

/**
 * Builds a board with `build` and stores it as the board's initial state, only if the board has
 * nothing stored yet. Returns whether it seeded. Call it before the board's room is loaded (a
 * loaded room does not see writes it did not make).
 */
export function seedBoardIfEmpty(
	db: Connected,
	boardId: string,
	build: (doc: Y.Doc) => void
): boolean {
	const s = statementsFor(db);
	if (s.hasAny.get(boardId, boardId)) return false;
	const doc = new Y.Doc();
	try {
		doc.transact(() => build(doc), { source: 'local' });
		return s.initialize(boardId, Y.encodeStateAsUpdate(doc));
	} finally {
		doc.destroy();
	}
}
