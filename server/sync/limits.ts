/** Limits of the sync server, with environment overrides, and the per-connection rate limiter. */

export interface SyncLimits {
	/** Largest accepted message; a bigger one closes the socket with 1009. */
	maxPayloadBytes: number;
	/** Sustained messages per second per connection, and the burst allowed on top. */
	messagesPerSecond: number;
	messageBurst: number;
	/** Sustained document-update bytes per second per connection, and the burst. */
	updateBytesPerSecond: number;
	updateBytesBurst: number;
	/** A connection whose unsent output exceeds this is dropped (a client that does not read). */
	maxBufferedBytes: number;
	/** How long a room stays loaded after its last connection left. */
	unloadDelayMs: number;
	/** Ping interval; a socket that did not answer the previous ping is terminated. */
	pingIntervalMs: number;
}

const MIB = 1024 * 1024;

function envNumber(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	const value = Number(raw);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

export function limitsFromEnv(overrides: Partial<SyncLimits> = {}): SyncLimits {
	return {
		maxPayloadBytes: envNumber('SYNC_MAX_PAYLOAD_BYTES', 2 * MIB),
		messagesPerSecond: envNumber('SYNC_MESSAGES_PER_SECOND', 300),
		messageBurst: envNumber('SYNC_MESSAGE_BURST', 2000),
		updateBytesPerSecond: envNumber('SYNC_UPDATE_BYTES_PER_SECOND', 2 * MIB),
		updateBytesBurst: envNumber('SYNC_UPDATE_BYTES_BURST', 16 * MIB),
		maxBufferedBytes: envNumber('SYNC_MAX_BUFFERED_BYTES', 32 * MIB),
		unloadDelayMs: envNumber('SYNC_UNLOAD_DELAY_MS', 30_000),
		pingIntervalMs: envNumber('SYNC_PING_INTERVAL_MS', 30_000),
		...overrides
	};
}

/** A token bucket: `take(n)` is false once more than `burst` plus `rate` per second was taken. */
export class TokenBucket {
	#tokens: number;
	#last = performance.now();

	constructor(
		private readonly rate: number,
		private readonly burst: number
	) {
		this.#tokens = burst;
	}

	take(amount = 1): boolean {
		const now = performance.now();
		this.#tokens = Math.min(this.burst, this.#tokens + ((now - this.#last) / 1000) * this.rate);
		this.#last = now;
		if (this.#tokens < amount) return false;
		this.#tokens -= amount;
		return true;
	}
}
