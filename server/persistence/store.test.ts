import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { foldUpdates, mergeStored } from './store';

/** The updates of `count` edits by three writers, on a shared map; every third edit deletes. */
function edits(count: number): Uint8Array[] {
	const writers = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
	const updates: Uint8Array[] = [];
	for (let i = 0; i < count; i++) {
		const doc = writers[i % 3]!;
		for (const update of updates) Y.applyUpdate(doc, update);
		doc.once('update', (update: Uint8Array) => updates.push(update));
		const map = doc.getMap<string>('elements');
		if (i % 3 === 2) map.delete(`e${i - 1}`);
		else map.set(`e${i}`, `text ${i}`);
	}
	return updates;
}

const contentOf = (update: Uint8Array) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc.getMap('elements').toJSON();
};

describe('foldUpdates', () => {
	it('holds what Y.mergeUpdates holds, deleted content included', () => {
		const updates = edits(60);
		const folded = foldUpdates(updates);
		expect(contentOf(folded)).toEqual(contentOf(Y.mergeUpdates(updates)));
		// Nothing garbage-collected: a document keeping history sees the same structs either way.
		const keep = (update: Uint8Array) => {
			const doc = new Y.Doc({ gc: false });
			Y.applyUpdate(doc, update);
			return Y.encodeStateVector(doc);
		};
		expect(keep(folded)).toEqual(keep(Y.mergeUpdates(updates)));
		expect(folded.byteLength).toBe(Y.mergeUpdates(updates).byteLength);
	});

	it('keeps an update whose dependencies are missing, to be completed later', () => {
		const updates = edits(9);
		// Without the first writer's first edit, that writer's later edits cannot be integrated.
		const folded = foldUpdates(updates.slice(1));
		expect(contentOf(foldUpdates([folded, updates[0]!]))).toEqual(contentOf(foldUpdates(updates)));
	});

	it('returns a single update as it is, and an empty document for none', () => {
		const [only] = edits(1);
		expect(foldUpdates([only!])).toBe(only);
		expect(mergeStored({ state: null, log: [] })).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
	});

	it('throws on a malformed update', () => {
		expect(() => foldUpdates([...edits(2), new Uint8Array([255, 255, 255])])).toThrow();
	});
});
