/**
 * Several server processes on one PostgreSQL (docs/scaling.md), with nothing but PostgreSQL:
 *
 * - Board updates: every append commits with `NOTIFY board_updates, '<docId>:<lastSeq>'` (ids,
 *   never payloads). Each process LISTENs on one dedicated connection; for a board it has open it
 *   reads the log rows after its cursor (`PgBoardStore.readSinceMany`: the boards due a read
 *   together) and hands them to the room, which forwards them to its sockets. They are stored before anyone is notified, so "stored
 *   before forwarded" holds across processes. Rows this process wrote itself are skipped.
 * - A missed notification costs nothing but latency: the next one for the board, or the
 *   re-read of every open board when the listening connection comes back, reads from the cursor.
 *   App events missed meanwhile: `onResume` lets the sync server recheck every socket.
 * - Awareness (cursors, presence): `NOTIFY board_awareness, '<process> <docId> <base64>'`.
 * - App events (events.ts: session ended, invite revoked, meeting status, access changed, case
 *   erasing …): `NOTIFY app_events, '<json>'`; each process publishes them on its own bus.
 * - A case erasure waits for the rooms of every process: `case-erasing` carries a token, each
 *   other process answers `{ done: token }` once its rooms of the case have closed (storing what
 *   they held), and the erasing process's `wait` resolves when every live process has answered.
 *   "Live" is every listening connection on the database (`application_name`
 *   `moedetavle-cluster <id>`), asked again while waiting, so a process that dies meanwhile is not
 *   waited for; after `ERASE_WAIT_MS` the erasure fails and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { publish, subscribe, type AppEvent } from '../../src/lib/server/events';
import type { PgBoardStore, StoredSince } from '../persistence/pg-store';
import { UPDATES_CHANNEL } from '../persistence/pg-schema';
import type { BoardFeed, RemoteHandlers } from './fanout';

const AWARENESS_CHANNEL = 'board_awareness';
const EVENTS_CHANNEL = 'app_events';
/** PostgreSQL refuses a NOTIFY payload of 8 000 bytes or more. */
const MAX_PAYLOAD = 7_900;
/** Reads of new log rows running at once, each for many boards (#catchUp). */
const READS_IN_FLIGHT = 3;
const RECONNECT_MIN_MS = 200;
const RECONNECT_MAX_MS = 5_000;
/** The listening connection's `application_name`: how processes find each other. */
const APPLICATION = 'moedetavle-cluster';
/** How long an erasure waits for the other processes' rooms before it gives up. */
export const ERASE_WAIT_MS = 10_000;
/** Board ids per `case-erasing` message: ids of some 30 characters, well under the payload limit. */
const ERASE_BOARDS_PER_MESSAGE = 100;

/** What goes over `app_events`: an event, or the answer to a case erasure's token. */
type EventMessage =
	{ from: string; event: AppEvent; ack?: string } | { from: string; done: string };

/** Events this process received from another one: published here, not sent out again. */
const fromRemote = new WeakSet<AppEvent>();

interface Watch {
	docId: string;
	cursor: number;
	handlers: RemoteHandlers;
	/** Seqs this process stored itself and has already forwarded. */
	own: Set<number>;
	/** The highest seq a notification announced. */
	target: number;
	/** Read even if no notification announced anything new (start, reconnect). */
	force: boolean;
}

export interface ClusterOptions {
	log?: (message: string, error?: unknown) => void;
	/**
	 * Called when the listening connection is back after a loss: app events sent meanwhile are
	 * gone, so every open socket's credential and access should be checked again.
	 */
	onResume?: () => void;
	/** How long a case erasure waits for the other processes' rooms (default `ERASE_WAIT_MS`). */
	eraseWaitMs?: number;
}

