/**
 * One open board in the browser: the Y.Doc, its WebSocket connection to `/sync/<boardId>`, the
 * offline copy in IndexedDB, the per-user undo manager and the connection status shown in the UI.
 */
import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
	elements,
	isNewerSchema,
	LOCAL_ORIGIN,
	meta,
	people,
	presentation,
	ROOT,
	TOOL_IDS
} from '$lib/board';
import { sendOwnAwarenessOnly } from './awareness-echo';
import { batchReceivedUpdates } from './batched-apply';
import { offlineCopyName, syncUrl } from './offline';

/** How long to wait for the server before showing the offline copy. */
const SERVER_PATIENCE_MS = 3000;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

export interface SessionOptions {
	boardId: string;
	/** The server allows this user to edit the board now. */
	canEdit: boolean;
	/** Overrides the sync URL (default: same host, `/sync`). */
	serverUrl?: string;
	/** A guest's invite token, sent as `?invite=` on the sync socket. */
	invite?: string | null;
	/** Keep a copy in IndexedDB for offline editing (default true; off for the room's screen). */
	offline?: boolean;
}

export class BoardSession {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly undoManager: Y.UndoManager;
	#local: IndexeddbPersistence | null;
	#canEdit = $state(false);

	#status = $state<ConnectionStatus>('connecting');
	#unsent = $state(0);
	#synced = $state(false);
	#localLoaded = $state(false);
	#newerSchema = $state(false);
	/** The server did not answer soon: show what this device has. */
	#serverSlow = $state(false);
	#canUndo = $state(false);
	#canRedo = $state(false);
	#everConnected = false;
	#cleanup: (() => void)[] = [];
	/** Every undo manager of the board (the main one, and the goals document's) … */
	#managers: Y.UndoManager[] = [];
	/** … and which of them holds the latest undo and redo step, in order. */
	#undoOrder: Y.UndoManager[] = [];
	#redoOrder: Y.UndoManager[] = [];

