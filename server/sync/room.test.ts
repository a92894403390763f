import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readElements, schemaVersionOf } from '../../src/lib/board/doc';
import { SCHEMA_VERSION } from '../../src/lib/board/keys';
import { MemoryBoardStore } from '../persistence/memory-store';
import { COMPACT_AFTER_UPDATES, COMPACT_INTERVAL_MS, type BoardStore } from '../persistence/store';
import { LocalFanout, type BoardFeed } from './fanout';
import { limitsFromEnv } from './limits';
import { decodeMessage } from './protocol';
import type { RoomMember, SyncOrigin } from './room';
import { Rooms } from './rooms';

class FakeMember implements RoomMember {
	sent: Uint8Array[] = [];
	closed: number[] = [];
	ready = false;
	readonly origin: SyncOrigin & { source: 'connection' } = {
		source: 'connection',
		connection: this
	};
	send(message: Uint8Array) {
		this.sent.push(message);
	}
	roomReady() {
		this.ready = true;
	}
	close(code: number) {
		this.closed.push(code);
	}
	updates(): number {
		return this.sent.filter((m) => decodeMessage(m).type === 'update').length;
	}
}

function setup<S extends BoardStore = MemoryBoardStore>(
	store: S = new MemoryBoardStore() as unknown as S
) {
	const logs: string[] = [];
	const rooms = new Rooms({
		store,
		fanout: new LocalFanout(),
		limits: limitsFromEnv({ unloadDelayMs: 5 }),
		log: (message) => logs.push(message)
	});
	return { rooms, logs, store };
}

/** A client's update that sets `elements.<key>`. */
function anUpdate(key = 'x'): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('elements').set(key, 1);
	return Y.encodeStateAsUpdate(doc);
}

const turn = () => new Promise((r) => setImmediate(r));

/** Two clients' presence ('A' and 'B'): their ids and the awareness update each sends. */
function twoPresences() {
	const [awA, awB] = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())];
	awA.setLocalState({ name: 'A' });
	awB.setLocalState({ name: 'B' });
	return {
		idA: awA.clientID,
		idB: awB.clientID,
		updateA: encodeAwarenessUpdate(awA, [awA.clientID]),
		updateB: encodeAwarenessUpdate(awB, [awB.clientID]),
		destroy: () => [awA, awB].forEach((aw) => aw.destroy())
	};
}

/** The presence states an awareness update holds. */
function statesIn(update: Uint8Array): Map<number, unknown> {
	const seen = new Awareness(new Y.Doc());
	applyAwarenessUpdate(seen, update, null);
	const states = new Map(seen.getStates());
	seen.destroy();
	return states;
}

