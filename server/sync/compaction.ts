/**
 * When a room compacts its board's log (state + log folded into one state by the store): once the
 * log holds more than `COMPACT_AFTER_UPDATES` updates, at most once in `COMPACT_INTERVAL_MS`, and
 * never twice at a time. A failed compaction loses nothing (the log still holds everything); it
 * is tried again after the interval.
 */
import { COMPACT_AFTER_UPDATES, COMPACT_INTERVAL_MS, type BoardStore } from '../persistence/store';

export class LogCompaction {
	#logLength = 0;
	#running = false;
	/** When the next compaction may start (`COMPACT_INTERVAL_MS` after the last one started). */
	#from = 0;

	constructor(
		private readonly boardId: string,
		private readonly store: BoardStore,
		private readonly log: (message: string, error?: unknown) => void
	) {}

	/** The room loaded a log of `length` updates. */
	loaded(length: number): void {
		this.#logLength = length;
	}

	/** The room stored `count` more updates. */
	stored(count: number): void {
		this.#logLength += count;
	}

	/** Starts a compaction in the background if it is time for one. */
	compactIfDue(): void {
		if (this.#logLength > COMPACT_AFTER_UPDATES && !this.#running && Date.now() >= this.#from)
			void this.#compact();
	}

	async #compact(): Promise<void> {
		this.#running = true;
		this.#from = Date.now() + COMPACT_INTERVAL_MS;
		try {
			await this.store.compact(this.boardId);
			this.#logLength = 0;
		} catch (error) {
			this.log(`compacting ${this.boardId} failed`, error);
		} finally {
			this.#running = false;
		}
	}
}
