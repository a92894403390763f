/**
 * The one contract every BoardStore must meet (STYLE.md habit 4). Each implementation's test file
 * calls `describeBoardStore` with a factory for a fresh, empty store.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mergeStored, SealedBoardError, type BoardStore } from './store';

function docFrom(update: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
}

/** Creates `count` small updates by editing one doc; returns the updates and the final doc. */
function edits(count: number, clientID = 1): { updates: Uint8Array[]; doc: Y.Doc } {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	const text = doc.getText('t');
	for (let i = 0; i < count; i++) {
		if (i % 5 === 4) text.delete(0, 1);
		else text.insert(text.length, String(i % 10));
		doc.getMap('m').set(`k${i % 7}`, i);
	}
	return { updates, doc };
}

/**
 * `create` makes a fresh, empty store; `seal` seals one of its boards the way the implementation
 * does (for SQLite: the board's meeting ends).
 */
export function describeBoardStore<S extends BoardStore>(
	name: string,
	create: () => S | Promise<S>,
	seal: (store: S, boardId: string) => void | Promise<void>
): void {
	describe(`BoardStore contract: ${name}`, () => {
		it('loads an unknown board as empty', async () => {
			const store = await create();
			expect(await store.load('nope')).toEqual({ state: null, log: [] });
			const doc = docFrom(mergeStored(await store.load('nope')));
			expect(doc.getText('t').toString()).toBe('');
		});

		it('returns appended updates in order and keeps boards apart', async () => {
			const store = await create();
			const { updates, doc } = edits(20);
			await store.append('a', updates.slice(0, 7));
			await store.append('a', updates.slice(7));
			const other = edits(3, 2).updates;
			await store.append('b', other);
			const loaded = await store.load('a');
			expect(loaded.state).toBeNull();
			expect(loaded.log.map((u) => Array.from(u))).toEqual(updates.map((u) => Array.from(u)));
			expect(docFrom(mergeStored(loaded)).getText('t').toString()).toBe(
				doc.getText('t').toString()
			);
			expect((await store.load('b')).log).toHaveLength(other.length);
		});

		it('compacts the log into the state without changing the document', async () => {
			const store = await create();
			const { updates, doc } = edits(40);
			await store.append('a', updates.slice(0, 30));
			await store.compact('a');
			const compacted = await store.load('a');
			expect(compacted.state).not.toBeNull();
			expect(compacted.log).toEqual([]);
			await store.append('a', updates.slice(30));
			await store.compact('a');
			await store.compact('a');
			const loaded = docFrom(mergeStored(await store.load('a')));
			expect(loaded.getText('t').toString()).toBe(doc.getText('t').toString());
			expect(loaded.getMap('m').toJSON()).toEqual(doc.getMap('m').toJSON());
			expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(doc));
		});

		it('compacting an empty board is a no-op', async () => {
			const store = await create();
			await store.compact('empty');
			expect(await store.load('empty')).toEqual({ state: null, log: [] });
		});

		it('initializes only an empty board', async () => {
			const store = await create();
			const seed = edits(3).updates;
			const seedState = Y.mergeUpdates(seed);
			expect(await store.initialize('a', seedState)).toBe(true);
			expect(await store.initialize('a', seedState)).toBe(false);
			await store.append('b', seed);
			expect(await store.initialize('b', seedState)).toBe(false);
			expect((await store.load('a')).state).toEqual(seedState);
		});

		it('refuses appends to a sealed board and keeps what was stored before', async () => {
			const store = await create();
			const { updates, doc } = edits(10);
			await store.append('a', updates.slice(0, 6));
			await store.append('b', updates.slice(0, 2));
			expect(await store.isSealed('a')).toBe(false);
			await seal(store, 'a');
			expect(await store.isSealed('a')).toBe(true);
			await expect(store.append('a', updates.slice(6))).rejects.toBeInstanceOf(SealedBoardError);
			const loaded = await store.load('a');
			expect(loaded.log).toHaveLength(6);
			await store.compact('a');
			const compacted = docFrom(mergeStored(await store.load('a')));
			expect(compacted.getText('t').toString()).not.toBe(doc.getText('t').toString());
			// Other boards are not affected.
			await store.append('b', updates.slice(2));
			expect(await store.isSealed('b')).toBe(false);
			expect((await store.load('b')).log).toHaveLength(updates.length);
		});

		it('appends made at once to several boards settle each on its own: the sealed one is refused, the others stored in order', async () => {
			const store = await create();
			const { updates } = edits(12);
			await seal(store, 'sealed');
			const results = await Promise.allSettled([
				store.append('a', updates.slice(0, 4)),
				store.append('sealed', updates.slice(0, 2)),
				store.append('b', updates.slice(0, 3)),
				store.append('a', updates.slice(4, 8)),
				store.append('sealed', updates.slice(2, 3))
			]);
			expect(results.map((r) => r.status)).toEqual([
				'fulfilled',
				'rejected',
				'fulfilled',
				'fulfilled',
				'rejected'
			]);
			for (const r of results)
				if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SealedBoardError);
			expect((await store.load('a')).log).toEqual(updates.slice(0, 8));
			expect((await store.load('b')).log).toEqual(updates.slice(0, 3));
			expect(await store.load('sealed')).toEqual({ state: null, log: [] });
		});

		it('does not keep references to the caller’s buffers', async () => {
			const store = await create();
			const update = edits(1).updates[0]!.slice();
			const copy = update.slice();
			await store.append('a', [update]);
			update.fill(0);
			expect((await store.load('a')).log[0]).toEqual(copy);
		});
	});
}
