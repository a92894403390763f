import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getElement, readElements } from '../doc';
import { arrowEndpoints } from '../geometry';
import { LOCAL_ORIGIN } from '../origin';
import {
	bindArrow,
	createElement,
	deleteElements,
	duplicateElements,
	editText,
	moveElements,
	reorderElements,
	setText,
	transformElements
} from './elements';

const sticky = (id: string, x = 0, y = 0) => ({
	id,
	type: 'sticky' as const,
	x,
	y,
	w: 200,
	h: 200,
	color: 'yellow'
});

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)), 'remote');
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)), 'remote');
}

describe('element ops', () => {
	it('creates elements on top, moves, transforms and deletes them', () => {
		const doc = new Y.Doc();
		createElement(doc, sticky('a'));
		createElement(doc, { ...sticky('b', 300), text: 'Dagsorden' });
		expect(readElements(doc).map((e) => e.id)).toEqual(['a', 'b']);
		moveElements(doc, { ids: ['a', 'missing'], dx: 10, dy: -5 });
		expect(getElement(doc, 'a')).toMatchObject({ x: 10, y: -5 });
		transformElements(doc, { changes: [{ id: 'b', w: 320, h: 0, rotation: 15 }] });
		expect(getElement(doc, 'b')).toMatchObject({ w: 320, h: 1, rotation: 15, text: 'Dagsorden' });
		deleteElements(doc, { ids: ['a'] });
		expect(readElements(doc).map((e) => e.id)).toEqual(['b']);
	});

	it('reorders z as a group', () => {
		const doc = new Y.Doc();
		for (const id of ['a', 'b', 'c', 'd']) createElement(doc, sticky(id));
		const order = () =>
			readElements(doc)
				.map((e) => e.id)
				.join('');
		reorderElements(doc, { ids: ['a'], direction: 'forward' });
		expect(order()).toBe('bacd');
		reorderElements(doc, { ids: ['a', 'b'], direction: 'front' });
		expect(order()).toBe('cdba');
		reorderElements(doc, { ids: ['a'], direction: 'back' });
		expect(order()).toBe('acdb');
		reorderElements(doc, { ids: ['b'], direction: 'backward' });
		expect(order()).toBe('acbd');
		reorderElements(doc, { ids: ['a'], direction: 'backward' });
		expect(order()).toBe('acbd');
	});

	it('merges concurrent text edits instead of overwriting', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		createElement(a, { ...sticky('s'), text: 'Mor og far' });
		sync(a, b);
		setText(a, { id: 's', text: 'Mor Line og far' });
		setText(b, { id: 's', text: 'Mor og far Carsten' });
		sync(a, b);
		expect(getElement(a, 's')?.text).toBe('Mor Line og far Carsten');
		expect(getElement(b, 's')?.text).toBe(getElement(a, 's')?.text);
		editText(a, { id: 's', index: 999, deleteCount: 5, insert: '!' });
		expect(getElement(a, 's')?.text).toBe('Mor Line og far Carsten!');
	});

	it('arrows follow bound elements and keep their place when one is deleted', () => {
		const doc = new Y.Doc();
		createElement(doc, sticky('a', 0, 0));
		createElement(doc, sticky('b', 600, 0));
		createElement(doc, {
			id: 'r',
			type: 'arrow',
			x: 0,
			y: 0,
			points: [0, 0, 10, 10],
			from: 'a',
			to: 'b'
		});
		const lookup = (id: string) => getElement(doc, id);
		const arrow = () => getElement(doc, 'r');
		const before = arrowEndpoints(arrow()!, lookup);
		expect(before[0]).toBeGreaterThan(200);
		expect(before[2]).toBeLessThan(600);
		moveElements(doc, { ids: ['b'], dx: 0, dy: 400 });
		const after = arrowEndpoints(arrow()!, lookup);
		expect(after[3]).toBeGreaterThan(before[3]);
		deleteElements(doc, { ids: ['b'] });
		expect(arrow()?.to).toBeUndefined();
		const [, , x1, y1] = arrowEndpoints(arrow()!, lookup);
		expect([x1, y1]).toEqual([700, 500]);
		bindArrow(doc, { id: 'r', end: 'from', target: null, point: { x: -50, y: -50 } });
		expect(arrowEndpoints(arrow()!, lookup).slice(0, 2)).toEqual([-50, -50]);
	});

	it('duplicates with new ids and rebinds arrows between copies', () => {
		const doc = new Y.Doc();
		createElement(doc, { ...sticky('a'), text: 'A' });
		createElement(doc, sticky('b', 400));
		createElement(doc, {
			id: 'r',
			type: 'arrow',
			x: 0,
			y: 0,
			points: [0, 0, 1, 1],
			from: 'a',
			to: 'b'
		});
		duplicateElements(doc, { newIds: { a: 'a2', r: 'r2' }, dx: 20, dy: 20 });
		expect(getElement(doc, 'a2')).toMatchObject({ x: 20, y: 20, text: 'A' });
		expect(getElement(doc, 'r2')).toMatchObject({ from: 'a2', to: 'b' });
		setText(doc, { id: 'a2', text: 'A copy' });
		expect(getElement(doc, 'a')?.text).toBe('A');
		expect(
			readElements(doc)
				.slice(-2)
				.map((e) => e.id)
		).toEqual(['a2', 'r2']);
	});

	it('undo tracks only the local origin: never someone else’s edit', () => {
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		const undo = new Y.UndoManager([mine.getMap('elements')], {
			trackedOrigins: new Set([LOCAL_ORIGIN]),
			captureTimeout: 0
		});
		createElement(theirs, { ...sticky('t'), text: 'Theirs' });
		sync(theirs, mine);
		createElement(mine, { ...sticky('m'), text: 'Mine' });
		setText(theirs, { id: 't', text: 'Theirs, edited' });
		sync(theirs, mine);
		undo.undo();
		expect(getElement(mine, 'm')).toBeNull();
		expect(getElement(mine, 't')?.text).toBe('Theirs, edited');
		undo.redo();
		expect(getElement(mine, 'm')?.text).toBe('Mine');
	});
});
