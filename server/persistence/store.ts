/**
 * Board persistence behind one small interface, so that the sync rooms do not know whether the
 * bytes live in SQLite, in memory (tests) or later in PostgreSQL.
 *
 * A board is stored as an optional compacted state plus an append-only log of Yjs updates.
 * Loading merges the two; compaction folds the log into the state in one atomic step.
 */
import * as Y from 'yjs';

/** What a board's storage holds: the compacted state (if any) and the log after it, oldest first. */
export interface StoredBoard {
	state: Uint8Array | null;
	log: Uint8Array[];
}

export interface BoardStore {
	/** The stored state and log of a board; both empty for a board never written. */
	load(boardId: string): Promise<StoredBoard>;
	/**
	 * Appends updates to the board's log, durably and atomically (all or none), in order.
	 * Resolves only once they are committed. Rejects with `SealedBoardError`, storing nothing, once
	 * the board is sealed – checked inside the same transaction, so an append either lands before
	 * the seal (and is in the snapshot taken with it) or is refused.
	 */
	append(boardId: string, updates: Uint8Array[]): Promise<void>;
	/**
	 * Whether the board is sealed: its meeting has ended and its end-of-meeting snapshot holds its
	 * last state. A sealed board never changes again (`append` refuses).
	 */
	isSealed(boardId: string): Promise<boolean>;
	/**
	 * Folds the log into the stored state (`foldUpdates`) and deletes the folded log entries, in
	 * one transaction: a concurrent `append` lands either before (and is folded) or after (and
	 * stays in the log). A no-op for a board with an empty log.
	 */
	compact(boardId: string): Promise<void>;
	/**
	 * Stores `update` as the board's initial state if the board has neither state nor log.
	 * Returns whether it did. Atomic with respect to `append`.
	 */
	initialize(boardId: string, update: Uint8Array): Promise<boolean>;
}

/** `append` on a sealed board (its meeting ended): nothing of the batch was stored. */
export class SealedBoardError extends Error {
	constructor(readonly boardId: string) {
		super(`board ${boardId} is sealed (its meeting has ended)`);
		this.name = 'SealedBoardError';
	}
}

/** Compaction threshold: a room compacts its board once its log holds more updates than this. */
export const COMPACT_AFTER_UPDATES = 500;

/**
 * A room compacts its board at most once in this many milliseconds. A compaction merges the
 * whole state with the log, so on a board typed into by a hundred people (500 updates a second)
 * compacting at every 500 updates would keep a core merging; the log then grows for a few
 * seconds longer instead, which a load merges at little cost.
 */
export const COMPACT_INTERVAL_MS = 10_000;

/**
 * Several Yjs updates as one, holding exactly what they hold (deleted content too: nothing is
 * garbage-collected, as with `Y.mergeUpdates`). Applied to a document that keeps everything and
 * encoded once, rather than `Y.mergeUpdates`: that one's cost grows with the number of updates
 * times their structs (it picks the next struct among all updates, one at a time), so folding a
 * busy board's log of 5,000 small updates into its state took 0.6–1.5 s of a core against
 * 50–130 ms here. Structs whose dependencies are missing stay in the result as pending ones.
 */
export function foldUpdates(parts: Uint8Array[]): Uint8Array {
	if (parts.length === 1) return parts[0]!;
	const doc = new Y.Doc({ gc: false });
	try {
		doc.transact(() => {
			for (const part of parts) Y.applyUpdate(doc, part);
		});
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** The whole stored board as one Yjs update (an empty update for an empty board). */
export function mergeStored(stored: StoredBoard): Uint8Array {
	return foldUpdates(stored.state ? [stored.state, ...stored.log] : stored.log);
}
