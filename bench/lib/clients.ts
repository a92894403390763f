/**
 * The load generator of the sync benchmark, run in its own process so that the server is not
 * measured together with its clients: `node clients.js <config.json>`.
 *
 * N clients per board, each making E seeded random edits per second. Two kinds of client:
 * - `library`: what users run – y-websocket's `WebsocketProvider` against our server (set up as
 *   our browser client does: received updates applied in batches, `batchReceivedUpdates`) and
 *   the reference, Hocuspocus' own `HocuspocusProvider` against Hocuspocus. Every client applies
 *   every update to its Y.Doc, as a browser does.
 * - `minimal`: the same edits made in a local Y.Doc and sent as raw protocol messages on a `ws`
 *   socket (y-websocket framing, or Hocuspocus' with the document name in front); received
 *   updates are not applied, only their struct headers are read (`Y.parseUpdateMeta`). The client
 *   cost is then small and equal for all three servers, so the latency is the server's (plus the
 *   loopback) – the difference to `library` is the client library's share.
 *
 * Fan-out latency is measured per delivery: the sender notes the time of each edit, a receiver
 * resolves the note when the edit's structs arrive (library: its copy of the sender's clock
 * reaches the edit's end; minimal: an update holding the sender's structs up to past the edit's
 * first clock arrives). Sender and receivers share this process's clock. Prints CONNECTED,
 * MEASURE_START, MEASURE_END and finally `RESULT <json>` on stdout. The result includes this
 * process's own CPU and event-loop delay during the window.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { readFileSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createRandomEditor, type RandomEditor } from '../../src/lib/board/random-edits';
import { sendOwnAwarenessOnly } from '../../src/lib/canvas/awareness-echo';
import { batchReceivedUpdates } from '../../src/lib/canvas/batched-apply';

/**
 * Node 20 has no global WebSocket: Hocuspocus' provider hands this option on to the socket it
 * creates (HocuspocusProviderWebsocket), though its own configuration type does not list it.
 */
const NODE_WEBSOCKET = { WebSocketPolyfill: WebSocket } as unknown as Record<string, never>;

export type ServerKind = 'ours' | 'reference' | 'hocuspocus';
export type ClientKind = 'library' | 'minimal';

export interface ClientsConfig {
	server: ServerKind;
	client: ClientKind;
	/** ws://host:port/sync */
	syncUrl: string;
	/** Several server processes: client i of a board connects to `syncUrls[i % n]`. */
	syncUrls?: string[];
	boards: { boardId: string; cookies: string[] }[];
	editsPerSecond: number;
	warmupMs: number;
	durationMs: number;
	/** Longest wait for outstanding deliveries after the last edit. */
	drainMs: number;
	connectBatch: number;
	/**
	 * When the board's clients are spread over several processes (bench/run.js): the first
	 * client's random-edit seed here, and whether to wait for `GO` on stdin after CONNECTED (so
	 * that all processes start editing together). Latency is measured between this process's
	 * clients only (one clock); all clients receive every edit.
	 */
	seedBase?: number;
	waitForGo?: boolean;
	/** If set, every measured latency is written there (Float64Array) for merging. */
	latenciesFile?: string;
}

export interface ClientsResult {
	clients: number;
	boards: number;
	synced: number;
	editsInWindow: number;
	/** Deletions: sent, but their arrival is not timed (they do not advance the clock). */
	untimedEdits: number;
	deliveriesExpected: number;
	deliveries: number;
	windowMs: number;
	latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
	errors: {
		notSynced: number;
		disconnects: number;
		connectionErrors: number;
		missingDeliveries: number;
	};
	/** This client process during the measured window. */
	process: { cpuPercent: number; eventLoopDelayMs: { p50: number; p99: number; max: number } };
}

interface Sent {
	/** Library: the sender's clock after the edit; minimal: its clock before (the first struct's). */
	clock: number;
	at: number;
	inWindow: boolean;
}

/** The transport of one client: library provider or minimal socket. */
interface Transport {
	connect(): void;
	/** Sends a local update (minimal only; the providers send on their own). */
	send?(update: Uint8Array): void;
	destroy(): void;
}

