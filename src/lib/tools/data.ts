/**
 * The small accessor between a board document and a tool's data (`ToolData`), and the helpers
 * tools' ops share: one transaction per op with a typed origin, nested maps, record maps.
 */
import * as Y from 'yjs';
import { people, type Collection } from '../board/doc';
import { ROOT } from '../board/keys';
import { LOCAL_ORIGIN, type BoardOrigin } from '../board/origin';
import type { ToolData, ToolId } from './types';

/** A main board document's goals document, where the browser has linked one (docs/consent.md). */
const GOALS_DOCS = new WeakMap<Y.Doc, { goals: Y.Doc; withheld: boolean }>();

/**
 * Links a board's goals document (`<boardId>~goals`) to its main document, so that
 * `toolData(main, 'goals')` reads and writes the goals there. `withheld`: this viewer may not see
 * the goals (a foster family without the parents' consent) – the goals tool shows that instead.
 */
export function linkGoalsDoc(main: Y.Doc, goals: Y.Doc, withheld = false): void {
	GOALS_DOCS.set(main, { goals, withheld });
}

/** The goals document linked to `main`, if any. */
export function linkedGoalsDoc(main: Y.Doc): { goals: Y.Doc; withheld: boolean } | undefined {
	return GOALS_DOCS.get(main);
}

/**
 * The data of `tool` on a board document. The goals live in a document of their own: given as
 * `goals` (or linked with `linkGoalsDoc`), their root is read from there; without one, `doc` is a
 * single combined document (snapshots, tests) and holds them itself.
 */
export function toolData(doc: Y.Doc, tool: ToolId, goals?: Y.Doc): ToolData {
	if (tool === 'goals') {
		const linked = goals ? { goals, withheld: false } : GOALS_DOCS.get(doc);
		if (linked)
			return {
				root: linked.goals.getMap(ROOT.goals),
				people: people(doc),
				...(linked.withheld ? { withheld: true } : {})
			};
	}
	return { root: doc.getMap(ROOT[tool]), people: people(doc) };
}

/**
 * Runs `fn` as one transaction with `origin` (default: this client's local origin, which the
 * undo manager tracks). Works on detached maps too (tests, prelim content).
 */
export function transact(data: ToolData, fn: () => void, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const doc = data.root.doc ?? data.people.doc;
	if (doc) doc.transact(fn, origin);
	else fn();
}

/** A nested map of the tool's root, or null when missing. Never writes. */
export function nestedMap(root: Y.Map<unknown>, key: string): Collection | null {
	const value = root.get(key);
	return value instanceof Y.Map ? (value as Collection) : null;
}

/** A nested map, created when missing (inside a transaction). */
export function ensureMap(root: Y.Map<unknown>, key: string): Collection {
	const existing = nestedMap(root, key);
	if (existing) return existing;
	const created = new Y.Map() as Collection;
	root.set(key, created);
	return created;
}

/** The record map `id` of a collection, or null. */
export function recordMap(collection: Collection | null, id: string): Y.Map<unknown> | null {
	const value = collection?.get(id);
	return value instanceof Y.Map ? value : null;
}

/**
 * Sets fields of a record map: `undefined` leaves a field as it is, `null` deletes it, and an
 * unchanged value writes nothing (no needless updates).
 */
export function setFields(map: Y.Map<unknown>, fields: Record<string, unknown>): void {
	for (const [key, value] of Object.entries(fields)) {
		if (value === undefined) continue;
		if (value === null) {
			if (map.has(key)) map.delete(key);
		} else if (!sameValue(map.get(key), value)) map.set(key, value);
	}
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (Array.isArray(a) && Array.isArray(b))
		return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
	return false;
}

/** A new record map with `fields`, stored under `id` in `collection`. */
export function insertRecord(
	collection: Collection,
	id: string,
	fields: Record<string, unknown>
): Y.Map<unknown> {
	const map = new Y.Map<unknown>();
	collection.set(id, map);
	for (const [key, value] of Object.entries(fields))
		if (value !== undefined && value !== null) map.set(key, value);
	return map;
}
