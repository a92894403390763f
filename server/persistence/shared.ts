/**
 * Which board store the web app's end-of-meeting path uses. By default (no `DATABASE_URL`) the
 * boards live in the SQLite tables of the app's own connection and this is null; with
 * PostgreSQL, `server/index.ts` sets the PostgreSQL store here. Kept on `globalThis` because the
 * SvelteKit bundle and the server entry each get their own copy of this module (as db/client.ts).
 */
import type { BoardStore } from './store';

/** A board store outside the app's SQLite database, which also seals and deletes boards. */
export interface SealingBoardStore extends BoardStore {
	/** Seals the board and returns both its documents as stored at that moment (one transaction). */
	sealAndRead(boardId: string): Promise<{ main: Uint8Array; goals: Uint8Array }>;
	/** Lifts a seal when ending the meeting failed after `sealAndRead`. */
	unseal(boardId: string): Promise<void>;
	/** Deletes boards – both documents of each – in one transaction (erasure), leaving them sealed. */
	deleteBoards(boardIds: string[]): Promise<void>;
}

const KEY = Symbol.for('moedetavle.sharedBoardStore');
type Holder = { [KEY]?: SealingBoardStore | null };

export function setSharedBoardStore(store: SealingBoardStore | null): void {
	(globalThis as Holder)[KEY] = store;
}

/** The PostgreSQL board store when `DATABASE_URL` selected it, else null (SQLite). */
export function sharedBoardStore(): SealingBoardStore | null {
	return (globalThis as Holder)[KEY] ?? null;
}
