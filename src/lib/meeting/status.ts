/**
 * The meeting's status as the sync server announces it in its room's own awareness state
 * (`{ meeting: { status } }`, server/sync/room.ts `meetingStatus`). Only a hint: a board that sees
 * `ended` asks the server again (reloads its page data) before it turns read-only, so a client
 * setting such a state itself achieves nothing.
 */
import type { Awareness } from 'y-protocols/awareness';

export type AnnouncedStatus = 'planned' | 'live' | 'ended';

export function announcedStatus(awareness: Awareness): AnnouncedStatus | null {
	for (const state of awareness.getStates().values()) {
		const status = (state as { meeting?: { status?: unknown } }).meeting?.status;
		if (status === 'ended' || status === 'live' || status === 'planned') return status;
	}
	return null;
}

/** Calls `onStatus` whenever the announced status changes; returns the unsubscribe. */
export function watchMeetingStatus(
	awareness: Awareness,
	onStatus: (status: AnnouncedStatus) => void
): () => void {
	let last: AnnouncedStatus | null = null;
	const check = () => {
		const status = announcedStatus(awareness);
		if (status && status !== last) {
			last = status;
			onStatus(status);
		}
	};
	awareness.on('change', check);
	check();
	return () => awareness.off('change', check);
}
