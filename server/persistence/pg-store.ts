/**
 * The PostgreSQL BoardStore (`DATABASE_URL=postgres://…`), for several server processes on one
 * database (docs/scaling.md). node-postgres (`pg`) with hand-written SQL: the store is five
 * statements whose locking is the whole point, and they read best as SQL.
 *
 * Tables (migrations in pg-schema.ts, applied on open under an advisory lock):
 * - `board_docs`: one row per document, `last_seq` its last log sequence number. The row is the
 *   document's lock: an append takes it (`FOR UPDATE`), so seqs are per document, gap-free and
 *   committed in order – a reader that has seen seq n has seen everything before it.
 * - `board_updates`: the append-only log (`doc_id`, `seq`, `update`).
 * - `board_states`: the compacted state and the seq it folds (`through_seq`).
 * - `board_seals`: boards whose meeting has ended (main board id; its goals document with it).
 *   The app data (meetings) may live in SQLite, so the seal the append must check in its own
 *   transaction lives here; the end-of-meeting path writes it (`sealAndRead`).
 *
 * Group commit: the appends of one event-loop turn, from every room, go into one transaction –
 * one statement, `moedetavle_append`, so one round trip and the rows' locks held for no longer
 * than the function runs; while it runs, new appends gather for the next one. Inside it the
 * documents' rows are locked in
 * sorted order (no deadlock between processes), the seals read, the updates inserted and one
 * `NOTIFY board_updates, '<docId>:<lastSeq>'` per document queued – PostgreSQL delivers it only
 * if the transaction commits, so a notification always points at stored rows.
 *
 * Compaction runs under `pg_try_advisory_xact_lock`, so one process at a time folds a document
 * (the others skip: someone is already doing it).
 */
import pg from 'pg';
import { goalsDocId, splitDocId } from '../../src/lib/board/parts';
import { CompactionWorker } from './compaction-worker';
import { migratePg } from './pg-schema';
import {
	foldUpdates,
	mergeStored,
	SealedBoardError,
	type BoardStore,
	type StoredBoard
} from './store';

/** Advisory lock namespace of compaction (first key of the two-key form; pg-schema.ts has 7_140_001). */
const LOCK_COMPACT = 7_140_002;

/** What a reader after `seq` needs: the state if compaction folded past `seq`, then the log. */
export interface StoredSince {
	/** The compacted state, only when it folds updates after `seq` (their log rows are gone). */
	state: Uint8Array | null;
	updates: { seq: number; update: Uint8Array }[];
	/** The document's last seq in the same snapshot. */
	last: number;
}

interface PendingAppend {
	docId: string;
	updates: Uint8Array[];
	resolve: () => void;
	reject: (error: unknown) => void;
}

export interface PgStoreOptions {
	/**
	 * Where a document that PostgreSQL has never seen may be found (the SQLite tables, where the
	 * app seeds new boards): its bytes become the document's initial state on first use.
	 */
	importFrom?: (docId: string) => Uint8Array | null;
	/** Pool size (default 10). */
	max?: number;
	/**
	 * Merge compactions in a worker thread (default), keeping tens of milliseconds of merging
	 * off the event loop on a busy board; or on the calling thread.
	 */
	mergeInWorker?: boolean;
}

/** Called after each committed append with the seqs this process wrote. */
export type CommitListener = (docId: string, seqs: number[]) => void;

