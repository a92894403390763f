import { describe, expect, it } from 'vitest';
import type { DisplayList } from '../tools/draw/display';
import { HIGHLIGHT, highlightChanges } from './highlight';

const list: DisplayList = {
	width: 400,
	height: 300,
	shapes: [
		{
			type: 'group',
			y: 50,
			children: [
				{
					type: 'group',
					x: 10,
					y: 20,
					hit: { kind: 'event', id: 'e1' },
					children: [{ type: 'rect', x: 0, y: 0, w: 100, h: 40 }]
				},
				{
					type: 'group',
					x: 200,
					y: 20,
					hit: { kind: 'event', id: 'e2' },
					children: [{ type: 'rect', x: 0, y: 0, w: 50, h: 40 }]
				}
			]
		}
	]
};

describe('highlightChanges', () => {
	it('outlines the records the diff names, by kind, where the layout drew them', () => {
		const { list: marked, marked: count } = highlightChanges(list, [
			{ kind: 'changed', id: 'e2', text: 'x' },
			{ kind: 'removed', id: 'gone', text: 'y' }
		]);
		expect(count).toBe(1);
		const outline = marked.shapes.at(-1)!;
		expect(outline).toMatchObject({
			type: 'rect',
			x: 192,
			y: 62,
			w: 66,
			h: 56,
			stroke: HIGHLIGHT.changed.stroke,
			dash: HIGHLIGHT.changed.dash
		});
		expect(marked.shapes).toHaveLength(list.shapes.length + 1);
	});
});
