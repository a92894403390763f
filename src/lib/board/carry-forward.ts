/**
 * A new meeting starts from the case's latest snapshot (PRODUCT.md "The board"): the people
 * around the children, the timeline, the genogram, the network map and the goals carry forward,
 * and so do the tools' frames (where each tool stood on the board). The Signs of Safety cards
 * carry forward with their scales cleared, each keeping the last meeting's median to show
 * faintly, so each meeting rates anew; each goal keeps its progress as the last meeting's. What
 * belongs to one meeting does not: the free canvas elements, the minutes, the ratings and the
 * presentation state.
 *
 * The copy is a new document history (fresh Yjs items), not a fork of the old board.
 */
import * as Y from 'yjs';
import { markCarriedGoals } from '../tools/goals/ops';
import { carrySosForward } from '../tools/sos/ops';
import type { ToolData } from '../tools/types';
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
 * Copies the carried roots of `source` (one combined document: a snapshot opened with its goals)
 * into `target` (call inside the transaction that creates the new board). The goals go into
 * `goals`, the new board's goals document (docs/consent.md); by default `target` itself.
 * Entries already there with the same key are replaced.
 */
export function carryForward(source: Y.Doc, target: Y.Doc, goals: Y.Doc = target): void {
	for (const key of CARRIED_ROOTS) {
		if (!source.share.has(key)) continue;
		const from = source.getMap<unknown>(key);
		const to = (key === ROOT.goals ? goals : target).getMap<unknown>(key);
		for (const [id, value] of from.entries()) to.set(id, copy(value));
	}
	const data = (doc: Y.Doc, key: string): ToolData => ({
		root: doc.getMap(key),
		people: doc.getMap(ROOT.people)
	});
	if (source.share.has(ROOT.goals)) markCarriedGoals(data(goals, ROOT.goals));
	if (source.share.has(ROOT.sos)) carrySosForward(data(source, ROOT.sos), data(target, ROOT.sos));
	if (!source.share.has(ROOT.elements)) return;
	const frames = target.getMap<unknown>(ROOT.elements);
	for (const [id, value] of source.getMap<unknown>(ROOT.elements).entries())
		if (value instanceof Y.Map && value.get('type') === 'tool') frames.set(id, value.clone());
}