function bytes(buffer: Buffer): Uint8Array {
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
function buffer(bytes: Uint8Array): Buffer {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** One statement, so one snapshot: a concurrent compaction is seen either wholly or not at all. */
const READ_SINCE = `
	SELECT 0 AS kind, through_seq AS seq, CASE WHEN through_seq > $2 THEN state END AS bytes
	  FROM board_states WHERE doc_id = $1
	UNION ALL
	SELECT 1, seq, "update" FROM board_updates WHERE doc_id = $1 AND seq > $2
	UNION ALL
	SELECT 2, last_seq, NULL FROM board_docs WHERE doc_id = $1
	ORDER BY kind, seq`;

/** READ_SINCE for many documents: `$1` their ids, `$2` the seq each is read after. */
const READ_SINCE_MANY = `
	WITH c AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS c(doc_id, since))
	SELECT c.doc_id, 0 AS kind, s.through_seq AS seq,
	       CASE WHEN s.through_seq > c.since THEN s.state END AS bytes
	  FROM c JOIN board_states s ON s.doc_id = c.doc_id
	UNION ALL
	SELECT c.doc_id, 1, u.seq, u."update"
	  FROM c JOIN board_updates u ON u.doc_id = c.doc_id AND u.seq > c.since
	UNION ALL
	SELECT c.doc_id, 2, d.last_seq, NULL FROM c JOIN board_docs d ON d.doc_id = c.doc_id
	ORDER BY 1, 2, 3`;

export class PgBoardStore implements BoardStore {
	readonly pool: pg.Pool;
	readonly #importFrom: PgStoreOptions['importFrom'];
	#queue: PendingAppend[] = [];
	#scheduled = false;
	#committing: Promise<void> | null = null;
	/** The updates of the group commit in flight, by document. */
	#committingDocs = new Map<string, Uint8Array[]>();
	readonly #commitListeners = new Set<CommitListener>();
	readonly #worker: CompactionWorker | null;

	private constructor(pool: pg.Pool, options: PgStoreOptions) {
		this.pool = pool;
		this.#importFrom = options.importFrom;
		this.#worker = (options.mergeInWorker ?? true) ? new CompactionWorker() : null;
	}

	/** Connects, applies the schema migrations, and returns the store. */
	static async open(connectionString: string, options: PgStoreOptions = {}): Promise<PgBoardStore> {
		const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
		// An idle client's error (the server restarted) must not crash the process; the next
		// query gets a fresh connection.
		pool.on('error', (error) => console.error('[persistence] PostgreSQL pool error', error));
		try {
			await migratePg(pool);
		} catch (error) {
			await pool.end();
			throw error;
		}
		return new PgBoardStore(pool, options);
	}

	async close(): Promise<void> {
		await this.#worker?.terminate();
		await this.pool.end();
	}

	/**
	 * Whether `update` is one of this process's own for `docId` in the group commit in flight: its
	 * rows may be read (and its notification arrive) before the COMMIT has returned here.
	 */
	isCommitting(docId: string, update: Uint8Array): boolean {
		const mine = this.#committingDocs.get(docId);
		return !!mine && mine.some((own) => Buffer.compare(own, update) === 0);
	}

	/** Hears about this process's own committed appends (the cluster skips them when tailing). */
	onCommit(listener: CommitListener): () => void {
		this.#commitListeners.add(listener);
		return () => this.#commitListeners.delete(listener);
	}

	async load(docId: string): Promise<StoredBoard> {
		await this.#importIfNew(docId);
		const since = await this.readSince(docId, -1);
		return { state: since.state, log: since.updates.map((u) => u.update) };
	}

	/**
	 * The document's last seq now. A reader that takes it before `load` and then reads everything
	 * after it misses nothing (it may see some updates twice; applying them again changes nothing).
	 */
	async position(docId: string): Promise<number> {
		const { rows } = await this.pool.query<{ last_seq: string }>(
			'SELECT last_seq FROM board_docs WHERE doc_id = $1',
			[docId]
		);
		return rows[0] ? Number(rows[0].last_seq) : 0;
	}

	/** What was stored after `seq` (see `StoredSince`). */
	async readSince(docId: string, seq: number): Promise<StoredSince> {
		const read = await this.readSinceMany([{ docId, seq }]);
		return read.get(docId) ?? { state: null, updates: [], last: 0 };
	}

	/**
	 * `readSince` for many documents in one statement (one round trip, one snapshot): how a
	 * process tailing hundreds of boards keeps up (server/sync/pg-cluster.ts). Each document
	 * appears once in `cursors`.
	 */
	async readSinceMany(
		cursors: { docId: string; seq: number }[]
	): Promise<Map<string, StoredSince>> {
		const read = new Map<string, StoredSince>();
		if (cursors.length === 0) return read;
		const { rows } = await this.pool.query<{
			doc_id: string;
			kind: number;
			seq: string;
			bytes: Buffer | null;
		}>(READ_SINCE_MANY, [cursors.map((c) => c.docId), cursors.map((c) => c.seq)]);
		for (const { docId } of cursors) read.set(docId, { state: null, updates: [], last: 0 });
		for (const row of rows) {
			const since = read.get(row.doc_id)!;
			if (row.kind === 0) since.state = row.bytes ? bytes(row.bytes) : null;
			else if (row.kind === 1)
				since.updates.push({ seq: Number(row.seq), update: bytes(row.bytes!) });
			else since.last = Number(row.seq);
		}
		return read;
	}

	/** Queued for this turn's group commit; settles once it is committed (or refused, sealed). */
	async append(docId: string, updates: Uint8Array[]): Promise<void> {
		if (updates.length === 0) return;
		// Copies: the caller may reuse its buffers before the commit runs.
		const copies = updates.map((u) => u.slice());
		await new Promise<void>((resolve, reject) => {
			this.#queue.push({ docId, updates: copies, resolve, reject });
			this.#schedule();
		});
	}

	#schedule(): void {
		if (this.#scheduled || this.#committing) return;
		this.#scheduled = true;
		setImmediate(() => {
			this.#scheduled = false;
			this.#committing = this.#commit().finally(() => {
				this.#committing = null;
				this.#committingDocs = new Map();
				if (this.#queue.length > 0) this.#schedule();
			});
		});
	}

	async #commit(): Promise<void> {
		const entries = this.#queue;
		this.#queue = [];
		if (entries.length === 0) return;
		for (const entry of entries) {
			const mine = this.#committingDocs.get(entry.docId);
			if (mine) mine.push(...entry.updates);
			else this.#committingDocs.set(entry.docId, [...entry.updates]);
		}
		let outcome: { sealed: boolean[]; written: Map<string, number[]> };
		try {
			outcome = await appendGroup(this.pool, entries);
		} catch (error) {
			// Nothing of the group was stored (the transaction rolled back).
			for (const entry of entries) entry.reject(error);
			return;
		}
		for (const [docId, seqs] of outcome.written)
			for (const listener of this.#commitListeners) {
				try {
					listener(docId, seqs);
				} catch (error) {
					console.error('[persistence] a commit listener failed', error);
				}
			}
		entries.forEach((entry, i) =>
			outcome.sealed[i] ? entry.reject(new SealedBoardError(entry.docId)) : entry.resolve()
		);
	}

	async isSealed(docId: string): Promise<boolean> {
		const { rowCount } = await this.pool.query('SELECT 1 FROM board_seals WHERE board_id = $1', [
			splitDocId(docId).boardId
		]);
		return (rowCount ?? 0) > 0;
	}

	async compact(docId: string): Promise<void> {
		await this.#transaction(async (client) => {
			const { rows: lock } = await client.query<{ ok: boolean }>(
				'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok',
				[LOCK_COMPACT, docId]
			);
			// Another process is compacting this document right now: nothing to do here.
			if (!lock[0]?.ok) return;
			const { rows } = await client.query<{ kind: number; seq: string; bytes: Buffer | null }>(
				READ_SINCE,
				[docId, -1]
			);
			const state = rows.find((r) => r.kind === 0)?.bytes ?? null;
			const log = rows.filter((r) => r.kind === 1);
			const last = log.at(-1);
			if (!last) return;
			const parts = log.map((r) => bytes(r.bytes!));
			const all = state ? [bytes(state), ...parts] : parts;
			// Holding only the advisory lock: appends go on meanwhile (their seqs are higher).
			const merged = this.#worker ? await this.#worker.merge(all) : foldUpdates(all);
			await client.query(
				`INSERT INTO board_states (doc_id, state, through_seq, updated_at) VALUES ($1, $2, $3, now())
				 ON CONFLICT (doc_id) DO UPDATE SET state = excluded.state,
				 through_seq = excluded.through_seq, updated_at = excluded.updated_at`,
				[docId, buffer(merged), last.seq]
			);
			// Rows up to `last` were all committed before it was (per-document order), so none is
			// deleted unread; later appends have higher seqs and stay.
			await client.query('DELETE FROM board_updates WHERE doc_id = $1 AND seq <= $2', [
				docId,
				last.seq
			]);
		});
	}

	async initialize(docId: string, update: Uint8Array): Promise<boolean> {
		return this.#transaction((client) => initializeDoc(client, docId, update));
	}

	/**
	 * Seals a board (its meeting ends) and returns both its documents as stored at that moment,
	 * in one transaction: it waits for appends in flight on either document (their row locks),
	 * so each append is either in what this returns or refused afterwards.
	 */
	async sealAndRead(boardId: string): Promise<{ main: Uint8Array; goals: Uint8Array }> {
		const docs = [boardId, goalsDocId(boardId)];
		await Promise.all(docs.map((d) => this.#importIfNew(d)));
		return this.#transaction(async (client) => {
			await lockDocs(client, docs);
			await client.query(
				'INSERT INTO board_seals (board_id) VALUES ($1) ON CONFLICT (board_id) DO NOTHING',
				[boardId]
			);
			const [main, goals] = await Promise.all(
				docs.map(async (d) => {
					const { rows } = await client.query<{ kind: number; bytes: Buffer | null }>(READ_SINCE, [
						d,
						-1
					]);
					const stored: StoredBoard = { state: null, log: [] };
					for (const row of rows) {
						if (row.kind === 0 && row.bytes) stored.state = bytes(row.bytes);
						if (row.kind === 1) stored.log.push(bytes(row.bytes!));
					}
					return mergeStored(stored);
				})
			);
			return { main: main!, goals: goals! };
		});
	}

	/** Lifts a seal again: only when ending the meeting failed after `sealAndRead`. */
	async unseal(boardId: string): Promise<void> {
		await this.pool.query('DELETE FROM board_seals WHERE board_id = $1', [boardId]);
	}

	/**
	 * Deletes boards – both documents of each – in one transaction (case erasure), and leaves
	 * each board sealed: its id is all a seal holds, and an append that comes after (a room of a
	 * process that missed the erasure) is refused instead of starting the document again. Waits
	 * for appends in flight; close the boards' rooms first (the `case-erasing` event does, on
	 * every process).
	 */
	async deleteBoards(boardIds: string[]): Promise<void> {
		if (boardIds.length === 0) return;
		const docs = boardIds.flatMap((id) => [id, goalsDocId(id)]);
		await this.#transaction(async (client) => {
			await lockDocs(client, docs);
			await client.query('DELETE FROM board_updates WHERE doc_id = ANY($1)', [docs]);
			await client.query('DELETE FROM board_states WHERE doc_id = ANY($1)', [docs]);
			await client.query('DELETE FROM board_docs WHERE doc_id = ANY($1)', [docs]);
			await client.query(
				'INSERT INTO board_seals (board_id) SELECT unnest($1::text[]) ON CONFLICT (board_id) DO NOTHING',
				[boardIds]
			);
		});
	}

	/** Seals boards whose meetings ended before PostgreSQL held their seals (start-up). */
	async importSeals(boardIds: string[]): Promise<void> {
		if (boardIds.length === 0) return;
		await this.pool.query(
			'INSERT INTO board_seals (board_id) SELECT unnest($1::text[]) ON CONFLICT (board_id) DO NOTHING',
			[boardIds]
		);
	}

	/** Sends notifications (awareness, app events) in one round trip. */
	async notify(messages: { channel: string; payload: string }[]): Promise<void> {
		if (messages.length === 0) return;
		await this.pool.query('SELECT pg_notify(c, p) FROM unnest($1::text[], $2::text[]) AS n(c, p)', [
			messages.map((m) => m.channel),
			messages.map((m) => m.payload)
		]);
	}

	/** Whether the database answers (health check). */
	async ping(): Promise<boolean> {
		try {
			await this.pool.query('SELECT 1');
			return true;
		} catch {
			return false;
		}
	}

	/** A document PostgreSQL has never seen gets its bytes from `importFrom`, once. */
	async #importIfNew(docId: string): Promise<void> {
		if (!this.#importFrom) return;
		const { rowCount } = await this.pool.query('SELECT 1 FROM board_docs WHERE doc_id = $1', [
			docId
		]);
		if ((rowCount ?? 0) > 0) return;
		const imported = this.#importFrom(docId);
		if (imported) await this.initialize(docId, imported);
		else
			await this.pool.query('INSERT INTO board_docs (doc_id) VALUES ($1) ON CONFLICT DO NOTHING', [
				docId
			]);
	}

	async #transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		let result: T;
		try {
			await client.query('BEGIN');
			result = await fn(client);
			await client.query('COMMIT');
		} catch (error) {
			await client.query('ROLLBACK').catch(() => {});
			// The connection may be broken (PostgreSQL restarted): never hand it out again.
			client.release(true);
			throw error;
		}
		client.release();
		return result;
	}
}

