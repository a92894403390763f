/**
 * A new meeting starts from the case's latest snapshot (PRODUCT.md "The board"): the people
 * around the children, the timeline, the genogram, the network map and the goals carry forward,
 * and so do the tools' frames (where each tool stood on the board). What belongs to one meeting
 * does not: the free canvas elements, the minutes, the Signs of Safety columns and ratings
 * (rated anew at each meeting) and the presentation state.
 *
 * The copy is a new document history (fresh Yjs items), not a fork of the old board.
 */
import * as Y from 'yjs';
import { ROOT } from './keys';

/** The root maps that carry forward from one meeting's board to the next. */
export const CARRIED_ROOTS = [
	ROOT.people,
	ROOT.timeline,
	ROOT.genogram,
	ROOT.network,
	ROOT.goals
] as const;

function copy(value: unknown): unknown {
	return value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown>).clone() : value;
}

/**
 * Copies the carried roots of `source` into `target` (call inside the transaction that creates
 * the new board). Entries already in `target` with the same key are replaced.
 */
export function carryForward(source: Y.Doc, target: Y.Doc): void {
	for (const key of CARRIED_ROOTS) {
		if (!source.share.has(key)) continue;
		const from = source.getMap<unknown>(key);
		const to = target.getMap<unknown>(key);
		for (const [id, value] of from.entries()) to.set(id, copy(value));
	}
	if (!source.share.has(ROOT.elements)) return;
	const frames = target.getMap<unknown>(ROOT.elements);
	for (const [id, value] of source.getMap<unknown>(ROOT.elements).entries())
		if (value instanceof Y.Map && value.get('type') === 'tool') frames.set(id, value.clone());
}
