/**
 * In-process notifications between the SvelteKit app and the sync server, which run in one
 * process but from two module copies (see db/client.ts): the bus lives on `globalThis`.
 * With several processes (DATABASE_URL), server/sync/pg-cluster.ts relays each event to the
 * others over PostgreSQL NOTIFY, where it is published on their bus.
 */
export type AppEvent =
	| { type: 'session-ended'; sessionId: string }
	| { type: 'user-sessions-ended'; userId: string }
	| { type: 'invite-revoked'; inviteId: string }
	| {
			type: 'meeting-status';
			meetingId: string;
			boardId: string;
			status: 'planned' | 'live' | 'ended';
	  }
	| { type: 'access-changed'; caseId: string }
	/**
	 * A case is about to be erased: close its sockets and rooms (both documents of `boardIds`),
	 * passing the work to `wait`, and refuse new ones until `case-erasing-ended`.
	 */
	| {
			type: 'case-erasing';
			caseId: string;
			boardIds: string[];
			wait: (done: Promise<void>) => void;
	  }
	| { type: 'case-erasing-ended'; caseId: string }
	/** A parent gave or withdrew consent: `shared` is whether the placement now sees the goals. */
	| { type: 'consent-changed'; caseId: string; shared: boolean };

type Listener = (event: AppEvent) => void;
const KEY = Symbol.for('moedetavle.events');
type Holder = { [KEY]?: Set<Listener> };

function listeners(): Set<Listener> {
	const holder = globalThis as Holder;
	holder[KEY] ??= new Set();
	return holder[KEY];
}

export function publish(event: AppEvent): void {
	for (const listener of listeners()) {
		try {
			listener(event);
		} catch (error) {
			console.error('event listener failed', error);
		}
	}
}

/** Subscribes to app events; returns the unsubscribe function. */
export function subscribe(listener: Listener): () => void {
	listeners().add(listener);
	return () => listeners().delete(listener);
}
