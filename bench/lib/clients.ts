/**
 * The load generator of the sync benchmark, run in its own process so that the server is not
 * measured together with its clients: `node clients.js <config.json>`.
 *
 * N stock y-websocket clients per board, each making E seeded random edits per second. Fan-out
 * latency is measured per delivery: the sender notes the time at which its clock reached C, and a
 * receiver resolves that note when its copy of the sender's clock reaches C (sender and receivers
 * share this process's clock). Prints CONNECTED, MEASURE_START, MEASURE_END and finally a line
 * `RESULT <json>` on stdout.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createRandomEditor, type RandomEditor } from '../../src/lib/board/random-edits';

export interface ClientsConfig {
	/** ws://host:port/sync */
	syncUrl: string;
	boards: { boardId: string; cookies: string[] }[];
	editsPerSecond: number;
	warmupMs: number;
	durationMs: number;
	/** Longest wait for outstanding deliveries after the last edit. */
	drainMs: number;
	connectBatch: number;
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
}

interface Sent {
	clock: number;
	at: number;
	delivered: number;
	inWindow: boolean;
}

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
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

function onRemoteUpdate(client: Client): void {
	const now = performance.now();
	const { group } = client;
	for (let w = 0; w < group.length; w++) {
		const writer = group[w]!;
		if (writer === client) continue;
		const state = Y.getState(client.doc.store, writer.doc.clientID);
		let i = client.cursor[w]!;
		const notes = writer.sent;
		while (i < notes.length && notes[i]!.clock <= state) {
			const note = notes[i]!;
			note.delivered++;
			if (note.inWindow) latencies.push(now - note.at);
			i++;
		}
		client.cursor[w] = i;
	}
}

const clients: Client[] = [];
let seed = 1;
for (const board of config.boards) {
	const group: Client[] = [];
	for (const cookie of board.cookies) {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(config.syncUrl, board.boardId, doc, {
			WebSocketPolyfill: socketWith(cookie),
			connect: false,
			disableBc: true
		});
		const client: Client = {
			doc,
			provider,
			group,
			editor: createRandomEditor(doc, seed++),
			sent: [],
			cursor: [],
			nextAt: Infinity,
			synced: false
		};
		provider.on('sync', (synced: boolean) => {
			if (synced) client.synced = true;
		});
		provider.on('connection-close', () => {
			if (client.synced && !finished) errors.disconnects++;
		});
		provider.on('connection-error', () => errors.connectionErrors++);
		doc.on('update', (_update: Uint8Array, origin: unknown) => {
			if (origin === provider) onRemoteUpdate(client);
		});
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
	for (const c of batch) c.provider.connect();
	await waitUntil(() => batch.every((c) => c.synced), 30_000);
}
errors.notSynced = clients.filter((c) => !c.synced).length;
console.log('CONNECTED');
await sleep(1500);

// Edits at a steady rate per client, phases spread evenly so that the load is smooth.
const period = 1000 / config.editsPerSecond;
const start = performance.now();
clients.forEach((c, i) => (c.nextAt = start + (period * i) / clients.length));
windowStart = start + config.warmupMs;
windowEnd = windowStart + config.durationMs;
let announcedStart = false;
await new Promise<void>((resolve) => {
	const timer = setInterval(() => {
		const now = performance.now();
		if (!announcedStart && now >= windowStart) {
			announcedStart = true;
			console.log('MEASURE_START');
		}
		if (now >= windowEnd) {
			clearInterval(timer);
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
				const clock = Y.getState(c.doc.store, c.doc.clientID);
				// A pure deletion does not advance the sender's clock, so its arrival cannot be told
				// from the state vector: it is sent like any edit but not timed.
				if (clock > before) c.sent.push({ clock, at, delivered: 0, inWindow: at >= windowStart });
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
	errors
};
finished = true;
for (const c of clients) c.provider.destroy();
console.log(`RESULT ${JSON.stringify(result)}`);
process.exit(0);
