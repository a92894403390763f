import * as Y from 'yjs';
import type { RequestHandler } from './$types';
import { api, ApiError, notFound } from '$lib/server/http';
import { readSnapshotForApi } from '$lib/server/snapshot-read';
import { docFromUpdate, hasGoals } from '$lib/board/parts';
import { openStored } from '$server/snapshots/review';

function bytes(body: Uint8Array, headers: Record<string, string>): Response {
	return new Response(new Uint8Array(body), {
		headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store', ...headers }
	});
}

/**
 * The snapshot as one Yjs update, after checking its SHA-256s (docs/consent.md):
 * - without `part`: the board as one document – for the placement without the parents' consent
 *   without any goals, for everyone else with the goals combined in;
 * - `?part=main`: the main document as stored (the placement without consent gets it without the
 *   goals an older snapshot kept in it), with its SHA-256 in `x-content-sha256`;
 * - `?part=goals`: the goals document as stored (404 for the placement without consent).
 * `x-content-sha256` is sent only with bytes exactly as stored.
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { snapshot, view } = await readSnapshotForApi(event, 'snapshot.state');
		const part = event.url.searchParams.get('part');
		if (part !== null && part !== 'main' && part !== 'goals')
			throw new ApiError(400, 'Vælg "main" eller "goals" som del.');
		const main = new Uint8Array(snapshot.state);
		const goals = snapshot.goalsState ? new Uint8Array(snapshot.goalsState) : null;
		const stored = (body: Uint8Array, sha: string) => bytes(body, { 'x-content-sha256': sha });
		if (part === 'goals') {
			if (!view.goals) throw notFound();
			return goals
				? await stored(goals, snapshot.goalsSha256!)
				: bytes(Y.encodeStateAsUpdate(new Y.Doc()), {});
		}
		const legacy = docFromUpdate(main);
		const mainHasGoals = hasGoals(legacy);
		legacy.destroy();
		const goalsDoc = docFromUpdate(goals);
		const goalsToAdd = view.goals && hasGoals(goalsDoc);
		goalsDoc.destroy();
		// As stored when that is what this reader may see as one document.
		if (
			part === 'main' ? view.goals || !mainHasGoals : !goalsToAdd && (view.goals || !mainHasGoals)
		)
			return await stored(main, snapshot.sha256);
		const opened = openStored(snapshot, part === 'main' ? { goals: false } : view);
		try {
			return bytes(Y.encodeStateAsUpdate(opened.doc), {
				'x-content-derived': view.goals ? 'combined' : 'without-goals'
			});
		} finally {
			opened.doc.destroy();
		}
	});
