/**
 * Reading a board document's content for the web app (a manual snapshot, the meeting page's
 * preview, the case export; the participant choice reads the live board, `readBoardDoc`), and
 * seeding a new board, in the board store
 * in use: PostgreSQL when `DATABASE_URL` selected it (`shared.ts`), else the SQLite tables on the
 * app's connection (once no other request's transaction is open).
 */
import * as Y from 'yjs';
import { withConnection, type Db } from '../../src/lib/server/db/client';
import { goalsDocId } from '../../src/lib/board/parts';
import { readLive } from '../../src/lib/server/live';
import { sharedBoardStore } from './shared';
import { readBoardState, seedBoardPartsIfEmpty } from './sqlite-store';
import { mergeStored } from './store';

/** A document's stored content (state + log) as one Yjs update. */
export async function readStoredDoc(db: Db, docId: string): Promise<Uint8Array> {
	const shared = sharedBoardStore();
	if (shared) return mergeStored(await shared.load(docId));
	return withConnection(db, () => readBoardState(db, docId));
}

/**
 * Runs `read` on a board document: the live one of its room when this process's sync server serves
 * the board (loaded for it if needed – the client that opens the board next finds it loaded, and
 * nobody decodes the whole stored board twice), else a copy built from the stored content.
 */
export async function readBoardDoc<T>(db: Db, docId: string, read: (doc: Y.Doc) => T): Promise<T> {
	const live = await readLive(docId, read);
	if (live) return live.value;
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, await readStoredDoc(db, docId));
		return read(doc);
	} finally {
		doc.destroy();
	}
}

/**
 * Builds a board's two documents with `build` (the main document and its goals document) and
 * stores them as their initial states, only if the board has nothing stored yet; returns whether
 * it seeded. Call it before anyone opens the board.
 */
export async function seedBoardParts(
	db: Db,
	boardId: string,
	build: (doc: Y.Doc, goals: Y.Doc) => void
): Promise<boolean> {
	const shared = sharedBoardStore();
	if (!shared) return withConnection(db, () => seedBoardPartsIfEmpty(db, boardId, build));
	const doc = new Y.Doc();
	const goals = new Y.Doc();
	try {
		const origin = { source: 'local' } as const;
		doc.transact(() => goals.transact(() => build(doc, goals), origin), origin);
		// The main document decides, as on SQLite: a board whose main document is stored is seeded.
		if (!(await shared.initialize(boardId, Y.encodeStateAsUpdate(doc)))) return false;
		await shared.initialize(goalsDocId(boardId), Y.encodeStateAsUpdate(goals));
		return true;
	} finally {
		doc.destroy();
		goals.destroy();
	}
}
