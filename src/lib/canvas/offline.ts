/**
 * The browser's offline copies of boards (y-indexeddb, one database per board, named
 * `moedetavle-board-<boardId>`). They hold case data, so they must not outlive the session on a
 * shared computer: call `clearOfflineBoards()` on logout (after unsent changes had their chance).
 */
export const OFFLINE_PREFIX = 'moedetavle-board-';

export async function clearOfflineBoards(): Promise<number> {
	if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return 0;
	const names = (await indexedDB.databases())
		.map((db) => db.name ?? '')
		.filter((name) => name.startsWith(OFFLINE_PREFIX));
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
