/**
 * A board is two Yjs documents (docs/consent.md): the main document (`<boardId>`: canvas, people,
 * timeline, genogram, network map, Signs of Safety, minutes, presentation) and the goals document
 * (`<boardId>~goals`: only the `goals` root, the parents' goal steps). A Yjs document cannot be
 * synced in part, so the goals live apart: the server can refuse them to the placement (the foster
 * family) without the parents' consent, while everyone shares the main document.
 *
 * Both documents sync through `/sync/<documentId>` with the same y-websocket protocol. Pure:
 * no DOM, no server imports.
 */
import * as Y from 'yjs';
import { ROOT } from './keys';
import { MIGRATION_ORIGIN, type BoardOrigin } from './origin';

/** What a goals document's id adds to its board's id. `~` never occurs in a board id. */
export const GOALS_SUFFIX = '~goals';

export type BoardPart = 'main' | 'goals';

/** The id of a board's goals document (`<boardId>~goals`). */
export function goalsDocId(boardId: string): string {
	return `${boardId}${GOALS_SUFFIX}`;
}

/** Which board and which of its documents a document id names. */
export function splitDocId(docId: string): { boardId: string; part: BoardPart } {
	return docId.endsWith(GOALS_SUFFIX) && docId.length > GOALS_SUFFIX.length
		? { boardId: docId.slice(0, -GOALS_SUFFIX.length), part: 'goals' }
		: { boardId: docId, part: 'main' };
}

/** The goals root of a document (the goals document's only root; legacy goals in a main one). */
export function goalsRoot(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap(ROOT.goals);
}

/** Whether the document holds goals in its `goals` root (without creating the root). */
export function hasGoals(doc: Y.Doc): boolean {
	return doc.share.has(ROOT.goals) && goalsRoot(doc).size > 0;
}

function clone(value: unknown): unknown {
	return value instanceof Y.AbstractType ? (value as Y.AbstractType<unknown>).clone() : value;
}

/**
 * Copies the goals of `from` into the goals root of `to`, each under its own id (so selections
 * and references stay valid); goals `to` already has are left as they are there. Returns the ids
 * it copied. One transaction on `to` with `origin`.
 */
export function copyGoals(
	from: Y.Map<unknown>,
	to: Y.Doc,
	origin: BoardOrigin = MIGRATION_ORIGIN
): string[] {
	const target = goalsRoot(to);
	const copied: string[] = [];
	to.transact(() => {
		for (const [id, value] of from.entries()) {
			if (target.has(id)) continue;
			target.set(id, clone(value));
			copied.push(id);
		}
	}, origin);
	return copied;
}

/** Removes every goal from the goals root of `doc` (one transaction with `origin`). */
export function dropGoals(doc: Y.Doc, origin: unknown = MIGRATION_ORIGIN): void {
	if (!doc.share.has(ROOT.goals)) return;
	const root = goalsRoot(doc);
	if (root.size === 0) return;
	doc.transact(() => {
		for (const id of [...root.keys()]) root.delete(id);
	}, origin);
}

/**
 * A board as one document for readers who may see the goals (snapshots, diffs, PDFs): `main`
 * with the goals of `goals` copied in (a goal in both is taken from the goals document). `main`
 * is changed: pass a copy.
 */
export function combineGoals(main: Y.Doc, goals: Y.Doc | null): Y.Doc {
	if (!goals || !hasGoals(goals)) return main;
	const root = goalsRoot(main);
	main.transact(() => {
		for (const [id, value] of goalsRoot(goals).entries()) root.set(id, clone(value));
	}, MIGRATION_ORIGIN);
	return main;
}

/** A document decoded from one Yjs update (an empty document for null). */
export function docFromUpdate(update: Uint8Array | null): Y.Doc {
	const doc = new Y.Doc();
	if (update && update.length > 0) Y.applyUpdate(doc, update);
	return doc;
}
