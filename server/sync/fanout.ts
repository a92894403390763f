/**
 * Room fan-out behind one small interface. In one process a board's messages go to that
 * process's sockets; the scale-out path adds an implementation that also publishes to, and
 * subscribes from, a pub/sub channel per board (updates arrive there already stored).
 */
export interface Subscriber {
	send(message: Uint8Array): void;
}

export interface Fanout {
	/** Delivers the board's messages to `subscriber` until the returned function is called. */
	subscribe(boardId: string, subscriber: Subscriber): () => void;
	/** Sends `message` to every subscriber of the board except `except`. */
	publish(boardId: string, message: Uint8Array, except?: Subscriber): void;
}

export class LocalFanout implements Fanout {
	readonly #boards = new Map<string, Set<Subscriber>>();

	subscribe(boardId: string, subscriber: Subscriber): () => void {
		let set = this.#boards.get(boardId);
		if (!set) {
			set = new Set();
			this.#boards.set(boardId, set);
		}
		set.add(subscriber);
		return () => {
			set.delete(subscriber);
			if (set.size === 0 && this.#boards.get(boardId) === set) this.#boards.delete(boardId);
		};
	}

	publish(boardId: string, message: Uint8Array, except?: Subscriber): void {
		const set = this.#boards.get(boardId);
		if (!set) return;
		for (const subscriber of set) if (subscriber !== except) subscriber.send(message);
	}
}
