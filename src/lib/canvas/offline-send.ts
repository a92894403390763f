/**
 * Before logging out, the boards kept in this browser get their chance to reach the server: each
 * copy is opened, synced through the live endpoint, and then checked against what a fresh
 * connection receives from the server (which answers only once everything it got is stored).
 * Only copies found complete on the server may be removed; the others are reported, so that
 * the person can stay logged in instead of losing them.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { offlineBoardIds, offlineCopyName, syncUrl } from './offline';

/** Board ids whose copy in this browser holds something the server does not have. */
export async function unsentOfflineBoards(
	serverUrl = syncUrl(),
	timeoutMs = 8000
): Promise<string[]> {
	const boardIds = await offlineBoardIds();
	const results = await Promise.all(
		boardIds.map(async (boardId) =>
			(await reachesServer(serverUrl, boardId, timeoutMs)) ? null : boardId
		)
	);
	return results.filter((id): id is string => id !== null);
}

async function reachesServer(serverUrl: string, boardId: string, timeoutMs: number) {
	const local = new Y.Doc();
	const persistence = new IndexeddbPersistence(offlineCopyName(boardId), local);
	try {
		await persistence.whenSynced;
		if (local.store.clients.size === 0) return true;
		// Send what the server lacks…
		if (!(await syncOnce(serverUrl, boardId, local, timeoutMs))) return false;
		// …then ask again with an empty document: anything of ours that changes it is missing.
		// The first socket's last message may still be on its way: look again a little later.
		for (let attempt = 0; attempt < 3; attempt++) {
			if (attempt > 0) await new Promise((r) => setTimeout(r, 300 * attempt));
			if (await serverHasAll(serverUrl, boardId, local, timeoutMs)) return true;
		}
		return false;
	} catch {
		return false;
	} finally {
		await persistence.destroy();
		local.destroy();
	}
}

async function serverHasAll(serverUrl: string, boardId: string, local: Y.Doc, timeoutMs: number) {
	const check = new Y.Doc();
	try {
		if (!(await syncOnce(serverUrl, boardId, check, timeoutMs))) return false;
		let missing = false;
		check.on('update', () => (missing = true));
		Y.applyUpdate(check, Y.encodeStateAsUpdate(local));
		return !missing;
	} finally {
		check.destroy();
	}
}

/** Connects, waits for the server's answer (or gives up), disconnects. */
function syncOnce(serverUrl: string, boardId: string, doc: Y.Doc, timeoutMs: number) {
	return new Promise<boolean>((resolve) => {
		const provider = new WebsocketProvider(serverUrl, boardId, doc, { disableBc: true });
		const done = (ok: boolean) => {
			clearTimeout(timer);
			provider.off('sync', onSync);
			// Let the last messages leave before the socket closes.
			setTimeout(() => provider.destroy(), 0);
			resolve(ok);
		};
		const onSync = (synced: boolean) => {
			if (synced) done(true);
		};
		const timer = setTimeout(() => done(false), timeoutMs);
		provider.on('sync', onSync);
	});
}
