/**
 * y-websocket's provider sends every awareness change to the server, also each one it has just
 * received from the server (or from a sibling tab): one message back per participant's cursor
 * move or presence renewal, which the server applies as nothing new. With n participants, every
 * cursor move cost the server n − 1 messages in for nothing. Here the provider sends only what
 * this browser changed: its own state, and the states it drops when they time out.
 */
import type { WebsocketProvider } from 'y-websocket';

type AwarenessHandler = WebsocketProvider['_awarenessUpdateHandler'];

/** Makes `provider` send only its own awareness changes. Returns a function that undoes it. */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): () => void {
	const { awareness } = provider;
	const original: AwarenessHandler = provider._awarenessUpdateHandler;
	// Received messages are applied with the provider as their origin (y-websocket's handler).
	const own: AwarenessHandler = (changes, origin) => {
		if (origin !== provider) original(changes, origin);
	};
	awareness.off('update', original);
	awareness.on('update', own);
	// The provider's `destroy` unregisters whatever this field holds.
	provider._awarenessUpdateHandler = own;
	return () => {
		if (provider._awarenessUpdateHandler !== own) return;
		awareness.off('update', own);
		awareness.on('update', original);
		provider._awarenessUpdateHandler = original;
	};
}
