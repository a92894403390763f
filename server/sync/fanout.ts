/**
 * Room fan-out behind one small interface: a board's messages go to this process's sockets.
 * Other processes serving the same board reach the room through a `BoardFeed` (below): their
 * updates arrive already stored, and the room forwards them like its own.
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

/** What a room does with what other server processes send about its board. */
export interface RemoteHandlers {
	/** An update another process has stored (apply it; forward it, never store it again). */
	update(update: Uint8Array): void;
	/** An awareness update from a client of another process. */
	awareness(update: Uint8Array): void;
}

/**
 * Several processes on one board (docs/scaling.md): each process's room learns of what the others
 * stored, and of their clients' awareness. Implemented on PostgreSQL by `pg-cluster.ts`.
 */
export interface BoardFeed {
	/** The board's position in the shared log now: take it before loading the board. */
	position(boardId: string): Promise<number>;
	/**
	 * Delivers what other processes store after `position`, and their clients' awareness, until
	 * the returned function is called.
	 */
	watch(boardId: string, position: number, handlers: RemoteHandlers): () => void;
	/** Sends awareness changes of this process's clients to the other processes. */
	publishAwareness(boardId: string, update: Uint8Array): void;
}
