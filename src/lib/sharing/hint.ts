/**
 * Whether the placement sees the goals, as the sync server announces it in the board room's own
 * awareness state (`{ goals: { shared } }`, server/sync/index.ts on `consent-changed`). Only a
 * hint: the server decides on every goals socket, and a board that sees `shared` offers to load
 * the page again (which asks the server).
 */
import type { Awareness } from 'y-protocols/awareness';

export function watchGoalsHint(
	awareness: Awareness,
	onHint: (shared: boolean) => void
): () => void {
	let last: boolean | null = null;
	const check = () => {
		for (const state of awareness.getStates().values()) {
			const shared = (state as { goals?: { shared?: unknown } }).goals?.shared;
			if (typeof shared === 'boolean') {
				if (shared !== last) {
					last = shared;
					onHint(shared);
				}
				return;
			}
		}
	};
	awareness.on('change', check);
	return () => awareness.off('change', check);
}
