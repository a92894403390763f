/**
 * Compaction off the main thread, and out of the live path's way. Folding a board's state with
 * its log (`foldUpdates` in store.ts) takes tens of milliseconds for 500 updates and up to a
 * second for the 5,000 that a board typed into by a hundred people gathers in ten seconds; on the
 * event loop that would delay every room's fan-out. So a worker thread with its own connection to
 * the same SQLite file (WAL) does the database part, and hands the fold itself to a second worker
 * that runs at the lowest CPU priority (nice 19): on a machine where the live path needs both
 * cores, the fold waits for idle time instead of taking a core from the fan-out. The database
 * worker keeps normal priority, so that the short write transaction it holds is never starved
 * while the main thread's appends wait for the lock.
 *
 * The worker reads state + log, has them folded without holding any lock, then in one IMMEDIATE
 * transaction writes the new state and deletes exactly the rows it folded (rows appended
 * meanwhile have higher seq and stay in the log). If the state changed in between, it gives up.
 *
 * A commit of the main thread that began during the worker's write would wait for the lock inside
 * SQLite's busy handler, which sleeps 1, 2, 5 … ms at a time – with the event loop stopped for
 * every board. So the worker asks for its turn first (`onWriteTurn`): the main thread holds its
 * group commits until that write is over, and keeps serving sockets meanwhile. Every held commit
 * holds back the forwarding of its updates, so the turns are short: deleting a busy board's
 * thousands of folded rows took 2–6 ms in one transaction; now the first turn writes the state
 * and deletes the first `DELETE_CHUNK` rows, and each further turn deletes the next chunk. Rows
 * left between turns (or by a crash) are already in the state: readers skip every row up to the
 * state's `through_seq`, and the next compaction deletes them.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Plain CommonJS, evaluated in the workers: the server is bundled into one file, so a worker
// cannot be a separate module path. Packages are passed as resolved absolute paths.

/** The fold worker: store.ts's `foldUpdates` (this source cannot import it), at nice 19. */
const FOLD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// A thread's own nice value on Linux; elsewhere (macOS: the whole process) it stays at normal
// priority, as it does where the platform refuses.
if (process.platform === 'linux') try { require('node:os').setPriority(19); } catch {}
const Y = require(workerData.yjs);
function fold(parts) {
	if (parts.length === 1) return parts[0];
	const doc = new Y.Doc({ gc: false });
	try {
		doc.transact(() => { for (const part of parts) Y.applyUpdate(doc, part); });
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}
parentPort.on('message', ({ id, parts }) => {
	try {
		parentPort.postMessage({ id, merged: fold(parts) });
	} catch (error) {
		parentPort.postMessage({ id, error: String(error && error.stack || error) });
	}
});
`;

/** The database worker: reads, has the fold worker fold, writes; and checkpoints the WAL. */
const WORKER_SOURCE = `
const { parentPort, workerData, Worker } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const connections = new Map();
function open(path) {
	let db = connections.get(path);
	if (!db) {
		db = new Database(path);
		db.pragma('journal_mode = WAL');
		db.pragma('synchronous = NORMAL');
		db.pragma('busy_timeout = 5000');
		db.pragma('secure_delete = ON');
		connections.set(path, db);
	}
	return db;
}
// The main thread's answers to "may I write now?", by request id.
const turns = new Map();
/** Runs \`write\` in a write turn the main thread granted, and tells it when the turn is over. */
async function inWriteTurn(id, write) {
	await new Promise((resolve) => {
		turns.set(id, resolve);
		parentPort.postMessage({ id, turn: true });
	});
	try {
		return write();
	} finally {
		parentPort.postMessage({ id, turnOver: true });
	}
}
/** Folded rows deleted per write turn (see the top of this file). */
const DELETE_CHUNK = 500;
let folder = null;
let nextFold = 1;
const folds = new Map();
function fold(parts) {
	if (!folder) {
		const worker = new Worker(workerData.foldSource, { eval: true, workerData: { yjs: workerData.yjs } });
		const fail = (error) => {
			if (folder === worker) folder = null;
			for (const waiter of folds.values()) waiter.reject(error);
			folds.clear();
		};
		worker.on('message', ({ id, merged, error }) => {
			const waiter = folds.get(id);
			folds.delete(id);
			if (error) waiter?.reject(new Error(error));
			else waiter?.resolve(merged);
		});
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error('fold worker exited with ' + code)));
		folder = worker;
	}
	const id = nextFold++;
	const worker = folder;
	return new Promise((resolve, reject) => {
		folds.set(id, { resolve, reject });
		worker.postMessage({ id, parts });
	});
}
async function handle({ id, path, boardId, checkpoint, mergeParts }) {
	// Only the fold (the PostgreSQL store reads and writes itself).
	if (mergeParts) return { merged: await fold(mergeParts) };
	const db = open(path);
	if (checkpoint) {
		// PASSIVE: copies what it can without waiting for or blocking the main thread's writes.
		db.pragma('wal_checkpoint(PASSIVE)');
		return {};
	}
	const read = db.transaction(() => {
		const state = db.prepare('SELECT state, through_seq FROM board_states WHERE board_id = ?').get(boardId);
		const rows = db
			.prepare('SELECT seq, "update" FROM board_updates WHERE board_id = ? AND seq > ? ORDER BY seq')
			.all(boardId, state ? state.through_seq : 0);
		return { state, rows };
	});
	const { state, rows } = read();
	const last = rows[rows.length - 1];
	if (!last) return {};
	const parts = rows.map((r) => r.update);
	const merged = await fold(state ? [state.state, ...parts] : parts);
	const through = (i) => rows[Math.min(i + DELETE_CHUNK, rows.length) - 1].seq;
	const deleteThrough = db.prepare('DELETE FROM board_updates WHERE board_id = ? AND seq <= ?');
	const written = await inWriteTurn(id, db.transaction(() => {
		const now = db.prepare('SELECT through_seq FROM board_states WHERE board_id = ?').get(boardId);
		if ((now && now.through_seq) !== (state && state.through_seq)) return false;
		db.prepare(
			'INSERT INTO board_states (board_id, state, through_seq, updated_at) VALUES (?, ?, ?, ?) ' +
			'ON CONFLICT(board_id) DO UPDATE SET state = excluded.state, through_seq = excluded.through_seq, updated_at = excluded.updated_at'
		).run(boardId, Buffer.from(merged.buffer, merged.byteOffset, merged.byteLength), last.seq, Date.now());
		deleteThrough.run(boardId, through(0));
		return true;
	}).immediate);
	if (!written) return { compacted: false };
	for (let i = DELETE_CHUNK; i < rows.length; i += DELETE_CHUNK)
		await inWriteTurn(id, () => deleteThrough.run(boardId, through(i)));
	return { compacted: true };
}
parentPort.on('message', (message) => {
	if (message.turnGranted) {
		turns.get(message.id)?.();
		turns.delete(message.id);
		return;
	}
	handle(message).then(
		(reply) => parentPort.postMessage({ id: message.id, ok: true, ...reply }),
		(error) => parentPort.postMessage({ id: message.id, ok: false, error: String(error && error.stack || error) })
	);
});
`;

interface Reply {
	id: number;
	/** The worker asks for a write turn (see the top of this file); no settlement yet. */
	turn?: boolean;
	/** The worker's write turn is over. */
	turnOver?: boolean;
	ok: boolean;
	error?: string;
	merged?: Uint8Array;
}

interface Waiter {
	resolve: (reply: Reply) => void;
	reject: (e: Error) => void;
	onWriteTurn?: () => () => void;
	/** Ends the write turn the main thread granted. */
	release?: () => void;
}

/** One worker per process, started on first use, not keeping the process alive. */
export class CompactionWorker {
	#worker: Worker | null = null;
	#nextId = 1;
	readonly #pending = new Map<number, Waiter>();

	#start(): Worker {
		const require = createRequire(import.meta.url);
		const worker = new Worker(WORKER_SOURCE, {
			eval: true,
			workerData: {
				yjs: require.resolve('yjs'),
				sqlite: require.resolve('better-sqlite3'),
				foldSource: FOLD_SOURCE
			}
		});
		worker.on('message', (reply: Reply) => {
			const waiter = this.#pending.get(reply.id);
			if (reply.turn) {
				// Synchronous commits: none is running while this callback runs.
				if (waiter) waiter.release = waiter.onWriteTurn?.();
				worker.postMessage({ id: reply.id, turnGranted: true });
				return;
			}
			if (reply.turnOver) {
				waiter?.release?.();
				if (waiter) waiter.release = undefined;
				return;
			}
			this.#pending.delete(reply.id);
			waiter?.release?.();
			if (this.#pending.size === 0) worker.unref();
			if (reply.ok) waiter?.resolve(reply);
			else waiter?.reject(new Error(reply.error ?? 'compaction failed'));
		});
		const fail = (error: Error) => {
			// A crashed worker fails what it had; the next compaction starts a new one.
			if (this.#worker === worker) this.#worker = null;
			for (const waiter of this.#pending.values()) {
				waiter.release?.();
				waiter.reject(error);
			}
			this.#pending.clear();
		};
		worker.on('error', fail);
		worker.on('exit', (code) => fail(new Error(`compaction worker exited with ${code}`)));
		// Idle, the worker must not keep the process alive (listeners ref it, so unref after them);
		// while a compaction is pending it must, or a script awaiting it could exit early.
		worker.unref();
		return worker;
	}

	/**
	 * Compacts `boardId` in the database file at `path`. `onWriteTurn` is called each time the
	 * worker is about to take the write lock (one turn, or several for a long log); what it
	 * returns is called when that write is over (or the worker failed).
	 */
	async compact(path: string, boardId: string, onWriteTurn?: () => () => void): Promise<void> {
		await this.#request({ path, boardId }, onWriteTurn);
	}

	/** Checkpoints the WAL of the database file at `path` (see `SqliteBoardStore`). */
	async checkpoint(path: string): Promise<void> {
		await this.#request({ path, checkpoint: true });
	}

	/** `foldUpdates(parts)` in the worker (the PostgreSQL store's compaction). */
	async merge(parts: Uint8Array[]): Promise<Uint8Array> {
		const reply = await this.#request({ mergeParts: parts });
		if (!reply.merged) throw new Error('the compaction worker returned no merge');
		return reply.merged;
	}

	#request(
		message: { path?: string; boardId?: string; checkpoint?: boolean; mergeParts?: Uint8Array[] },
		onWriteTurn?: () => () => void
	): Promise<Reply> {
		this.#worker ??= this.#start();
		const id = this.#nextId++;
		const worker = this.#worker;
		return new Promise((resolve, reject) => {
			if (this.#pending.size === 0) worker.ref();
			this.#pending.set(id, { resolve, reject, onWriteTurn });
			worker.postMessage({ id, ...message });
		});
	}

	async terminate(): Promise<void> {
		const worker = this.#worker;
		this.#worker = null;
		if (worker) await worker.terminate();
	}
}