export class PgCluster implements BoardFeed {
	/** This process, as named in its notifications. */
	readonly id = randomUUID();
	readonly #watched = new Map<string, Watch>();
	#listener: pg.Client | null = null;
	#closed = false;
	#reconnectDelay = RECONNECT_MIN_MS;
	#outbox: { channel: string; payload: string }[] = [];
	#flushScheduled = false;
	#unsubscribe: (() => void)[] = [];
	#connectedOnce = false;
	/** Case erasures of this process waiting for the others: token → processes that answered. */
	readonly #erasures = new Map<string, { answered: Set<string>; changed: () => void }>();
	/** Boards with something to read (#catchUp), those in a read now, and the reads running. */
	readonly #dueReads = new Set<Watch>();
	readonly #beingRead = new Set<Watch>();
	#readScheduled = false;
	#readsInFlight = 0;

	readonly #log: (message: string, error?: unknown) => void;
	readonly #onResume: () => void;
	readonly #eraseWaitMs: number;

	constructor(
		private readonly store: PgBoardStore,
		private readonly connectionString: string,
		options: ClusterOptions = {}
	) {
		this.#log =
			options.log ?? ((message, error) => console.error(`[cluster] ${message}`, error ?? ''));
		this.#onResume = options.onResume ?? (() => {});
		this.#eraseWaitMs = options.eraseWaitMs ?? ERASE_WAIT_MS;
	}

	/** Starts listening and relaying the app's events; resolves once the listener is connected. */
	async start(): Promise<void> {
		this.#unsubscribe.push(
			this.store.onCommit((docId, seqs) => {
				const watch = this.#watched.get(docId);
				if (watch) for (const seq of seqs) if (seq > watch.cursor) watch.own.add(seq);
			}),
			subscribe(this.#onLocalEvent)
		);
		await this.#connect();
	}

