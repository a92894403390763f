/**
 * A board room: one Y.Doc and awareness per loaded board, shared by that board's connections.
 *
 * Durability rule: an update is applied to the room's doc, queued, stored with the other updates
 * of the same event-loop turn (the store's group commit), and only then forwarded. Until it is
 * stored, no sync step 2 is answered from the doc (those answers wait for the flush), so nothing
 * leaves the server unstored. A failed store closes the room's sockets (1011) and drops the room:
 * the clients still hold their edits and send them again when they reconnect.
 *
 * Sealing: once a board's meeting has ended, its board never changes again. The room of a sealed
 * board applies no client update; a batch the store refuses because the board was sealed
 * meanwhile (the meeting ended between applying and storing it, e.g. in another process) is
 * neither stored nor forwarded, and the room reloads: its sockets close with 1012, the clients
 * reconnect and get the board exactly as sealed.
 */
import {
	Awareness,
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { migrateBoard, pendingMigrations } from '../../src/lib/board/migrations';
import { splitDocId } from '../../src/lib/board/parts';
import { SealedBoardError, type BoardStore } from '../persistence/store';
import { LogCompaction } from './compaction';
import type { BoardFeed, Fanout, Subscriber } from './fanout';
import type { SyncLimits } from './limits';
import { AwarenessBatch } from './awareness-batch';
import { encodeAwareness, encodeSyncStep1, encodeSyncStep2, encodeUpdate } from './protocol';

/**
 * Typed transaction origins: `connection` updates come from a socket (never echoed back to it);
 * the others are made by the server itself. All of them are stored and forwarded; only the load
 * from storage (LOAD_ORIGIN) is neither.
 */
export type SyncOrigin =
	| { readonly source: 'connection'; readonly connection: RoomMember }
	| { readonly source: 'migration' | 'snapshot' | 'local' };

const LOAD_ORIGIN = Symbol('load');
/** Updates and awareness from other server processes: already stored, forwarded, never stored again. */
const REMOTE_ORIGIN = Symbol('remote');

/** What a room needs from a connection. */
export interface RoomMember extends Subscriber {
	/** The room is loaded: send the opening messages and process what the client sent meanwhile. */
	roomReady(): void;
	/** Closes the socket (room failure, server shutdown). */
	close(code: number, reason: string): void;
}

export interface RoomDeps {
	/**
	 * Runs once a room's stored state is loaded and migrated, before any client is answered (the
	 * registry moves a board's goals into its goals document here).
	 */
	prepare?: (room: Room) => Promise<void>;
	store: BoardStore;
	fanout: Fanout;
	/** Other server processes on the same boards (several processes on PostgreSQL). */
	feed?: BoardFeed;
	limits: SyncLimits;
	log: (message: string, error?: unknown) => void;
}

interface Member {
	unsubscribe: () => void;
	/** Awareness client ids this connection controls, removed when it leaves. */
	clients: Set<number>;
}

interface PendingUpdate {
	update: Uint8Array;
	from: RoomMember | undefined;
}

type State = 'loading' | 'ready' | 'closing' | 'closed';

export class Room {
	readonly doc = new Y.Doc();
	readonly awareness = new Awareness(this.doc);
	/** Resolves when the room is gone (unloaded, failed or shut down). */
	readonly closed: Promise<void>;

	#state: State = 'loading';
	readonly #loaded: Promise<void>;
	readonly #members = new Map<RoomMember, Member>();
	#pending: PendingUpdate[] = [];
	#inFlight = 0;
	#flushScheduled = false;
	#flushChain: Promise<void> = Promise.resolve();
	#deferredStep1: { member: RoomMember; stateVector: Uint8Array }[] = [];
	readonly #compaction: LogCompaction;
	#writable = true;
	#unloadTimer: NodeJS.Timeout | null = null;
	#unwatch: (() => void) | null = null;
	#resolveClosed!: () => void;
	/** To everyone, the sender included: its own echo keeps the client's idle watchdog happy. */
	readonly #awarenessOut = new AwarenessBatch((clients) => {
		if (this.#state !== 'closed')
			this.deps.fanout.publish(this.boardId, encodeAwareness(this.awareness, clients));
	});
	/** This process's clients' changes to the other processes (a feed), batched the same way. */
	readonly #feedOut = new AwarenessBatch((clients) => {
		if (this.#state !== 'closed' && this.deps.feed)
			this.deps.feed.publishAwareness(this.boardId, encodeAwarenessUpdate(this.awareness, clients));
	});

	constructor(
		readonly boardId: string,
		private readonly deps: RoomDeps,
		private readonly onClosed: (room: Room) => void,
		/** The previous room of this board, still unloading: load only after it has stored all. */
		previous?: Promise<void>
	) {
		this.closed = new Promise((resolve) => (this.#resolveClosed = resolve));
		this.#compaction = new LogCompaction(boardId, deps.store, (m, e) => deps.log(m, e));
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.#onAwareness);
		this.#loaded = this.#load(previous);
	}

	get state(): State {
		return this.#state;
	}
	/** Whether new connections may join (else the registry makes a new room). */
	get accepting(): boolean {
		return this.#state === 'loading' || this.#state === 'ready';
	}
	get ready(): boolean {
		return this.#state === 'ready';
	}
	get memberCount(): number {
		return this.#members.size;
	}

	async #load(previous: Promise<void> | undefined): Promise<void> {
		try {
			await previous;
			// Before the load: what other processes store meanwhile is read again from here.
			const position = this.deps.feed ? await this.deps.feed.position(this.boardId) : 0;
			const [stored, sealed] = await Promise.all([
				this.deps.store.load(this.boardId),
				this.deps.store.isSealed(this.boardId)
			]);
			if (this.#state !== 'loading') return;
			// Applying the log update by update is cheaper than merging it into the (big) state first.
			this.doc.transact(() => {
				if (stored.state) Y.applyUpdate(this.doc, stored.state, LOAD_ORIGIN);
				for (const update of stored.log) Y.applyUpdate(this.doc, update, LOAD_ORIGIN);
			}, LOAD_ORIGIN);
			// Listened to only from here: with a listener, Yjs would encode the whole loaded board
			// once more for an update event that is ignored anyway.
			this.doc.on('update', this.#onUpdate);
			this.#compaction.loaded(stored.log.length);
			// A sealed board is served as stored: not even a migration may change it.
			if (sealed) this.#writable = false;
			else if (splitDocId(this.boardId).part === 'main') this.#migrate();
			if (this.#writable && this.deps.prepare) {
				try {
					await this.deps.prepare(this);
				} catch (error) {
					this.deps.log(`preparing board ${this.boardId} failed`, error);
				}
				if (this.#state !== 'loading') return;
			}
			this.#unwatch =
				this.deps.feed?.watch(this.boardId, position, {
					update: (update) => this.#applyRemote(update),
					awareness: (update) => this.#applyRemoteAwareness(update)
				}) ?? null;
			this.#state = 'ready';
			for (const member of [...this.#members.keys()])
				if (this.#members.has(member)) member.roomReady();
			if (this.#members.size === 0) this.#scheduleUnload();
		} catch (error) {
			this.#fail('loading the board failed', error);
		}
	}

	/**
	 * Brings an older board up to the current schema (origin `migration`: stored and forwarded
	 * like any edit). The migrations are tried on a copy first, so that one that throws halfway
	 * leaves nothing half-migrated behind. A board written by a newer schema, or one no migration
	 * path leads from, is served read-only: this server must not write into a shape it does not know.
	 */
	#migrate(): void {
		const probe = new Y.Doc();
		try {
			if (pendingMigrations(this.doc).length > 0) {
				Y.applyUpdate(probe, Y.encodeStateAsUpdate(this.doc));
				migrateBoard(probe);
			}
			const result = migrateBoard(this.doc);
			if (result.status === 'newer' || result.status === 'unknown') {
				this.#writable = false;
				this.deps.log(
					`board ${this.boardId} has schema version ${result.version}; serving it read-only`
				);
			}
		} catch (error) {
			this.#writable = false;
			this.deps.log(`migrating board ${this.boardId} failed; serving it read-only`, error);
		} finally {
			probe.destroy();
		}
	}

	/**
	 * False when the board is sealed (its meeting ended) or its schema is not one this server can
	 * write (see `#migrate`).
	 */
	get writable(): boolean {
		return this.#writable;
	}

	/**
	 * The meeting's status changed (the app's event): tells every client through the room's own
	 * awareness state (`{ meeting: { status } }`, a hint the board page confirms with the server),
	 * and on `ended` stops applying client updates at once.
	 */
	meetingStatus(status: 'planned' | 'live' | 'ended'): void {
		if (status === 'ended') this.#writable = false;
		this.hint('meeting', { status });
	}

	/**
	 * Sets one field of the room's own awareness state: hints every open board gets at once
	 * (`meeting`: the meeting's status; `goals`: whether the placement sees the goals now).
	 */
	hint(key: string, value: unknown): void {
		if (this.#state !== 'ready' && this.#state !== 'loading') return;
		const current = (this.awareness.getLocalState() ?? {}) as Record<string, unknown>;
		this.awareness.setLocalState({ ...current, [key]: value });
	}

	/** Resolves when the stored board is loaded (or the load failed). */
	get loaded(): Promise<void> {
		return this.#loaded;
	}

	add(member: RoomMember): void {
		if (!this.accepting) throw new Error(`room ${this.boardId} is ${this.#state}`);
		this.#clearUnload();
		this.#members.set(member, {
			unsubscribe: this.deps.fanout.subscribe(this.boardId, member),
			clients: new Set()
		});
		if (this.#state === 'ready') member.roomReady();
	}

	remove(member: RoomMember): void {
		const entry = this.#members.get(member);
		if (!entry) return;
		this.#members.delete(member);
		entry.unsubscribe();
		this.#deferredStep1 = this.#deferredStep1.filter((d) => d.member !== member);
		if (this.#state === 'ready' && entry.clients.size > 0) {
			// Broadcast the departure, so that nobody keeps a ghost cursor.
			removeAwarenessStates(this.awareness, [...entry.clients], null);
		}
		if (this.#members.size === 0 && this.#state === 'ready') this.#scheduleUnload();
	}

	/** The first messages for a new connection: our state vector and who is here. */
	openingMessages(): Uint8Array[] {
		const messages = [encodeSyncStep1(this.doc)];
		const clients = [...this.awareness.getStates().keys()];
		if (clients.length > 0) messages.push(encodeAwareness(this.awareness, clients));
		return messages;
	}

	awarenessMessage(): Uint8Array {
		return encodeAwareness(this.awareness, [...this.awareness.getStates().keys()]);
	}

	/** Answers a client's sync step 1 once nothing unstored is in the doc. */
	answerSyncStep1(member: RoomMember, stateVector: Uint8Array): void {
		if (this.#pending.length === 0 && this.#inFlight === 0)
			member.send(encodeSyncStep2(this.doc, stateVector));
		else this.#deferredStep1.push({ member, stateVector });
	}

	/** Applies a client's update (sync step 2 or update). Throws on a malformed update. */
	applyUpdate(origin: SyncOrigin & { source: 'connection' }, update: Uint8Array): void {
		if (this.#state !== 'ready' || !this.#writable) return;
		Y.applyUpdate(this.doc, update, origin);
	}

	/** Applies a client's awareness update. Throws on a malformed one. */
	applyAwareness(member: RoomMember, update: Uint8Array): void {
		if (this.#state !== 'ready') return;
		applyAwarenessUpdate(this.awareness, update, member);
	}

	/** Changes the board from the server side (migration, snapshot restore); stored and forwarded. */
	transact(fn: (doc: Y.Doc) => void, origin: SyncOrigin): void {
		if (this.#state !== 'ready') throw new Error(`room ${this.boardId} is ${this.#state}`);
		this.doc.transact(() => fn(this.doc), origin);
	}

	#applyRemote(update: Uint8Array): void {
		if (!this.accepting) return;
		try {
			Y.applyUpdate(this.doc, update, REMOTE_ORIGIN);
		} catch (error) {
			this.deps.log(
				`applying a stored update of ${this.boardId} from another process failed`,
				error
			);
		}
	}

	#applyRemoteAwareness(update: Uint8Array): void {
		if (this.#state !== 'ready') return;
		try {
			applyAwarenessUpdate(this.awareness, update, REMOTE_ORIGIN);
		} catch (error) {
			this.deps.log(`applying awareness of ${this.boardId} from another process failed`, error);
		}
	}

	#onUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === LOAD_ORIGIN || !this.accepting) return;
		// Stored by another process already: forward it at once, to every socket here.
		if (origin === REMOTE_ORIGIN)
			return this.deps.fanout.publish(this.boardId, encodeUpdate(update));
		const from = isConnectionOrigin(origin) ? origin.connection : undefined;
		this.#pending.push({ update, from });
		if (!this.#flushScheduled) {
			this.#flushScheduled = true;
			// Flush when the current callback is done: the updates of one socket read (often several
			// messages) go in one transaction, and forwarding is not held back behind other sockets'
			// reads as it would be with setImmediate.
			queueMicrotask(() => {
				this.#flushScheduled = false;
				void this.flush();
			});
		}
	};

	#onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const entry = this.#members.get(origin as RoomMember);
		if (entry) {
			for (const id of added) entry.clients.add(id);
			for (const id of removed) entry.clients.delete(id);
		}
		const changed = added.concat(updated, removed);
		// A client's changes go out at the end of the turn, with those of the board's other clients
		// (awareness-batch.ts); the room's own hints and departures at once.
		// This process's clients also go to the other processes (the room's own hints each process
		// sets itself).
		const fromHere = origin !== REMOTE_ORIGIN;
		this.#awarenessOut.add(changed);
		if (fromHere && this.deps.feed)
			this.#feedOut.add(changed.filter((id) => id !== this.awareness.clientID));
		if (!entry && fromHere) {
			this.#awarenessOut.flush();
			this.#feedOut.flush();
		}
	};

	/**
	 * Stores what is pending, then forwards it. Never rejects; a store failure fails the room.
	 *
	 * The append starts at once, so every flush of one event-loop turn lands in the store's same
	 * group commit, also while an earlier one is still being committed; only the forwarding waits
	 * for the flushes before it, so batches leave in the order they were applied.
	 */
	flush(): Promise<void> {
		const batch = this.#pending;
		let stored: Promise<void> | null = null;
		if (batch.length > 0) {
			this.#pending = [];
			this.#inFlight += batch.length;
			stored = this.#append(batch);
			// Awaited in the chain below, maybe only after it settled: not an unhandled rejection.
			stored.catch(() => {});
		}
		// The chain must never reject: a rejected link would skip every later flush.
		this.#flushChain = this.#flushChain
			.then(() => this.#afterStored(batch, stored))
			.catch((error: unknown) => this.#fail('flushing failed', error));
		return this.#flushChain;
	}

	/** The store's append, started now; async, so that a store that throws rejects instead. */
	async #append(batch: PendingUpdate[]): Promise<void> {
		return this.deps.store.append(
			this.boardId,
			batch.map((p) => p.update)
		);
	}

	async #afterStored(batch: PendingUpdate[], stored: Promise<void> | null): Promise<void> {
		if (stored) {
			try {
				await stored;
			} catch (error) {
				if (error instanceof SealedBoardError) this.#refused(batch.length);
				else this.#fail('storing updates failed', error);
				return;
			} finally {
				this.#inFlight -= batch.length;
			}
			if (this.#state === 'closed') return;
			this.#forward(batch);
			this.#compaction.stored(batch.length);
		}
		this.#answerDeferred();
		if (this.#state === 'ready') this.#compaction.compactIfDue();
	}

	/**
	 * Forwards a stored batch. Several updates (what arrived while the last commit ran) go out as
	 * one merged update, encoded once: each client applies one update instead of one per edit,
	 * and applying (a Yjs transaction per update) is much of a client's work on a busy board. A
	 * socket that sent the whole batch gets nothing back; one that sent part of it gets its own
	 * edits again inside the merged update, which Yjs applies as a no-op.
	 */
	#forward(batch: PendingUpdate[]): void {
		const first = batch[0];
		if (!first) return;
		if (batch.length === 1) {
			this.deps.fanout.publish(this.boardId, encodeUpdate(first.update), first.from);
			return;
		}
		const message = encodeUpdate(Y.mergeUpdates(batch.map((p) => p.update)));
		const oneSender = batch.every((p) => p.from === first.from);
		this.deps.fanout.publish(this.boardId, message, oneSender ? first.from : undefined);
	}

	#answerDeferred(): void {
		if (this.#pending.length > 0 || this.#inFlight > 0 || this.#deferredStep1.length === 0) return;
		const deferred = this.#deferredStep1;
		this.#deferredStep1 = [];
		for (const { member, stateVector } of deferred) {
			try {
				member.send(encodeSyncStep2(this.doc, stateVector));
			} catch {
				member.close(1002, 'malformed message');
			}
		}
	}

	#scheduleUnload(): void {
		this.#clearUnload();
		this.#unloadTimer = setTimeout(() => {
			this.#unloadTimer = null;
			if (this.#members.size === 0) void this.close();
		}, this.deps.limits.unloadDelayMs);
		this.#unloadTimer.unref();
	}

	#clearUnload(): void {
		if (this.#unloadTimer) clearTimeout(this.#unloadTimer);
		this.#unloadTimer = null;
	}

	/**
	 * Unloads the room: closes remaining sockets with `code` (1001 on shutdown), stores what is
	 * pending, compacts the board and frees the doc. Resolves when done.
	 */
	async close(code = 1001, reason = 'server shutting down'): Promise<void> {
		if (this.#state === 'closing' || this.#state === 'closed') return this.closed;
		this.#clearUnload();
		if (this.#state === 'loading') {
			await this.#loaded;
			// The state changed while we waited (TypeScript does not see that).
			if ((this.#state as State) !== 'ready') return this.closed;
		}
		this.#state = 'closing';
		for (const member of [...this.#members.keys()]) member.close(code, reason);
		await this.flush();
		if (this.#state === 'closing') {
			try {
				await this.deps.store.compact(this.boardId);
			} catch (error) {
				this.deps.log(`compacting ${this.boardId} on unload failed`, error);
			}
			this.#destroy();
		}
		return this.closed;
	}

	/**
	 * The store refused a batch because the board was sealed after the room applied it: the doc now
	 * holds what is stored nowhere. Forward nothing, and drop the room; its clients reconnect
	 * (1012) to a room loaded from storage, which is read-only.
	 */
	#refused(count: number): void {
		if (this.#state === 'closed') return;
		this.deps.log(
			`board ${this.boardId} was sealed; ${count} update(s) refused, reloading its room`
		);
		this.#pending = [];
		this.#deferredStep1 = [];
		this.#writable = false;
		this.#state = 'closed';
		for (const member of [...this.#members.keys()]) member.close(1012, 'meeting ended');
		this.#destroy();
	}

	#fail(message: string, error: unknown): void {
		if (this.#state === 'closed') return;
		this.deps.log(`${message} (board ${this.boardId}); closing its connections`, error);
		this.#pending = [];
		this.#deferredStep1 = [];
		this.#state = 'closed';
		for (const member of [...this.#members.keys()]) member.close(1011, 'storage error');
		this.#destroy();
	}

	#destroy(): void {
		this.#state = 'closed';
		this.#clearUnload();
		this.#unwatch?.();
		this.#unwatch = null;
		for (const entry of this.#members.values()) entry.unsubscribe();
		this.#members.clear();
		this.#awarenessOut.clear();
		this.#feedOut.clear();
		this.awareness.destroy();
		this.doc.destroy();
		this.onClosed(this);
		this.#resolveClosed();
	}
}

function isConnectionOrigin(origin: unknown): origin is SyncOrigin & { source: 'connection' } {
	return (
		typeof origin === 'object' &&
		origin !== null &&
		(origin as { source?: unknown }).source === 'connection'
	);
}
