/**
 * The browser's offline copies of boards (y-indexeddb, one database per board, named
 * `moedetavle-board-<boardId>`). They hold case data, so they must not outlive the session on a
 * shared computer: call `clearOfflineBoards()` on logout (after unsent changes had their chance).
 */
export const OFFLINE_PREFIX = 'moedetavle-board-';

/** The live sync endpoint of the server this page came from. */
export function syncUrl(): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/** The IndexedDB database that keeps a board in this browser. */
export function offlineCopyName(boardId: string): string {
	return `${OFFLINE_PREFIX}${boardId}`;
}

/** The boards this browser keeps a copy of. */
export async function offlineBoardIds(): Promise<string[]> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return [];
	return (await indexedDB.databases())
		.map((db) => db.name ?? '')
		.filter((name) => name.startsWith(OFFLINE_PREFIX))
		.map((name) => name.slice(OFFLINE_PREFIX.length));
}

export async function clearOfflineBoards(): Promise<number> {
	const names = (await offlineBoardIds()).map(offlineCopyName);
	await Promise.all(
		names.map(
			(name) =>
				new Promise<void>((resolve) => {
					const request = indexedDB.deleteDatabase(name);
					request.onsuccess = request.onerror = request.onblocked = () => resolve();
				})
		)
	);
	return names.length;
}
