import { describe, expect, it } from 'vitest';
import { levelOfDetail } from './detail';

describe('level of detail', () => {
	it('keeps a few elements in full detail far out (a phone fitting the demo board)', () => {
		expect(levelOfDetail(0.07, 11, false)).toEqual({ showText: false, overview: false });
		expect(levelOfDetail(0.25, 11, false)).toEqual({ showText: true, overview: false });
		expect(levelOfDetail(0.03, 11, false).overview).toBe(true);
	});

	it('draws a crowded view as the overview sooner, and while it moves', () => {
		expect(levelOfDetail(0.25, 2_000, false)).toEqual({ showText: false, overview: true });
		expect(levelOfDetail(0.5, 2_000, false)).toEqual({ showText: true, overview: false });
		expect(levelOfDetail(0.5, 2_000, true).overview).toBe(true);
		expect(levelOfDetail(0.5, 100, true).overview).toBe(false);
	});
});
