/**
 * The browser's offline copies of boards (y-indexeddb, one database per board, named
 * `moedetavle-board-<boardId>`). They hold case data, so they must not outlive the session on a
 * shared computer. They are removed on logout (after unsent changes had their chance), when the
 * session or invite ends or access goes while a board is open, on the login page (a session that
 * ended without logout), and on each visit for boards the person can no longer open
 * (`pruneOfflineCopies`). Policy and its cost: docs/security.md.
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

/** Removes this browser's copies of the given documents (board or board~goals ids). */
export async function removeOfflineCopies(docIds: string[]): Promise<void> {
	if (typeof indexedDB === 'undefined') return;
	await Promise.all(
		docIds.map(
			(docId) =>
				new Promise<void>((resolve) => {
					const request = indexedDB.deleteDatabase(offlineCopyName(docId));
					request.onsuccess = request.onerror = request.onblocked = () => resolve();
				})
		)
	);
}

/** Removes every board copy in this browser; returns how many there were. */
export async function clearOfflineBoards(): Promise<number> {
	const docIds = await offlineBoardIds();
	await removeOfflineCopies(docIds);
	return docIds.length;
}

/**
 * On a visit of the app: asks the server which of the copies kept here the person may no longer
 * keep (an erased case, a removed member, withdrawn consent) and removes those. A network error
 * leaves them; the next visit asks again.
 */
export async function pruneOfflineCopies(): Promise<string[]> {
	const boardIds = await offlineBoardIds();
	if (boardIds.length === 0) return [];
	try {
		const res = await fetch('/api/offline-copies', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ boardIds: boardIds.slice(0, 500) })
		});
		if (!res.ok) return [];
		const { remove } = (await res.json()) as { remove: string[] };
		await removeOfflineCopies(remove.filter((id) => boardIds.includes(id)));
		return remove;
	} catch {
		return [];
	}
}
