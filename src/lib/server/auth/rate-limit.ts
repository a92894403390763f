/**
 * Failed-login limiting: a fixed window counter per key (account or address). In memory, per
 * process; the scale-out path moves it next to the room fan-out.
 */
export interface LimitResult {
	allowed: boolean;
	/** Seconds until a new attempt is allowed (0 when allowed). */
	retryAfter: number;
}

export class FailureLimiter {
	readonly #max: number;
	readonly #windowMs: number;
	readonly #entries = new Map<string, { count: number; resetAt: number }>();

	constructor(max: number, windowMs: number) {
		this.#max = max;
		this.#windowMs = windowMs;
	}

	/** Whether another attempt is allowed for `key` now. */
	check(key: string, now = Date.now()): LimitResult {
		const entry = this.#entries.get(key);
		if (!entry || entry.resetAt <= now) return { allowed: true, retryAfter: 0 };
		if (entry.count < this.#max) return { allowed: true, retryAfter: 0 };
		return { allowed: false, retryAfter: Math.ceil((entry.resetAt - now) / 1000) };
	}

	fail(key: string, now = Date.now()): void {
		const entry = this.#entries.get(key);
		if (!entry || entry.resetAt <= now) {
			this.#entries.set(key, { count: 1, resetAt: now + this.#windowMs });
			this.#sweep(now);
		} else entry.count++;
	}

	reset(key: string): void {
		this.#entries.delete(key);
	}

	#sweep(now: number): void {
		if (this.#entries.size < 10_000) return;
		for (const [key, entry] of this.#entries) if (entry.resetAt <= now) this.#entries.delete(key);
	}
}

const WINDOW_MS = 15 * 60 * 1000;
/** 5 failed logins per account, 30 per address, within 15 minutes. */
export const accountLimiter = new FailureLimiter(5, WINDOW_MS);
export const addressLimiter = new FailureLimiter(30, WINDOW_MS);
