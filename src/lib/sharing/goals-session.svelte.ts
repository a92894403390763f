/**
 * The goals document of an open board in the browser (docs/consent.md): its own Y.Doc, synced
 * through `/sync/<boardId>~goals` and kept offline in IndexedDB like the main document – but
 * only when this viewer may see the goals. Linked to the main document (`linkGoalsDoc`), so the
 * goals tool, the canvas and the side panel find it through `toolData(doc, 'goals')`.
 *
 * When the server closes the goals socket because the parents withdrew their consent (4403),
 * the goals leave this browser at once: the connection and the offline copy are removed, the
 * local copy is emptied (after disconnecting, so the emptying reaches nobody) and the goals
 * tool shows that they are not shared. This document is never connected again; seeing the goals
 * again (consent given anew) needs a new page load.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { dropGoals, goalsDocId, goalsRoot } from '$lib/board/parts';
import { LOCAL_ORIGIN } from '$lib/board';
import { sendOwnAwarenessOnly } from '$lib/canvas/awareness-echo';
import { batchReceivedUpdates } from '$lib/canvas/batched-apply';
import { offlineCopyName, syncUrl } from '$lib/canvas/offline';
import { linkGoalsDoc } from '$lib/tools/data';

/** Not sent anywhere: the emptying of a withdrawn copy. */
const WITHDRAW_ORIGIN = Object.freeze({ source: 'local' as const, withdraw: true });

export interface GoalsSessionOptions {
	boardId: string;
	/** The board's main document, which the goals document is linked to. */
	main: Y.Doc;
	/** This viewer may see the goals now (the server decides; it also checks the socket). */
	shared: boolean;
	invite?: string | null;
	offline?: boolean;
	serverUrl?: string;
}

export class GoalsSession {
	readonly doc = new Y.Doc();
	readonly undoManager: Y.UndoManager;
	#provider: WebsocketProvider | null = null;
	/** Applies what is batched at once and stops batching (`batchReceivedUpdates`). */
	#unbatch: () => void = () => {};
	#local: IndexeddbPersistence | null = null;
	#shared = $state(false);
	#withdrawn = $state(false);
	readonly #main: Y.Doc;
	readonly #name: string;

	constructor(options: GoalsSessionOptions) {
		this.#main = options.main;
		this.#shared = options.shared;
		this.#name = offlineCopyName(goalsDocId(options.boardId));
		linkGoalsDoc(options.main, this.doc, !options.shared);
		this.undoManager = new Y.UndoManager([goalsRoot(this.doc)], {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity
			trackedOrigins: new Set([LOCAL_ORIGIN]),
			captureTimeout: 400
		});
		if (!options.shared) {
			// A copy left from when the goals were shared goes too.
			if (typeof indexedDB !== 'undefined') indexedDB.deleteDatabase(this.#name);
			return;
		}
		if (typeof indexedDB !== 'undefined' && options.offline !== false)
			this.#local = new IndexeddbPersistence(this.#name, this.doc);
		this.#provider = new WebsocketProvider(
			options.serverUrl ?? syncUrl(),
			goalsDocId(options.boardId),
			this.doc,
			{
				connect: navigator.onLine,
				maxBackoffTime: 5000,
				params: options.invite ? { invite: options.invite } : {}
			}
		);
		// As the board's own connection: what arrives together is applied in one transaction.
		this.#unbatch = batchReceivedUpdates(this.#provider);
		// Presence lives on the main document's connection only (the room's hints are received).
		this.#provider.awareness.setLocalState(null);
		sendOwnAwarenessOnly(this.#provider);
		this.#provider.on('connection-close', (event) => {
			if (event?.code === 4403) this.withdraw();
		});
	}

	/** The goals are shared with this viewer and have not been withdrawn since the page loaded. */
	get shared(): boolean {
		return this.#shared && !this.#withdrawn;
	}

	/** The consent was withdrawn while the board was open. */
	get withdrawn(): boolean {
		return this.#withdrawn;
	}

	get provider(): WebsocketProvider | null {
		return this.#provider;
	}

	/** Goes online and offline with the board's own connection. */
	connect(): void {
		if (!this.#withdrawn) this.#provider?.connect();
	}
	disconnect(): void {
		this.#provider?.disconnect();
	}

	/** Removes the goals from this browser (see the module comment). */
	withdraw(): void {
		if (this.#withdrawn) return;
		this.#withdrawn = true;
		// Nothing received may be applied after the goals are dropped below.
		this.#unbatch();
		this.#provider?.destroy();
		this.#provider = null;
		const local = this.#local;
		this.#local = null;
		void local?.clearData();
		this.undoManager.clear();
		linkGoalsDoc(this.#main, this.doc, true);
		// Emptying the (now unconnected) copy also tells the tools to read again: withheld.
		// (A key set and removed at once wakes the tools' observers even when there were no goals.)
		dropGoals(this.doc, WITHDRAW_ORIGIN);
		this.doc.transact(() => {
			goalsRoot(this.doc).set('withdrawn', true);
			goalsRoot(this.doc).delete('withdrawn');
		}, WITHDRAW_ORIGIN);
	}

	destroy(): void {
		this.undoManager.destroy();
		this.#unbatch();
		this.#provider?.destroy();
		void this.#local?.destroy();
		this.doc.destroy();
	}
}