	async close(): Promise<void> {
		this.#closed = true;
		for (const unsubscribe of this.#unsubscribe) unsubscribe();
		this.#unsubscribe = [];
		await this.#flush();
		const listener = this.#listener;
		this.#listener = null;
		await listener?.end().catch(() => {});
	}

	/** Whether the listening connection is up (health check). */
	get listening(): boolean {
		return this.#listener !== null;
	}

	position(docId: string): Promise<number> {
		return this.store.position(docId);
	}

	watch(docId: string, position: number, handlers: RemoteHandlers): () => void {
		const watch: Watch = {
			docId,
			cursor: position,
			handlers,
			own: new Set(),
			target: position,
			force: true
		};
		this.#watched.set(docId, watch);
		// What was stored between `position` and now.
		this.#catchUp(watch);
		return () => {
			if (this.#watched.get(docId) === watch) this.#watched.delete(docId);
		};
	}

	publishAwareness(docId: string, update: Uint8Array): void {
		const payload = `${this.id} ${docId} ${Buffer.from(update).toString('base64')}`;
		// A huge awareness state (no client sends one) stays in this process.
		if (payload.length > MAX_PAYLOAD) return;
		this.#send(AWARENESS_CHANNEL, payload);
	}

	#onLocalEvent = (event: AppEvent): void => {
		if (this.#closed || fromRemote.has(event)) return;
		if (event.type === 'case-erasing') {
			// `wait` is a function of this process: the others answer a token instead. A case with
			// many boards goes in several messages (the payload limit), each with its token.
			const waits: Promise<void>[] = [];
			for (let i = 0; i === 0 || i < event.boardIds.length; i += ERASE_BOARDS_PER_MESSAGE) {
				const boardIds = event.boardIds.slice(i, i + ERASE_BOARDS_PER_MESSAGE);
				const ack = randomUUID();
				const { wait: _local, ...plain } = { ...event, boardIds };
				this.#send(
					EVENTS_CHANNEL,
					JSON.stringify({ from: this.id, event: plain as AppEvent, ack } satisfies EventMessage)
				);
				waits.push(this.#othersClosed(ack));
			}
			event.wait(Promise.all(waits).then(() => {}));
			return;
		}
		const payload = JSON.stringify({ from: this.id, event } satisfies EventMessage);
		if (payload.length > MAX_PAYLOAD) {
			this.#log(`app event ${event.type} too large to send to the other processes`);
			return;
		}
		this.#send(EVENTS_CHANNEL, payload);
	};

	/** Resolves once every other live process has answered the erasure's token. */
	async #othersClosed(token: string): Promise<void> {
		const answered = new Set<string>();
		let wake = () => {};
		this.#erasures.set(token, { answered, changed: () => wake() });
		const deadline = Date.now() + this.#eraseWaitMs;
		try {
			for (;;) {
				const others = (await this.#otherProcesses()).filter((id) => !answered.has(id));
				if (others.length === 0) return;
				if (Date.now() > deadline)
					throw new Error(
						`the case's rooms did not close on ${others.length} other process(es) in time: nothing was erased`
					);
				// Until an answer comes, or a while (a process may have died: ask again).
				await new Promise<void>((resolve) => {
					wake = resolve;
					setTimeout(resolve, 250).unref();
				});
			}
		} finally {
			this.#erasures.delete(token);
		}
	}

	/** The other processes listening on this database now. */
	async #otherProcesses(): Promise<string[]> {
		const { rows } = await this.store.pool.query<{ name: string }>(
			`SELECT application_name AS name FROM pg_stat_activity
			 WHERE datname = current_database() AND application_name LIKE $1`,
			[`${APPLICATION} %`]
		);
		return rows.map((r) => r.name.slice(APPLICATION.length + 1)).filter((id) => id !== this.id);
	}

	#send(channel: string, payload: string): void {
		if (this.#closed) return;
		this.#outbox.push({ channel, payload });
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		// One round trip for everything of this turn.
		setImmediate(() => void this.#flush());
	}

	async #flush(): Promise<void> {
		this.#flushScheduled = false;
		const batch = this.#outbox;
		this.#outbox = [];
		try {
			await this.store.notify(batch);
		} catch (error) {
			this.#log(`sending ${batch.length} notification(s) failed`, error);
		}
	}

	async #connect(): Promise<void> {
		const client = new pg.Client({
			connectionString: this.connectionString,
			application_name: `${APPLICATION} ${this.id}`
		});
		let lost = false;
		const onLost = (error?: unknown) => {
			if (lost) return;
			lost = true;
			if (this.#listener === client) this.#listener = null;
			if (this.#closed) return;
			this.#log('the listening connection to PostgreSQL was lost; reconnecting', error);
			this.#scheduleReconnect();
		};
		client.on('notification', (message) => this.#onNotification(message));
		client.on('error', onLost);
		client.on('end', () => onLost());
		await client.connect();
		await client.query(
			`LISTEN ${UPDATES_CHANNEL}; LISTEN ${AWARENESS_CHANNEL}; LISTEN ${EVENTS_CHANNEL}`
		);
		if (this.#closed) {
			await client.end();
			return;
		}
		this.#listener = client;
		this.#reconnectDelay = RECONNECT_MIN_MS;
		// Notifications sent while we were not listening are gone: read every open board again,
		// and let the sync server recheck its sockets (a revoked invite may have been missed).
		for (const watch of this.#watched.values()) {
			watch.force = true;
			this.#catchUp(watch);
		}
		if (this.#connectedOnce) this.#onResume();
		this.#connectedOnce = true;
	}

	#scheduleReconnect(): void {
		const delay = this.#reconnectDelay;
		this.#reconnectDelay = Math.min(delay * 2, RECONNECT_MAX_MS);
		setTimeout(() => {
			if (this.#closed) return;
			this.#connect().catch((error: unknown) => {
				this.#log('reconnecting to PostgreSQL failed', error);
				this.#scheduleReconnect();
			});
		}, delay).unref();
	}

	#onNotification({ channel, payload }: pg.Notification): void {
		if (!payload) return;
		if (channel === UPDATES_CHANNEL) {
			const colon = payload.lastIndexOf(':');
			const watch = this.#watched.get(payload.slice(0, colon));
			const seq = Number(payload.slice(colon + 1));
			if (watch && seq > watch.cursor) {
				watch.target = Math.max(watch.target, seq);
				this.#catchUp(watch);
			}
		} else if (channel === AWARENESS_CHANNEL) {
			const [from, docId, data] = payload.split(' ');
			if (from === this.id || !docId || !data) return;
			this.#watched.get(docId)?.handlers.awareness(new Uint8Array(Buffer.from(data, 'base64')));
		} else if (channel === EVENTS_CHANNEL) {
			let message: EventMessage;
			try {
				message = JSON.parse(payload) as EventMessage;
			} catch {
				return;
			}
			if (message.from === this.id) return;
			if ('done' in message) {
				const erasure = this.#erasures.get(message.done);
				erasure?.answered.add(message.from);
				erasure?.changed();
				return;
			}
			const event = message.event;
			const closing: Promise<void>[] = [];
			if (event.type === 'case-erasing') event.wait = (done) => closing.push(done);
			fromRemote.add(event);
			publish(event);
			const ack = 'ack' in message ? message.ack : undefined;
			if (ack)
				void Promise.allSettled(closing).then(() =>
					this.#send(EVENTS_CHANNEL, JSON.stringify({ from: this.id, done: ack }))
				);
		}
	}

	/**
	 * Reads what the board stored after its cursor and hands it to the room. The boards waiting
	 * for a read are read together, in one statement: with hundreds of boards tailed, one query
	 * per notification would queue up behind each other (and behind the pool's connections).
	 * Up to READS_IN_FLIGHT batches run at once, a board in one of them at most (what is announced
	 * for it meanwhile is read once its batch is back, so its rows stay in order).
	 */
	#catchUp(watch: Watch): void {
		this.#dueReads.add(watch);
		this.#scheduleRead();
	}