	constructor(options: SessionOptions) {
		this.#canEdit = options.canEdit;
		const serverUrl = options.serverUrl ?? syncUrl();
		this.#local =
			typeof indexedDB === 'undefined' || options.offline === false
				? null
				: new IndexeddbPersistence(offlineCopyName(options.boardId), this.doc);
		void this.#local?.whenSynced.then(() => (this.#localLoaded = true));
		this.provider = new WebsocketProvider(serverUrl, options.boardId, this.doc, {
			connect: navigator.onLine,
			maxBackoffTime: 5000,
			params: options.invite ? { invite: options.invite } : {}
		});
		// A tab that falls behind on a busy board catches up in one transaction, not one per edit.
		this.#cleanup.push(batchReceivedUpdates(this.provider));
		// Presence: only this browser's own changes go to the server, not what it received.
		this.#cleanup.push(sendOwnAwarenessOnly(this.provider));
		// Undo covers the canvas, the people registry and every tool's data (only this client's edits).
		const tools = TOOL_IDS.map((tool) => this.doc.getMap(ROOT[tool]));
		this.undoManager = new Y.UndoManager(
			[elements(this.doc), presentation(this.doc), people(this.doc), ...tools],
			{
				// A plain Set on purpose: Yjs reads it, nothing renders it.
				// eslint-disable-next-line svelte/prefer-svelte-reactivity
				trackedOrigins: new Set([LOCAL_ORIGIN]),
				captureTimeout: 400
			}
		);

		const onStatus = ({ status }: { status: 'connected' | 'disconnected' | 'connecting' }) => {
			if (status === 'connected') {
				this.#everConnected = true;
				this.#status = 'connected';
			} else if (!navigator.onLine) this.#status = 'offline';
			else this.#status = this.#everConnected ? 'reconnecting' : 'connecting';
			if (status !== 'connected') this.#synced = false;
		};
		const onSync = (synced: boolean) => {
			this.#synced = synced;
			if (synced) this.#unsent = 0;
		};
		const onUpdate = (_update: Uint8Array, origin: unknown) => {
			if (origin === this.provider || origin === this.#local) return;
			if (!(this.provider.wsconnected && this.provider.synced)) this.#unsent++;
		};
		const onMeta = () => (this.#newerSchema = isNewerSchema(this.doc));
		const onStack = () => this.#updateStacks();
		const onOffline = () => {
			this.#status = 'offline';
			this.provider.disconnect();
		};
		const onOnline = () => {
			this.#status = 'reconnecting';
			this.provider.connect();
		};
		if (!navigator.onLine) this.#status = 'offline';
		const slow = setTimeout(() => (this.#serverSlow = true), SERVER_PATIENCE_MS);
		this.#cleanup.push(() => clearTimeout(slow));
		this.provider.on('status', onStatus);
		this.provider.on('sync', onSync);
		this.doc.on('update', onUpdate);
		meta(this.doc).observe(onMeta);
		this.#track(this.undoManager);
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const)
			this.undoManager.on(event, onStack);
		window.addEventListener('offline', onOffline);
		window.addEventListener('online', onOnline);
		this.#cleanup.push(
			() => this.provider.off('status', onStatus),
			() => this.provider.off('sync', onSync),
			() => this.doc.off('update', onUpdate),
			() => meta(this.doc).unobserve(onMeta),
			() => window.removeEventListener('offline', onOffline),
			() => window.removeEventListener('online', onOnline)
		);
		onMeta();
	}

	get status(): ConnectionStatus {
		return this.#status;
	}
	/** Local changes not yet known to be on the server. */
	get unsent(): number {
		return this.#unsent;
	}
	get synced(): boolean {
		return this.#synced;
	}
	/**
	 * The board's content is available: synced with the server, or – offline, or when the server
	 * has not answered within a few seconds – the copy kept on this device.
	 */
	get loaded(): boolean {
		return this.#synced || (this.#localLoaded && (this.#status === 'offline' || this.#serverSlow));
	}
	/** The board was written by a newer version of Mødetavle: read-only until reloaded. */
	get newerSchema(): boolean {
		return this.#newerSchema;
	}
	get readOnly(): boolean {
		return !this.#canEdit || this.#newerSchema;
	}
	/** The server changed this user's right to edit (the meeting ended, access changed). */
	setCanEdit(canEdit: boolean): void {
		this.#canEdit = canEdit;
	}
	get canUndo(): boolean {
		return this.#canUndo;
	}
	get canRedo(): boolean {
		return this.#canRedo;
	}

	/**
	 * Another document's undo manager (the goals document's, docs/consent.md) joins this board's
	 * undo and redo: Ctrl+Z undoes the latest step in whichever document it was.
	 */
	addUndoManager(manager: Y.UndoManager): void {
		this.#track(manager);
		const onStack = () => this.#updateStacks();
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const)
			manager.on(event, onStack);
		const stop = this.undoManager.stopCapturing.bind(this.undoManager);
		this.undoManager.stopCapturing = () => {
			stop();
			manager.stopCapturing();
		};
	}

	#track(manager: Y.UndoManager): void {
		this.#managers.push(manager);
		manager.on('stack-item-added', ({ type }: { type: 'undo' | 'redo' }) =>
			(type === 'undo' ? this.#undoOrder : this.#redoOrder).push(manager)
		);
	}

	#updateStacks(): void {
		this.#canUndo = this.#managers.some((m) => m.canUndo());
		this.#canRedo = this.#managers.some((m) => m.canRedo());
	}

	/** The manager of the latest step in `order` that it can still take. */
	#latest(order: Y.UndoManager[], can: (m: Y.UndoManager) => boolean): Y.UndoManager | null {
		while (order.length > 0) {
			const manager = order.pop()!;
			if (can(manager)) return manager;
		}
		return null;
	}

	undo(): void {
		if (this.readOnly) return;
		this.#latest(this.#undoOrder, (m) => m.canUndo())?.undo();
	}
	redo(): void {
		if (this.readOnly) return;
		this.#latest(this.#redoOrder, (m) => m.canRedo())?.redo();
	}

	/**
	 * Removes this board's copy from the browser and keeps no more of it (the session or invite
	 * ended, or access went: src/lib/canvas/offline.ts). The board stays on screen until the page
	 * is left.
	 */
	async forgetOfflineCopy(): Promise<void> {
		const local = this.#local;
		this.#local = null;
		await local?.clearData();
	}

	destroy(): void {
		for (const fn of this.#cleanup) fn();
		this.undoManager.destroy();
		this.provider.destroy();
		void this.#local?.destroy();
		this.doc.destroy();
	}
}
