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
 * order of the protocol is kept; a sync step 2 (the board as the server has it) is applied with
 * `applyReceived`, the other sync steps go to y-websocket's own handler unchanged. Nothing is
 * dropped: a batch that fails to apply is applied again update by update, so one bad update
 * spoils only itself (and is logged).
 */
import * as decoding from 'lib0/decoding';
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync';
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

type UpdateListener = (update: Uint8Array, origin: unknown, doc: Y.Doc, tr: Y.Transaction) => void;

/** Whether a transaction changed the document (Yjs emits `update` only then). */
function changedDoc(tr: Y.Transaction): boolean {
	if (tr.deleteSet.clients.size > 0) return true;
	for (const [client, clock] of tr.afterState)
		if (tr.beforeState.get(client) !== clock) return true;
	return false;
}

/**
 * Applies one received update so that Yjs does not encode its transaction once more for the
 * document's `update` listeners: they get the received bytes themselves, an equivalent update
 * (for a sync step 2, the server's diff against this document's state vector). The listeners of
 * a board (y-indexeddb storing the offline copy; y-websocket and the session ignoring what the
 * provider applied) need nothing else, and for a board of 10,000 elements the encoding took a
 * tenth of the page's time to interactive. Transactions that observers start during the apply
 * reach the listeners as usual, before this one's; inside an open transaction this is a plain
 * `Y.applyUpdate`. Relies on `_observers`, lib0's listener registry (tested); a listener taken off
 * by an observer during the apply would stay (none of the board's does that).
 */
export function applyReceived(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
	const observers = (doc as unknown as { _observers: Map<string, Set<UpdateListener>> })._observers;
	const listeners = observers.get('update');
	if (!listeners || doc._transaction !== null) {
		Y.applyUpdate(doc, update, origin);
		return;
	}
	/** Keeps the listeners added meanwhile (lib0 put them in a new set). */
	const keepAdded = () => {
		const added = observers.get('update');
		if (added !== listeners) added?.forEach((f) => listeners.add(f));
	};
	const restore = () => {
		keepAdded();
		observers.set('update', listeners);
	};
	let applied: Y.Transaction | null = null;
	// Emitted just before Yjs checks for `update` listeners: the first is the apply's own
	// transaction; any later one an observer started, which gets the listeners back.
	const onCleanup = (tr: Y.Transaction) => {
		if (applied !== null) return restore();
		applied = tr;
		// A listener an observer added meanwhile gets the received bytes too, not an encoding.
		keepAdded();
		observers.delete('update');
	};
	observers.delete('update');
	doc.on('afterTransactionCleanup', onCleanup);
	try {
		Y.applyUpdate(doc, update, origin);
	} finally {
		doc.off('afterTransactionCleanup', onCleanup);
		restore();
		const tr: Y.Transaction | null = applied;
		if (tr && changedDoc(tr)) for (const f of [...listeners]) f(update, origin, doc, tr);
	}
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
			if (updates.length === 1) return applyReceived(provider.doc, updates[0]!, provider);
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
		const type = decoding.readVarUint(decoder);
		if (type === messageYjsUpdate) {
			queue.push(decoding.readVarUint8Array(decoder));
			if (!scheduled) {
				scheduled = true;
				tasks.schedule();
			}
			return;
		}
		apply();
		if (type === messageYjsSyncStep2) {
			// As y-protocols' readSyncStep2 and y-websocket's handler do it, without the encoding.
			try {
				applyReceived(provider.doc, decoding.readVarUint8Array(decoder), provider);
			} catch (error) {
				console.error('[sync] the board from the server could not be applied', error);
			}
			if (emitSynced && !provider.synced) provider.synced = true;
			return;
		}
		decoder.pos = start;
		original(encoder, decoder, p, emitSynced, messageType);
	};

	return () => {
		apply();
		tasks.close();
		if (handlers[messageSync] !== original) handlers[messageSync] = original;
	};
}
