/**
 * The kill -9 loss test of the sync benchmark, with each server's own client library:
 *
 *   node kill.js write <config.json>   one writer types `edits` edits over `seconds`, a second
 *                                      client watches; prints DELIVERED once the watcher has the
 *                                      last one, then idles until killed (at most 30 s). Nobody
 *                                      disconnects: a clean close would let a server store.
 *   node kill.js count <config.json>   connects, syncs, prints `COUNT <n>`: how many of the edits
 *                                      the (restarted) server still has.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { ServerKind } from './clients';

/**
 * Node 20 has no global WebSocket: Hocuspocus' provider hands this option on to the socket it
 * creates (HocuspocusProviderWebsocket), though its own configuration type does not list it.
 */
const NODE_WEBSOCKET = { WebSocketPolyfill: WebSocket } as unknown as Record<string, never>;

export interface KillConfig {
	server: ServerKind;
	syncUrl: string;
	boardId: string;
	cookies: string[];
	edits: number;
	seconds: number;
}

const [mode, file] = process.argv.slice(2);
const config = JSON.parse(readFileSync(file!, 'utf8')) as KillConfig;
const MAP = 'benchKill';

function connect(doc: Y.Doc, cookie: string | undefined): Promise<void> {
	return new Promise((synced) => {
		if (config.server === 'hocuspocus') {
			new HocuspocusProvider({
				url: config.syncUrl,
				name: config.boardId,
				document: doc,
				...NODE_WEBSOCKET,
				onSynced: ({ state }) => state && synced()
			});
			return;
		}
		class HeaderSocket extends WebSocket {
			constructor(url: string, protocols?: string | string[]) {
				super(url, protocols, cookie ? { headers: { cookie } } : {});
			}
		}
		const provider = new WebsocketProvider(config.syncUrl, config.boardId, doc, {
			WebSocketPolyfill: HeaderSocket as unknown as typeof globalThis.WebSocket,
			disableBc: true
		});
		provider.on('sync', (s: boolean) => s && synced());
	});
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
setTimeout(() => process.exit(2), 30_000).unref();

if (mode === 'write') {
	const writer = new Y.Doc();
	const watcher = new Y.Doc();
	await Promise.all([connect(writer, config.cookies[0]), connect(watcher, config.cookies[1])]);
	const target = `e${config.edits - 1}`;
	watcher.getMap(MAP).observe(() => {
		if (watcher.getMap(MAP).has(target)) console.log('DELIVERED');
	});
	const period = (config.seconds * 1000) / config.edits;
	for (let i = 0; i < config.edits; i++) {
		writer.getMap(MAP).set(`e${i}`, i);
		await sleep(period);
	}
	await sleep(30_000);
} else {
	const doc = new Y.Doc();
	await Promise.race([connect(doc, config.cookies[0]), sleep(15_000)]);
	console.log(`COUNT ${doc.getMap(MAP).size}`);
	process.exit(0);
}