describe('Room', () => {
	it('stores an update before forwarding it, and never echoes it to its sender', async () => {
		const { rooms, store } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		expect(a.ready && b.ready).toBe(true);
		room.applyUpdate(a.origin, anUpdate());
		expect(b.updates()).toBe(0); // not yet stored
		expect((await store.load('b')).log).toHaveLength(0);
		await turn();
		await room.flush();
		expect((await store.load('b')).log).toHaveLength(1);
		expect(b.updates()).toBe(1);
		expect(a.updates()).toBe(0);
	});

	it('forwards the updates of one flush as one merged update, to all but a sole sender', async () => {
		// A store whose commits wait until the test lets them go.
		class GatedStore extends MemoryBoardStore {
			gate: Promise<void> = Promise.resolve();
			override async append(boardId: string, updates: Uint8Array[]): Promise<void> {
				await this.gate;
				return super.append(boardId, updates);
			}
		}
		const { rooms, store } = setup(new GatedStore());
		const room = rooms.acquire('b');
		const [a, b, c] = [new FakeMember(), new FakeMember(), new FakeMember()];
		for (const m of [a, b, c]) room.add(m);
		await room.flush();
		// The first edit's commit is in flight while a's second and b's edit arrive.
		let open = () => {};
		store.gate = new Promise((resolve) => (open = resolve));
		room.applyUpdate(a.origin, anUpdate('a1'));
		await turn();
		room.applyUpdate(a.origin, anUpdate('a2'));
		room.applyUpdate(b.origin, anUpdate('b1'));
		open();
		await turn();
		await room.flush();
		expect((await store.load('b')).log).toHaveLength(3);
		const received = (m: FakeMember) => {
			const doc = new Y.Doc();
			for (const message of m.sent) {
				const decoded = decodeMessage(message);
				if (decoded.type === 'update') Y.applyUpdate(doc, decoded.update);
			}
			return [...doc.getMap('elements').keys()].sort();
		};
		// c: the first edit alone, then the other two in one message.
		expect(c.updates()).toBe(2);
		expect(received(c)).toEqual(['a1', 'a2', 'b1']);
		// a and b sent part of the merged batch: they get it, with their own edits inside.
		expect(received(a)).toEqual(['a2', 'b1']);
		expect(received(b)).toEqual(['a1', 'a2', 'b1']);

		// A batch from one sender only is not echoed to it.
		const before = a.updates();
		store.gate = new Promise((resolve) => (open = resolve));
		room.applyUpdate(a.origin, anUpdate('a3'));
		await turn();
		room.applyUpdate(a.origin, anUpdate('a4'));
		open();
		await turn();
		await room.flush();
		expect(a.updates()).toBe(before);
		expect(received(c)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
	});

	it('appends a flush at once while an earlier one is being stored, and forwards in order', async () => {
		// A store that settles each append only when the test says so, in any order.
		class HeldStore extends MemoryBoardStore {
			held: { release: () => void }[] = [];
			override append(boardId: string, updates: Uint8Array[]): Promise<void> {
				return new Promise((resolve, reject) =>
					this.held.push({
						release: () => void super.append(boardId, updates).then(resolve, reject)
					})
				);
			}
		}
		const { rooms, store } = setup(new HeldStore());
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate('first'));
		await turn();
		room.applyUpdate(a.origin, anUpdate('second'));
		await turn();
		// Both are with the store (one group commit in SQLite), not the second after the first.
		expect(store.held).toHaveLength(2);
		expect(b.updates()).toBe(0);
		// The second is stored first: it still waits for the first, which is forwarded before it.
		store.held[1]!.release();
		await turn();
		expect(b.updates()).toBe(0);
		store.held[0]!.release();
		await room.flush();
		const keys = b.sent
			.map((m) => decodeMessage(m))
			.filter((m) => m.type === 'update')
			.map((m) => {
				const doc = new Y.Doc();
				Y.applyUpdate(doc, m.update);
				return [...doc.getMap('elements').keys()];
			});
		expect(keys).toEqual([['first'], ['second']]);
		expect((await store.load('b')).log).toHaveLength(2);
	});

	it('answers sync step 1 only once pending updates are stored', async () => {
		const { rooms } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate());
		room.answerSyncStep1(b, Y.encodeStateVector(new Y.Doc()));
		expect(b.sent.some((m) => decodeMessage(m).type === 'sync-step2')).toBe(false);
		await turn();
		await room.flush();
		expect(b.sent.some((m) => decodeMessage(m).type === 'sync-step2')).toBe(true);
	});

	it('a garbage state vector in a deferred sync step 1 closes that member and nothing else', async () => {
		const { rooms, store } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate());
		room.answerSyncStep1(b, new Uint8Array([0xff, 0xff, 0xff]));
		await turn();
		await room.flush();
		expect(b.closed).toEqual([1002]);
		const later = new Y.Doc();
		later.getMap('elements').set('y', 2);
		room.applyUpdate(a.origin, Y.encodeStateAsUpdate(later));
		await turn();
		await room.flush();
		expect((await store.load('b')).log).toHaveLength(2);
		expect(a.closed).toEqual([]);
	});

	it('a failed store closes the room’s sockets with 1011, forwards nothing and leaves no room', async () => {
		const store = new MemoryBoardStore();
		store.append = () => Promise.reject(new Error('disk full'));
		const { rooms, logs } = setup(store);
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate());
		await turn();
		await room.closed;
		expect(a.closed).toEqual([1011]);
		expect(b.closed).toEqual([1011]);
		expect(b.updates()).toBe(0);
		expect(rooms.size).toBe(0);
		expect(logs.join()).toMatch(/storing updates failed/);
	});

	it('a failed load closes the waiting sockets with 1011 and leaves no room', async () => {
		const store = new MemoryBoardStore();
		store.load = () => Promise.reject(new Error('corrupt'));
		const { rooms } = setup(store);
		const room = rooms.acquire('b');
		const a = new FakeMember();
		room.add(a);
		await room.closed;
		expect(a.ready).toBe(false);
		expect(a.closed).toEqual([1011]);
		expect(rooms.size).toBe(0);
	});

	it('reads a board for the web app through its room, loading it and leaving it loaded for a while', async () => {
		const { rooms, store } = setup();
		await store.append('b', [anUpdate('x')]);
		const read = await rooms.read('b', (doc) => doc.getMap('elements').get('x'));
		expect(read).toEqual({ value: 1 });
		// The client that opens the board next finds the room loaded; unused, it unloads.
		expect(rooms.get('b')?.ready).toBe(true);
		await rooms.get('b')!.closed;
		expect(rooms.size).toBe(0);
	});

	it('reads a live board only once what was applied to it is stored', async () => {
		const { rooms, store } = setup();
		const events: string[] = [];
		const append = store.append.bind(store);
		store.append = (id, updates) => append(id, updates).then(() => void events.push('stored'));
		const room = rooms.acquire('b');
		const a = new FakeMember();
		room.add(a);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate('y'));
		const read = await rooms.read('b', (doc) => {
			events.push('read');
			return doc.getMap('elements').get('y');
		});
		expect(read).toEqual({ value: 1 });
		expect(events).toEqual(['stored', 'read']);
		await room.close();
	});

	it('gives no live copy of a board whose room cannot load', async () => {
		const store = new MemoryBoardStore();
		store.load = () => Promise.reject(new Error('corrupt'));
		const { rooms } = setup(store);
		const read = vi.fn();
		expect(await rooms.read('b', read)).toBeNull();
		expect(read).not.toHaveBeenCalled();
	});

	it('unloads after the last member leaves, compacting the log, and reloads the same board', async () => {
		const { rooms, store } = setup();
		const room = rooms.acquire('b');
		const a = new FakeMember();
		room.add(a);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate());
		await turn();
		room.remove(a);
		await room.closed;
		expect(rooms.size).toBe(0);
		const stored = await store.load('b');
		expect(stored.log).toHaveLength(0);
		expect(stored.state).not.toBeNull();
		const again = rooms.acquire('b');
		expect(again).not.toBe(room);
		again.add(a);
		await again.flush();
		expect(again.doc.getMap('elements').get('x')).toBe(1);
		await again.close();
	});

	it('compacts a busy board once its log is long, then at most once per interval', async () => {
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			const store = new MemoryBoardStore();
			let compactions = 0;
			const compact = store.compact.bind(store);
			store.compact = (boardId) => (compactions++, compact(boardId));
			const { rooms } = setup(store);
			const room = rooms.acquire('b');
			const a = new FakeMember();
			room.add(a);
			await room.flush();
			const edit = (i: number) => {
				const doc = new Y.Doc();
				doc.getMap('elements').set(`e${i}`, i);
				room.applyUpdate(a.origin, Y.encodeStateAsUpdate(doc));
			};
			const editMany = async (from: number, count: number) => {
				for (let i = from; i < from + count; i++) {
					edit(i);
					await room.flush();
				}
			};
			await editMany(0, COMPACT_AFTER_UPDATES + 1);
			expect(compactions).toBe(1);
			// Another long log within the interval: no second compaction yet, nothing lost meanwhile.
			await editMany(1000, COMPACT_AFTER_UPDATES + 1);
			expect(compactions).toBe(1);
			expect((await store.load('b')).log.length).toBeGreaterThan(COMPACT_AFTER_UPDATES);
			vi.setSystemTime(Date.now() + COMPACT_INTERVAL_MS);
			await editMany(2000, 1);
			expect(compactions).toBe(2);
			await room.close();
			const doc = new Y.Doc();
			const stored = await store.load('b');
			if (stored.state) Y.applyUpdate(doc, stored.state);
			for (const update of stored.log) Y.applyUpdate(doc, update);
			expect(doc.getMap('elements').size).toBe(2 * (COMPACT_AFTER_UPDATES + 1) + 1);
		} finally {
			vi.useRealTimers();
		}
	});

	it('removes a leaving member’s awareness and tells the others', async () => {
		const { rooms } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		const clientDoc = new Y.Doc();
		const awareness = new Awareness(clientDoc);
		awareness.setLocalState({ name: 'A' });
		room.applyAwareness(a, encodeAwarenessUpdate(awareness, [clientDoc.clientID]));
		expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(true);
		const before = b.sent.length;
		room.remove(a);
		expect(room.awareness.getStates().has(clientDoc.clientID)).toBe(false);
		expect(b.sent.length).toBe(before + 1);
		awareness.destroy();
		await room.close();
	});

	it('forwards the awareness its clients send in one turn as one message, at the turn’s end', async () => {
		const { rooms } = setup();
		const room = rooms.acquire('b');
		const [a, b, c] = [new FakeMember(), new FakeMember(), new FakeMember()];
		for (const m of [a, b, c]) room.add(m);
		await room.flush();
		const presences = twoPresences();
		const [before, beforeA] = [c.sent.length, a.sent.length];
		room.applyAwareness(a, presences.updateA);
		room.applyAwareness(b, presences.updateB);
		expect(c.sent.length).toBe(before); // not before the turn's I/O is done
		await turn();
		const sent = c.sent.slice(before).map((m) => decodeMessage(m));
		expect(sent.map((m) => m.type)).toEqual(['awareness']);
		const seen = statesIn((sent[0] as { update: Uint8Array }).update);
		expect(seen.get(presences.idA)).toEqual({ name: 'A' });
		expect(seen.get(presences.idB)).toEqual({ name: 'B' });
		// The senders get it too (their idle watchdog), in the same one message.
		expect(a.sent.length - beforeA).toBe(1);
		// A departure is not held back.
		const beforeLeaving = c.sent.length;
		room.remove(a);
		expect(c.sent.length).toBe(beforeLeaving + 1);
		presences.destroy();
		await room.close();
	});

	it('sends its clients’ awareness of one turn to the other processes as one message, departures at once', async () => {
		const published: Uint8Array[] = [];
		const feed: BoardFeed = {
			position: async () => 0,
			watch: () => () => {},
			publishAwareness: (_boardId, update) => published.push(update)
		};
		const rooms = new Rooms({
			store: new MemoryBoardStore(),
			fanout: new LocalFanout(),
			limits: limitsFromEnv({ unloadDelayMs: 5 }),
			log: () => {},
			feed
		});
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		for (const m of [a, b]) room.add(m);
		await room.flush();
		const presences = twoPresences();
		published.length = 0;
		room.applyAwareness(a, presences.updateA);
		room.applyAwareness(b, presences.updateB);
		expect(published).toEqual([]);
		await turn();
		expect(published.length).toBe(1);
		const seen = statesIn(published[0]!);
		expect(seen.get(presences.idA)).toEqual({ name: 'A' });
		expect(seen.get(presences.idB)).toEqual({ name: 'B' });
		// The room's own hints are not sent: each process sets its own.
		expect(seen.has(room.awareness.clientID)).toBe(false);
		room.remove(a);
		expect(published.length).toBe(2);
		presences.destroy();
		await room.close();
	});

	it('migrates an older stored board on load, storing the migration like an edit', async () => {
		const { rooms, store } = setup();
		const v0 = readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/board-v0.yjs'));
		await store.append('old', [new Uint8Array(v0)]);
		const room = rooms.acquire('old');
		const a = new FakeMember();
		room.add(a);
		await turn();
		await room.flush();
		expect(room.writable).toBe(true);
		expect(schemaVersionOf(room.doc)).toBe(SCHEMA_VERSION);
		const stored = await store.load('old');
		expect(stored.log).toHaveLength(2); // the v0 document and the migration
		const reloaded = new Y.Doc();
		for (const update of stored.log) Y.applyUpdate(reloaded, update);
		expect(schemaVersionOf(reloaded)).toBe(SCHEMA_VERSION);
		expect(readElements(reloaded).length).toBeGreaterThan(0);
		await room.close();
	});

	it('serves a board of a newer schema read-only: client updates are neither applied nor stored', async () => {
		const { rooms, store, logs } = setup();
		const newer = new Y.Doc();
		newer.getMap('meta').set('schemaVersion', 99);
		await store.append('new', [Y.encodeStateAsUpdate(newer)]);
		const room = rooms.acquire('new');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		expect(room.writable).toBe(false);
		expect(logs.join()).toMatch(/schema version 99; serving it read-only/);
		room.applyUpdate(a.origin, anUpdate());
		await turn();
		await room.flush();
		expect(room.doc.getMap('elements').size).toBe(0);
		expect((await store.load('new')).log).toHaveLength(1);
		expect(b.updates()).toBe(0);
		await room.close();
	});
	it('a batch the store refuses because the board was sealed meanwhile is neither stored nor forwarded, and the room reloads', async () => {
		const { rooms, store, logs } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		room.applyUpdate(a.origin, anUpdate());
		// The meeting ends between applying the update and storing it.
		store.seal('b');
		await turn();
		await room.closed;
		expect((await store.load('b')).log).toHaveLength(0);
		expect(b.updates()).toBe(0);
		expect(a.closed).toEqual([1012]);
		expect(b.closed).toEqual([1012]);
		expect(rooms.size).toBe(0);
		expect(logs.join()).toMatch(/sealed; 1 update\(s\) refused/);
		// The reloaded room serves the board as sealed: read-only, without the refused update.
		const again = rooms.acquire('b');
		const c = new FakeMember();
		again.add(c);
		await again.flush();
		expect(again.writable).toBe(false);
		expect(again.doc.getMap('elements').size).toBe(0);
		await again.close();
	});

	it('a sealed board is served as stored: no migration, no client update applied', async () => {
		const { rooms, store } = setup();
		const v0 = readFileSync(resolve(import.meta.dirname, '../../tests/fixtures/board-v0.yjs'));
		await store.append('old', [new Uint8Array(v0)]);
		store.seal('old');
		const room = rooms.acquire('old');
		const a = new FakeMember();
		room.add(a);
		await room.flush();
		expect(room.writable).toBe(false);
		expect(schemaVersionOf(room.doc)).not.toBe(SCHEMA_VERSION);
		room.applyUpdate(a.origin, anUpdate());
		await turn();
		await room.flush();
		expect(room.doc.getMap('elements').get('x')).toBeUndefined();
		expect((await store.load('old')).log).toHaveLength(1);
		await room.close();
	});

	it('ending the meeting stops applying updates at once and tells every member', async () => {
		const { rooms, store } = setup();
		const room = rooms.acquire('b');
		const [a, b] = [new FakeMember(), new FakeMember()];
		room.add(a);
		room.add(b);
		await room.flush();
		const before = b.sent.length;
		room.meetingStatus('ended');
		expect(room.writable).toBe(false);
		expect(room.awareness.getLocalState()).toEqual({ meeting: { status: 'ended' } });
		expect(b.sent.slice(before).map((m) => decodeMessage(m).type)).toEqual(['awareness']);
		room.applyUpdate(a.origin, anUpdate());
		await turn();
		await room.flush();
		expect(room.doc.getMap('elements').size).toBe(0);
		expect((await store.load('b')).log).toHaveLength(0);
		await room.close();
	});
});
