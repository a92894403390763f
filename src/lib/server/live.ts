/**
 * The boards the sync server of this process serves, as the web app sees them: who is connected
 * to a board right now (the meeting page shows chosen / invited / present), and a board's live
 * document to read from. The sync server and the app run in one process but from two module
 * copies (see db/client.ts): the source lives on `globalThis`, like the event bus.
 */
import type * as Y from 'yjs';

export interface Present {
	userIds: Set<string>;
	inviteIds: Set<string>;
}

export interface LiveBoards {
	present(boardId: string): Present;
	/**
	 * Runs `read` on the document's live copy (its room, loaded if needed) once everything in it
	 * is stored; null when the room cannot be loaded.
	 */
	read<T>(docId: string, read: (doc: Y.Doc) => T): Promise<{ value: T } | null>;
}

const KEY = Symbol.for('moedetavle.live');
type Holder = { [KEY]?: LiveBoards };

/** Called by the sync server when it starts (and with null when it stops). */
export function setLiveBoards(source: LiveBoards | null): void {
	const holder = globalThis as Holder;
	if (source) holder[KEY] = source;
	else delete holder[KEY];
}

/** Who has the board open now (nobody when no sync server runs in this process). */
export function presentOn(boardId: string): Present {
	return (
		(globalThis as Holder)[KEY]?.present(boardId) ?? { userIds: new Set(), inviteIds: new Set() }
	);
}

/** `read` on the document's live copy; null when no sync server runs here or it cannot load it. */
export async function readLive<T>(
	docId: string,
	read: (doc: Y.Doc) => T
): Promise<{ value: T } | null> {
	return (await (globalThis as Holder)[KEY]?.read(docId, read)) ?? null;
}