interface Client {
	index: number;
	doc: Y.Doc;
	transport: Transport;
	group: Client[];
	editor: RandomEditor;
	sent: Sent[];
	/** Per writer in the group: index of the first of its notes this client has not received. */
	cursor: number[];
	nextAt: number;
	synced: boolean;
}

// Every WebsocketProvider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ClientsConfig;
const minimal = config.client === 'minimal';
const latencies: number[] = [];
const errors = { notSynced: 0, disconnects: 0, connectionErrors: 0, missingDeliveries: 0 };
let windowStart = Infinity;
let windowEnd = Infinity;
/** Set before the clients are destroyed, so that their own closing is not counted as an error. */
let finished = false;
let untimedEdits = 0;

function socketWith(cookie: string | undefined): typeof globalThis.WebSocket {
	class HeaderSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, cookie ? { headers: { cookie } } : {});
		}
	}
	return HeaderSocket as unknown as typeof globalThis.WebSocket;
}

/**
 * Library receivers: the notes of the update's writer up to the writer's clock in our doc (the
 * writer is read from the update's header; an update of several writers checks them all).
 */
function onLibraryUpdate(client: Client, update: Uint8Array): void {
	const now = performance.now();
	const decoder = decoding.createDecoder(update);
	const groups = decoding.readVarUint(decoder);
	if (groups === 0) return; // a pure deletion
	if (groups === 1) {
		decoding.readVarUint(decoder);
		const id = decoding.readVarUint(decoder);
		const writer = writerIndex.get(id);
		if (writer && writer.group === client.group && writer.index !== client.index)
			resolveNotes(client, writer.index, Y.getState(client.doc.store, id), now);
		return;
	}
	const { group } = client;
	for (let w = 0; w < group.length; w++) {
		const writer = group[w]!;
		if (writer === client) continue;
		resolveNotes(client, w, Y.getState(client.doc.store, writer.doc.clientID), now);
	}
}

function resolveNotes(client: Client, w: number, clock: number, now: number): void {
	let i = client.cursor[w]!;
	const notes = client.group[w]!.sent;
	while (i < notes.length && notes[i]!.clock <= clock) {
		const note = notes[i]!;
		if (note.inWindow) latencies.push(now - note.at);
		i++;
	}
	client.cursor[w] = i;
}

/** Writer index in the group by Yjs client id (receivers read the id from the update). */
const writerIndex = new Map<number, { group: Client[]; index: number }>();

/**
 * Minimal receivers: each writer's clock range in the update, read from its struct headers
 * (`Y.parseUpdateMeta`: parsed, nothing applied). An update may hold several edits of several
 * writers (ours merges what a busy room stored in one interval), so the first struct's clock
 * alone is not enough; every server's updates are read the same way.
 */
function onMinimalUpdate(client: Client, update: Uint8Array): void {
	const now = performance.now();
	for (const [id, end] of Y.parseUpdateMeta(update).to) {
		const writer = writerIndex.get(id);
		if (writer && writer.group === client.group && writer.index !== client.index)
			resolveNotes(client, writer.index, end - 1, now);
	}
}

const MESSAGE_SYNC = 0;
const MESSAGE_AUTH = 2;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

/** A raw socket speaking just enough of y-websocket's or Hocuspocus' protocol. */
/** The server process this client connects to (a board's clients alternate between them). */
function syncUrlOf(client: Client): string {
	const urls = config.syncUrls ?? [];
	return urls.length > 0 ? urls[client.index % urls.length]! : config.syncUrl;
}

