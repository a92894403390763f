/**
 * Reading a board document's content for the web app (a manual snapshot, the meeting page's
 * preview, the case export, the participant choice) from the board store in use: PostgreSQL when
 * `DATABASE_URL` selected it (`shared.ts`; its SQLite copy is only the seed then), else the SQLite
 * tables on the app's connection (once no other request's transaction is open).
 */
import { withConnection, type Db } from '../../src/lib/server/db/client';
import { sharedBoardStore } from './shared';
import { readBoardState } from './sqlite-store';
import { mergeStored } from './store';

/** A document's stored content (state + log) as one Yjs update. */
export async function readStoredDoc(db: Db, docId: string): Promise<Uint8Array> {
	const shared = sharedBoardStore();
	if (shared) return mergeStored(await shared.load(docId));
	return withConnection(db, () => readBoardState(db, docId));
}
