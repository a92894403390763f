/**
 * board/0006 (v1 → v2, after board/0005): goals and their steps in the v2 shape (the goals tool,
 * `src/lib/tools/goals/model.ts`). In v1 a goal or a step could be a plain object, and a goal
 * might have no `steps` map. v2 keeps every goal and step as a Y.Map (so two people changing
 * different fields of one step keep both changes) and gives every goal its `steps` map up front
 * (two clients creating it concurrently would lose one side's steps).
 *
 * Deterministic (keys in sorted order) and tolerant: entries that are not objects are left as
 * they were (readers skip them). Plain Yjs, independent of the tool's code.
 */
import * as Y from 'yjs';
import { ROOT } from '../keys';
import type { Migration } from './registry';

const sortedEntries = (map: Y.Map<unknown>): [string, unknown][] =>
	[...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const isObject = (value: unknown): value is Record<string, unknown> =>
	!!value &&
	typeof value === 'object' &&
	!Array.isArray(value) &&
	!(value instanceof Y.AbstractType);

/** A Y.Map in place of a plain object under `key` of `parent` (or the Y.Map already there). */
function asMap(parent: Y.Map<unknown>, key: string, value: unknown, skip: string[] = []) {
	if (value instanceof Y.Map) return value as Y.Map<unknown>;
	if (!isObject(value)) return null;
	const map = new Y.Map<unknown>();
	parent.set(key, map);
	for (const [k, v] of Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
		if (k !== 'id' && !skip.includes(k)) map.set(k, v);
	return map;
}

export const goalsSteps: Migration = {
	id: 'board/0006-goals-steps',
	from: 1,
	to: 2,
	up(doc) {
		const goals = doc.getMap<unknown>(ROOT.goals);
		for (const [id, raw] of sortedEntries(goals)) {
			const rawSteps = raw instanceof Y.Map ? raw.get('steps') : isObject(raw) ? raw.steps : null;
			const goal = asMap(goals, id, raw, ['steps']);
			if (!goal) continue;
			let steps: Y.Map<unknown>;
			if (rawSteps instanceof Y.Map) steps = rawSteps as Y.Map<unknown>;
			else {
				steps = new Y.Map<unknown>();
				goal.set('steps', steps);
				if (isObject(rawSteps))
					for (const [stepId, step] of Object.entries(rawSteps).sort(([a], [b]) =>
						a < b ? -1 : 1
					))
						if (isObject(step) || step instanceof Y.Map) steps.set(stepId, step);
			}
			for (const [stepId, step] of sortedEntries(steps)) asMap(steps, stepId, step);
		}
	}
};
