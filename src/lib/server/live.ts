/**
 * Who is connected to a board right now, as the sync server knows it (the meeting page shows
 * chosen / invited / present). The sync server and the app run in one process but from two module
 * copies (see db/client.ts): the source lives on `globalThis`, like the event bus.
 */
export interface Present {
	userIds: Set<string>;
	inviteIds: Set<string>;
}

type Source = (boardId: string) => Present;
const KEY = Symbol.for('moedetavle.live');
type Holder = { [KEY]?: Source };

/** Called by the sync server when it starts. */
export function setLiveSource(source: Source | null): void {
	const holder = globalThis as Holder;
	if (source) holder[KEY] = source;
	else delete holder[KEY];
}

/** Who has the board open now (nobody when no sync server runs in this process). */
export function presentOn(boardId: string): Present {
	return (globalThis as Holder)[KEY]?.(boardId) ?? { userIds: new Set(), inviteIds: new Set() };
}
