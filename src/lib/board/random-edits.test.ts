import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from './random-edits';

function run(seed: number, count: number): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 7;
	createRandomEditor(doc, seed).edits(count);
	return doc;
}

describe('createRandomEditor', () => {
	it('is deterministic for a seed', () => {
		const a = run(42, 300);
		const b = run(42, 300);
		expect(Y.encodeStateAsUpdate(a)).toEqual(Y.encodeStateAsUpdate(b));
		expect(Y.encodeStateAsUpdate(run(43, 300))).not.toEqual(Y.encodeStateAsUpdate(a));
	});

	it('writes records of the v1 schema', () => {
		const doc = run(1, 500);
		const elements = doc.getMap<Y.Map<unknown>>('elements');
		expect(elements.size).toBeGreaterThan(0);
		for (const el of elements.values()) {
			expect(['sticky', 'text', 'rect', 'ellipse', 'arrow']).toContain(el.get('type'));
			expect(typeof el.get('z')).toBe('string');
			if (el.get('type') === 'sticky') expect(el.get('text')).toBeInstanceOf(Y.Text);
		}
		expect(doc.getMap('people').size).toBeGreaterThan(0);
		expect(doc.getMap('goals').size).toBeGreaterThan(0);
	});

	it('converges when clients edit concurrently and exchange updates', () => {
		const docs = [1, 2, 3].map((seed) => {
			const doc = new Y.Doc();
			createRandomEditor(doc, seed).edits(100);
			return doc;
		});
		for (const a of docs)
			for (const b of docs) if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		const [first, ...rest] = docs.map(canonicalBoard);
		expect(first).toContain('fuzz-3');
		for (const r of rest) expect(r === first).toBe(true);
	});

	it('uses the given origin for every transaction', () => {
		const doc = new Y.Doc();
		const origin = { source: 'local' };
		const seen = new Set<unknown>();
		doc.on('afterTransaction', (tr: Y.Transaction) => seen.add(tr.origin));
		createRandomEditor(doc, 5, { origin }).edits(20);
		expect([...seen]).toEqual([origin]);
	});
});
