/**
 * Applies the document updates a `WebsocketProvider` receives in batches: every update that has
 * arrived by the time the batch runs goes into one Yjs transaction. Each transaction ends with
 * work whose cost does not depend on its size – both state vectors, the `update` event (every
 * listener, the provider's and IndexedDB's included, gets the transaction encoded anew),
 * observers, garbage collection of deletions. A CPU profile of 100 y-websocket clients on one
 * busy board (the sync bench) spent a quarter of the client's time there, one transaction per
 * received edit; a client that falls behind (a phone on a busy board, a tab that was busy
 * drawing) now catches up with one transaction for all it has missed.
 *
 * The batch runs in a task of its own, after the messages already queued: a browser dispatches
 * each WebSocket message as a task, so a microtask would never see a second one. The other sync
 * messages (steps 1 and 2, from the connection's handshake) apply what is batched first, so the
 * order of the protocol is kept, and then go to y-websocket's own handler unchanged. Nothing is
 * dropped: a batch that fails to apply is applied again update by update, so one bad update
 * spoils only itself (and is logged).
 */
import * as decoding from 'lib0/decoding';
import { messageYjsUpdate } from 'y-protocols/sync';
import { messageSync, type WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/**
 * Runs `run` after the I/O already waiting: `setImmediate` where there is one (Node: after the
 * socket read whose frames are being handled), else a message on a channel made once (a browser:
 * after the tasks already queued, the WebSocket messages among them).
 */
function taskScheduler(run: () => void): { schedule: () => void; close: () => void } {
	if (typeof setImmediate === 'function')
		return { schedule: () => void setImmediate(run), close: () => {} };
	const channel = new MessageChannel();
	channel.port1.onmessage = run;
	return { schedule: () => channel.port2.postMessage(null), close: () => channel.port1.close() };
}

/**
 * Makes `provider` apply received updates in batches (see above). Returns a function that
 * applies what is batched at once and restores y-websocket's handler.
 */
export function batchReceivedUpdates(provider: WebsocketProvider): () => void {
	const handlers = provider.messageHandlers;
	const original = handlers[messageSync];
	if (!original) return () => {};
	let queue: Uint8Array[] = [];
	let scheduled = false;

	const apply = (): void => {
		scheduled = false;
		const updates = queue;
		queue = [];
		if (updates.length === 0 || provider.doc.isDestroyed) return;
		try {
			provider.doc.transact(() => {
				for (const update of updates) Y.applyUpdate(provider.doc, update, provider);
			}, provider);
		} catch {
			// Which update failed is not known, and the transaction's earlier ones are applied:
			// apply them all once more one by one (Yjs skips what it has), reporting each failure.
			for (const update of updates) {
				try {
					Y.applyUpdate(provider.doc, update, provider);
				} catch (single) {
					console.error('[sync] a received update could not be applied', single);
				}
			}
		}
	};

	const tasks = taskScheduler(apply);
	handlers[messageSync] = (encoder, decoder, p, emitSynced, messageType) => {
		const start = decoder.pos;
		if (decoding.readVarUint(decoder) === messageYjsUpdate) {
			queue.push(decoding.readVarUint8Array(decoder));
			if (!scheduled) {
				scheduled = true;
				tasks.schedule();
			}
			return;
		}
		decoder.pos = start;
		apply();
		original(encoder, decoder, p, emitSynced, messageType);
	};

	return () => {
		apply();
		tasks.close();
		if (handlers[messageSync] !== original) handlers[messageSync] = original;
	};
}
