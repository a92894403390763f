import { describe, expect, it } from 'vitest';
import { SpatialIndex, ViewSearch } from './spatial';

const box = (x: number, y: number, w = 10, h = 10) => ({
	minX: x,
	minY: y,
	maxX: x + w,
	maxY: y + h
});

describe('the search of the view', () => {
	it('finds what is in and around the view in paint order, and reuses it while the view pans inside', () => {
		const index = new SpatialIndex();
		index.upsert('a', box(0, 0));
		index.upsert('b', box(50, 50));
		index.upsert('far', box(5_000, 5_000));
		const order = new Map([
			['b', 0],
			['a', 1],
			['far', 2]
		]);
		const search = new ViewSearch(index);
		const first = search.search(box(0, 0, 100, 100), 1, 1, order);
		expect(first.ids).toEqual(['b', 'a']);
		// Added, but the version is the same and the view stays inside the area: the last result.
		index.upsert('c', box(20, 20));
		expect(search.search(box(5, 5, 100, 100), 1, 1, order).ids).toEqual(['b', 'a']);
		// A new version (something changed), or a zoom, searches again.
		order.set('c', 3);
		expect(search.search(box(5, 5, 100, 100), 1, 2, order).ids).toEqual(['b', 'a', 'c']);
		expect(search.search(box(0, 0, 200, 200), 0.5, 2, order).ids).toEqual(['b', 'a', 'c']);
		expect(search.search(box(4_990, 4_990, 100, 100), 0.5, 2, order).ids).toEqual(['far']);
	});
});
