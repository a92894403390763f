/**
 * Server-side measurements that need no sockets, run in-process with `--expose-gc`:
 * `node --expose-gc inprocess.js <tmpDir>` prints JSON with
 * - the time to load a stored board of 2,000 elements into a room (store read + merge + apply),
 *   compacted and with a 500-update log on top (the most the log holds before compaction);
 * - the heap per loaded, idle demo board.
 */
import { join, resolve } from 'node:path';
import * as Y from 'yjs';
import { migrateDatabase, openDatabase, type Db } from '../../src/lib/server/db/client';
import { seedDemo } from '../../server/demo/seed';
import { readBoardState, SqliteBoardStore } from '../../server/persistence/sqlite-store';
import type { BoardStore } from '../../server/persistence/store';
import { LocalFanout } from '../../server/sync/fanout';
import { limitsFromEnv } from '../../server/sync/limits';
import type { RoomMember } from '../../server/sync/room';
import { Rooms } from '../../server/sync/rooms';

const dir = process.argv[2];
if (!dir) throw new Error('usage: inprocess.js <tmpDir>');
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');

const db: Db = openDatabase(join(dir, 'inprocess.db'));
migrateDatabase(db, resolve('drizzle'));
const sqliteStore = new SqliteBoardStore(db);
// Measurements must not change what they measure: no compaction when a room closes.
const store: BoardStore = {
	load: (id) => sqliteStore.load(id),
	append: (id, u) => sqliteStore.append(id, u),
	initialize: (id, u) => sqliteStore.initialize(id, u),
	isSealed: (id) => sqliteStore.isSealed(id),
	compact: async () => {}
};

/** Appends `count` sticky notes, one update each (as a client would send them). */
async function addElements(
	boardId: string,
	doc: Y.Doc,
	count: number,
	from: number
): Promise<void> {
	const updates: Uint8Array[] = [];
	const onUpdate = (u: Uint8Array) => updates.push(u);
	doc.on('update', onUpdate);
	const elements = doc.getMap<Y.Map<unknown>>('elements');
	for (let i = from; i < from + count; i++) {
		doc.transact(() => {
			const el = new Y.Map<unknown>();
			el.set('type', 'sticky');
			el.set('x', (i % 50) * 220);
			el.set('y', Math.floor(i / 50) * 220);
			el.set('w', 200);
			el.set('h', 200);
			el.set('rotation', 0);
			el.set('color', 'yellow');
			el.set('z', `a${i.toString(36).padStart(4, '0')}`);
			el.set('author', 'bench');
			el.set('createdAt', 1_700_000_000_000 + i);
			el.set('text', new Y.Text(`Seddel nummer ${i}: hvad går godt?`));
			elements.set(`el-${i}`, el);
		});
	}
	doc.off('update', onUpdate);
	await store.append(boardId, updates);
}

/**
 * The two stored boards. Their authoring documents are garbage once stored: the loads below
 * measure the server's work, not the collection of this script's own copies of the boards.
 */
async function storeBigBoards(): Promise<void> {
	const compactedDoc = new Y.Doc();
	await addElements('big-compacted', compactedDoc, 2000, 0);
	await sqliteStore.compact('big-compacted');
	const withLogDoc = new Y.Doc();
	await addElements('big-with-log', withLogDoc, 1500, 0);
	await sqliteStore.compact('big-with-log');
	await addElements('big-with-log', withLogDoc, 500, 1500);
	compactedDoc.destroy();
	withLogDoc.destroy();
}
await storeBigBoards();
gc();

const limits = limitsFromEnv({ unloadDelayMs: 1e9 });
function idleMember(onReady: () => void): RoomMember {
	return { send() {}, close() {}, roomReady: onReady };
}

async function timeLoads(boardId: string, runs: number) {
	const times: number[] = [];
	let elements = 0;
	for (let i = 0; i < runs; i++) {
		const rooms = new Rooms({ store, fanout: new LocalFanout(), limits, log: () => {} });
		const started = performance.now();
		const room = rooms.acquire(boardId);
		await new Promise<void>((ready) => room.add(idleMember(ready)));
		times.push(performance.now() - started);
		elements = room.doc.getMap('elements').size;
		await room.close();
	}
	const sorted = times.slice().sort((a, b) => a - b);
	const r = (x: number) => Math.round(x * 100) / 100;
	return {
		elements,
		bytes: readBoardState(db, boardId).byteLength,
		firstMs: r(times[0]!),
		medianMs: r(sorted[Math.floor(sorted.length / 2)]!),
		p95Ms: r(sorted[Math.floor(sorted.length * 0.95)]!),
		maxMs: r(sorted.at(-1)!)
	};
}

const load = {
	compacted: await timeLoads('big-compacted', 20),
	stateAnd500Log: await timeLoads('big-with-log', 20)
};

// Heap per loaded idle demo board: many copies of the seeded demo board, loaded and left idle.
await seedDemo(db);
const demoState = readBoardState(db, 'demo-board-netvaerk');
const COPIES = 200;
for (let i = 0; i < COPIES; i++) await store.initialize(`demo-copy-${i}`, demoState);
const rooms = new Rooms({ store, fanout: new LocalFanout(), limits, log: () => {} });
gc();
const before = process.memoryUsage().heapUsed;
const loaded = await Promise.all(
	Array.from({ length: COPIES }, (_, i) => {
		const room = rooms.acquire(`demo-copy-${i}`);
		return new Promise<void>((ready) => room.add(idleMember(ready)));
	})
);
gc();
await new Promise((r) => setTimeout(r, 50));
gc();
const after = process.memoryUsage().heapUsed;
const demoDoc = new Y.Doc();
Y.applyUpdate(demoDoc, demoState);
const heap = {
	boards: loaded.length,
	demoStateBytes: demoState.byteLength,
	demoElements: demoDoc.getMap('elements').size,
	bytesPerBoard: Math.round((after - before) / COPIES)
};
await rooms.closeAll();
db.$client.close();
console.log(JSON.stringify({ load, heap }));
process.exit(0);
