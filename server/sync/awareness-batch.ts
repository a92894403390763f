/**
 * Awareness changes that clients send during one event-loop turn go out together, as one message
 * per board, when the turn's I/O callbacks are done (`setImmediate`, like the store's group
 * commit that the board's updates wait for).
 *
 * Why: every client renews its awareness every 15 s, and a y-websocket client sends every
 * awareness message it receives back to the server. Forwarded one by one, a board of n clients
 * whose renewals arrive together costs each client n messages in and n − 1 back out; batched, one
 * in and one out. In the bench's 200 boards × 5 clients (all in one process, their renewals
 * falling in the same second) the one-by-one forwarding stalled the clients for 100–400 ms.
 */
export class AwarenessBatch {
	readonly #clients = new Set<number>();
	#scheduled = false;

	/** `send(clients)`: forward the current awareness of these client ids. */
	constructor(private readonly send: (clients: number[]) => void) {}

	/** Adds `clients` to this turn's batch. */
	add(clients: Iterable<number>): void {
		for (const id of clients) this.#clients.add(id);
		if (this.#scheduled || this.#clients.size === 0) return;
		this.#scheduled = true;
		setImmediate(this.flush);
	}

	/** Sends what is batched now (also called by the scheduled turn's end). */
	flush = (): void => {
		this.#scheduled = false;
		if (this.#clients.size === 0) return;
		const clients = [...this.#clients];
		this.#clients.clear();
		this.send(clients);
	};

	/** Forgets what is batched (the room is closed). */
	clear(): void {
		this.#clients.clear();
	}
}