function minimalTransport(client: Client, boardId: string, cookie: string | undefined): Transport {
	const hocuspocus = config.server === 'hocuspocus';
	let ws: WebSocket | null = null;
	const frame = (write: (e: encoding.Encoder) => void) => {
		const e = encoding.createEncoder();
		if (hocuspocus) encoding.writeVarString(e, boardId);
		write(e);
		return encoding.toUint8Array(e);
	};
	const sync = (type: number, payload: Uint8Array) =>
		frame((e) => {
			encoding.writeVarUint(e, MESSAGE_SYNC);
			encoding.writeVarUint(e, type);
			encoding.writeVarUint8Array(e, payload);
		});
	return {
		connect() {
			const url = hocuspocus ? syncUrlOf(client) : `${syncUrlOf(client)}/${boardId}`;
			ws = new WebSocket(url, cookie ? { headers: { cookie } } : {});
			ws.binaryType = 'nodebuffer';
			ws.on('open', () => {
				if (hocuspocus)
					ws!.send(
						frame((e) => {
							encoding.writeVarUint(e, MESSAGE_AUTH);
							encoding.writeVarUint(e, 0); // token
							encoding.writeVarString(e, '');
							encoding.writeVarString(e, '4.7.0');
						})
					);
				ws!.send(sync(SYNC_STEP1, Y.encodeStateVector(client.doc)));
			});
			ws.on('message', (data: Buffer) => {
				const decoder = decoding.createDecoder(data);
				if (hocuspocus) decoding.readVarString(decoder);
				if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
				const type = decoding.readVarUint(decoder);
				if (type === SYNC_STEP1) {
					// Answer with what we have (nothing the server lacks, after a first connect).
					const sv = decoding.readVarUint8Array(decoder);
					ws!.send(sync(SYNC_STEP2, Y.encodeStateAsUpdate(client.doc, sv)));
				} else if (type === SYNC_STEP2) client.synced = true;
				else if (type === SYNC_UPDATE) onMinimalUpdate(client, decoding.readVarUint8Array(decoder));
			});
			ws.on('close', () => {
				if (client.synced && !finished) errors.disconnects++;
			});
			ws.on('error', () => errors.connectionErrors++);
		},
		send(update) {
			if (ws?.readyState === WebSocket.OPEN) ws.send(sync(SYNC_UPDATE, update));
		},
		destroy() {
			ws?.terminate();
		}
	};
}

function libraryTransport(client: Client, boardId: string, cookie: string | undefined): Transport {
	const { doc } = client;
	if (config.server === 'hocuspocus') {
		let provider: HocuspocusProvider | null = null;
		return {
			connect() {
				provider = new HocuspocusProvider({
					url: syncUrlOf(client),
					name: boardId,
					document: doc,
					...NODE_WEBSOCKET,
					onSynced: ({ state }) => {
						if (state) client.synced = true;
					},
					onClose: () => {
						if (client.synced && !finished) errors.disconnects++;
					}
				});
				doc.on('update', (update: Uint8Array, origin: unknown) => {
					if (origin === provider) onLibraryUpdate(client, update);
				});
			},
			destroy() {
				provider?.destroy();
			}
		};
	}
	const provider = new WebsocketProvider(syncUrlOf(client), boardId, doc, {
		WebSocketPolyfill: socketWith(cookie),
		connect: false,
		disableBc: true
	});
	// Ours: as our browser client (src/lib/canvas/session.svelte.ts) sets the provider up.
	if (config.server === 'ours') {
		batchReceivedUpdates(provider);
		sendOwnAwarenessOnly(provider);
	}
	provider.on('sync', (synced: boolean) => {
		if (synced) client.synced = true;
	});
	provider.on('connection-close', () => {
		if (client.synced && !finished) errors.disconnects++;
	});
	provider.on('connection-error', () => errors.connectionErrors++);
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === provider) onLibraryUpdate(client, update);
	});
	return { connect: () => provider.connect(), destroy: () => provider.destroy() };
}

const clients: Client[] = [];
let seed = config.seedBase ?? 1;
for (const board of config.boards) {
	const group: Client[] = [];
	for (const cookie of board.cookies) {
		const doc = new Y.Doc();
		const client: Client = {
			index: group.length,
			doc,
			transport: null as unknown as Transport,
			group,
			editor: createRandomEditor(doc, seed++),
			sent: [],
			cursor: [],
			nextAt: Infinity,
			synced: false
		};
		client.transport = minimal
			? minimalTransport(client, board.boardId, cookie)
			: libraryTransport(client, board.boardId, cookie);
		writerIndex.set(doc.clientID, { group, index: client.index });
		if (minimal) doc.on('update', (update: Uint8Array) => client.transport.send!(update));
		group.push(client);
		clients.push(client);
	}
	for (const client of group) client.cursor = group.map(() => 0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!condition() && performance.now() < deadline) await sleep(10);
}

