/** An in-memory BoardStore for tests and benchmarks; same contract as the SQLite store. */
import { splitDocId } from '../../src/lib/board/parts';
import { foldUpdates, SealedBoardError, type BoardStore, type StoredBoard } from './store';

interface Entry {
	state: Uint8Array | null;
	log: Uint8Array[];
}

export class MemoryBoardStore implements BoardStore {
	readonly #boards = new Map<string, Entry>();
	readonly #sealed = new Set<string>();

	/** Seals a board (what ending its meeting does in the SQLite store). */
	seal(boardId: string): void {
		this.#sealed.add(boardId);
	}

	async isSealed(boardId: string): Promise<boolean> {
		return this.#sealed.has(splitDocId(boardId).boardId);
	}

	#entry(boardId: string): Entry {
		let entry = this.#boards.get(boardId);
		if (!entry) {
			entry = { state: null, log: [] };
			this.#boards.set(boardId, entry);
		}
		return entry;
	}

	async load(boardId: string): Promise<StoredBoard> {
		const entry = this.#boards.get(boardId);
		return { state: entry?.state ?? null, log: entry ? [...entry.log] : [] };
	}

	async append(boardId: string, updates: Uint8Array[]): Promise<void> {
		if (this.#sealed.has(splitDocId(boardId).boardId)) throw new SealedBoardError(boardId);
		// Copies, so that a caller reusing its buffers cannot change what was "stored".
		this.#entry(boardId).log.push(...updates.map((u) => u.slice()));
	}

	async compact(boardId: string): Promise<void> {
		const entry = this.#boards.get(boardId);
		if (!entry || entry.log.length === 0) return;
		entry.state = foldUpdates(entry.state ? [entry.state, ...entry.log] : entry.log);
		entry.log = [];
	}

	async initialize(boardId: string, update: Uint8Array): Promise<boolean> {
		const entry = this.#entry(boardId);
		if (entry.state || entry.log.length > 0) return false;
		entry.state = update.slice();
		return true;
	}
}