	#scheduleRead(): void {
		if (this.#readScheduled || this.#readsInFlight >= READS_IN_FLIGHT) return;
		this.#readScheduled = true;
		setImmediate(() => {
			this.#readScheduled = false;
			void this.#readDue();
		});
	}

	async #readDue(): Promise<void> {
		const due: Watch[] = [];
		for (const watch of this.#dueReads) {
			if (this.#beingRead.has(watch)) continue;
			this.#dueReads.delete(watch);
			if (this.#watched.get(watch.docId) !== watch) continue;
			// Our own rows right after the cursor need no read: the room has them.
			while (watch.own.delete(watch.cursor + 1)) watch.cursor++;
			if (!watch.force && watch.target <= watch.cursor) continue;
			watch.force = false;
			due.push(watch);
		}
		if (due.length === 0) return;
		this.#readsInFlight++;
		for (const watch of due) this.#beingRead.add(watch);
		try {
			await this.#read(due);
		} finally {
			this.#readsInFlight--;
			for (const watch of due) this.#beingRead.delete(watch);
			if (this.#dueReads.size > 0) this.#scheduleRead();
		}
	}

	async #read(due: Watch[]): Promise<void> {
		let read: Map<string, StoredSince>;
		try {
			read = await this.store.readSinceMany(
				due.map((watch) => ({ docId: watch.docId, seq: watch.cursor }))
			);
		} catch (error) {
			this.#log(`reading new updates of ${due.length} board(s) failed; retrying`, error);
			setTimeout(() => {
				for (const watch of due) {
					watch.force = true;
					if (this.#watched.get(watch.docId) === watch) this.#catchUp(watch);
				}
			}, 1_000).unref();
			return;
		}
		for (const watch of due) {
			const since = read.get(watch.docId);
			if (!since || this.#watched.get(watch.docId) !== watch) continue;
			// Compaction folded rows we had not read: the state holds them (applying what we
			// already have changes nothing).
			if (since.state) watch.handlers.update(since.state);
			// Our own rows: known by seq once their commit has returned, by their bytes while it
			// is still in flight (the room has them and forwarded them already).
			for (const { seq, update } of since.updates)
				if (!watch.own.delete(seq) && !this.store.isCommitting(watch.docId, update))
					watch.handlers.update(update);
			watch.cursor = Math.max(watch.cursor, since.last);
			for (const seq of watch.own) if (seq <= watch.cursor) watch.own.delete(seq);
		}
	}
}