/** Creates the documents' rows if missing and locks them, in sorted order (no deadlocks). */
async function lockDocs(client: pg.PoolClient, docIds: string[]): Promise<Map<string, number>> {
	const sorted = [...new Set(docIds)].sort();
	await client.query(
		`INSERT INTO board_docs (doc_id) SELECT d FROM unnest($1::text[]) AS d ORDER BY d
		 ON CONFLICT (doc_id) DO NOTHING`,
		[sorted]
	);
	const { rows } = await client.query<{ doc_id: string; last_seq: string }>(
		'SELECT doc_id, last_seq FROM board_docs WHERE doc_id = ANY($1) ORDER BY doc_id FOR UPDATE',
		[sorted]
	);
	return new Map(rows.map((r) => [r.doc_id, Number(r.last_seq)]));
}

/** One group commit: `moedetavle_append` (migration 0002) in one statement, one round trip. */
async function appendGroup(
	pool: pg.Pool,
	entries: PendingAppend[]
): Promise<{ sealed: boolean[]; written: Map<string, number[]> }> {
	const { rows } = await pool.query<{ entry: number; sealed: boolean; first_seq: string | null }>(
		'SELECT entry, sealed, first_seq FROM moedetavle_append($1::text[], $2::text[], $3::int[], $4::bytea[])',
		[
			entries.map((e) => e.docId),
			entries.map((e) => splitDocId(e.docId).boardId),
			entries.map((e) => e.updates.length),
			entries.flatMap((e) => e.updates.map(buffer))
		]
	);
	const sealed = entries.map(() => false);
	const written = new Map<string, number[]>();
	for (const row of rows) {
		const i = row.entry - 1;
		const entry = entries[i];
		if (!entry) continue;
		if (row.sealed) {
			sealed[i] = true;
			continue;
		}
		const first = Number(row.first_seq);
		const mine = written.get(entry.docId) ?? [];
		for (let k = 0; k < entry.updates.length; k++) mine.push(first + k);
		written.set(entry.docId, mine);
	}
	return { sealed, written };
}

async function initializeDoc(
	client: pg.PoolClient,
	docId: string,
	update: Uint8Array
): Promise<boolean> {
	const last = (await lockDocs(client, [docId])).get(docId) ?? 0;
	const { rowCount } = await client.query('SELECT 1 FROM board_states WHERE doc_id = $1', [docId]);
	if (last > 0 || (rowCount ?? 0) > 0) return false;
	await client.query('INSERT INTO board_states (doc_id, state, through_seq) VALUES ($1, $2, 0)', [
		docId,
		buffer(update)
	]);
	return true;
}