// Connect in batches, as a room full of people does, not all in one millisecond.
for (let i = 0; i < clients.length; i += config.connectBatch) {
	const batch = clients.slice(i, i + config.connectBatch);
	for (const c of batch) c.transport.connect();
	await waitUntil(() => batch.every((c) => c.synced), 30_000);
}
errors.notSynced = clients.filter((c) => !c.synced).length;
console.log('CONNECTED');
if (config.waitForGo)
	await new Promise<void>((resolve) => {
		let input = '';
		process.stdin.on('data', (d) => {
			input += d;
			if (input.includes('GO')) resolve();
		});
	});
await sleep(1500);

const delay = monitorEventLoopDelay({ resolution: 1 });
let cpuAtStart = process.cpuUsage();
let startedAt = performance.now();

// Edits at a steady rate per client, phases spread evenly so that the load is smooth.
const period = 1000 / config.editsPerSecond;
const start = performance.now();
clients.forEach((c, i) => (c.nextAt = start + (period * i) / clients.length));
windowStart = start + config.warmupMs;
windowEnd = windowStart + config.durationMs;
let announcedStart = false;
let processStats: ClientsResult['process'] | null = null;
await new Promise<void>((resolve) => {
	const timer = setInterval(() => {
		const now = performance.now();
		if (!announcedStart && now >= windowStart) {
			announcedStart = true;
			console.log('MEASURE_START');
			delay.enable();
			cpuAtStart = process.cpuUsage();
			startedAt = performance.now();
		}
		if (now >= windowEnd) {
			clearInterval(timer);
			delay.disable();
			const cpu = process.cpuUsage(cpuAtStart);
			const ms = (ns: number) => Math.round(ns / 1e4) / 100;
			processStats = {
				cpuPercent:
					Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - startedAt)) * 1000) /
					10,
				eventLoopDelayMs: {
					p50: ms(delay.percentile(50)),
					p99: ms(delay.percentile(99)),
					max: ms(delay.max)
				}
			};
			console.log('MEASURE_END');
			resolve();
			return;
		}
		for (const c of clients) {
			// Falling far behind (a stalled process) must not turn into a burst afterwards.
			if (c.nextAt < now - 5 * period) c.nextAt = now;
			while (c.nextAt <= now) {
				const before = Y.getState(c.doc.store, c.doc.clientID);
				c.editor.edit();
				const at = performance.now();
				const after = Y.getState(c.doc.store, c.doc.clientID);
				// A pure deletion does not advance the sender's clock, so its arrival cannot be told
				// from the state vector: it is sent like any edit but not timed.
				if (after > before)
					c.sent.push({ clock: minimal ? before : after, at, inWindow: at >= windowStart });
				else if (at >= windowStart) untimedEdits++;
				c.nextAt += period;
			}
		}
	}, 2);
});

const expectedFor = (c: Client) => c.sent.filter((n) => n.inWindow).length * (c.group.length - 1);
const deliveriesExpected = clients.reduce((sum, c) => sum + expectedFor(c), 0);
await waitUntil(() => latencies.length >= deliveriesExpected, config.drainMs);
errors.missingDeliveries = deliveriesExpected - latencies.length;

const sorted = latencies.slice().sort((a, b) => a - b);
const pick = (q: number) =>
	sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN;
const round = (x: number) => Math.round(x * 100) / 100;
const result: ClientsResult = {
	clients: clients.length,
	boards: config.boards.length,
	synced: clients.filter((c) => c.synced).length,
	editsInWindow:
		clients.reduce((sum, c) => sum + c.sent.filter((n) => n.inWindow).length, 0) + untimedEdits,
	untimedEdits,
	deliveriesExpected,
	deliveries: latencies.length,
	windowMs: config.durationMs,
	latencyMs: {
		p50: round(pick(0.5)),
		p95: round(pick(0.95)),
		p99: round(pick(0.99)),
		max: round(sorted.at(-1) ?? NaN),
		mean: round(sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1))
	},
	errors,
	process: processStats!
};
if (config.latenciesFile) writeFileSync(config.latenciesFile, new Float64Array(latencies));
finished = true;
for (const c of clients) c.transport.destroy();
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
