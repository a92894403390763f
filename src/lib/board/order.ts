/**
 * Fractional order keys (the `fractional-indexing` package). Order is always a string field of a
 * record, never a position in a Y.Array. Two clients may concurrently produce the same key; every
 * sort therefore breaks ties by id, and key generation tolerates equal or malformed neighbours.
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Ordered {
	id: string;
	order: string;
}

/** Sorts by key, then id (a total order on every client). */
export function compareOrder(a: Ordered, b: Ordered): number {
	if (a.order < b.order) return -1;
	if (a.order > b.order) return 1;
	return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A key strictly between `before` and `after` (either may be null for the open end). Falls back
 * to a key after `before` when the neighbours are equal, reversed or not valid keys.
 */
export function keyBetween(before: string | null, after: string | null): string {
	try {
		return generateKeyBetween(before, after);
	} catch {
		try {
			return generateKeyBetween(before, null);
		} catch {
			return generateKeyBetween(null, null);
		}
	}
}

/** `n` ascending keys between `before` and `after`, with the same fallbacks as `keyBetween`. */
export function keysBetween(before: string | null, after: string | null, n: number): string[] {
	try {
		return generateNKeysBetween(before, after, n);
	} catch {
		try {
			return generateNKeysBetween(before, null, n);
		} catch {
			return generateNKeysBetween(null, null, n);
		}
	}
}

/** Whether `key` is usable as a fractional key (generation after it succeeds). */
export function isValidKey(key: string): boolean {
	try {
		generateKeyBetween(key, null);
		return true;
	} catch {
		return false;
	}
}
