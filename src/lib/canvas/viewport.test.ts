import { describe, expect, it } from 'vitest';
import {
	coveredInsets,
	fitBox,
	screenToWorld,
	visibleWorld,
	worldToScreen,
	zoomAt
} from './viewport';

describe('viewport math', () => {
	it('round-trips between screen and world', () => {
		const v = { x: 100, y: -50, scale: 2 };
		const w = screenToWorld(v, { x: 300, y: 150 });
		expect(w).toEqual({ x: 100, y: 100 });
		expect(worldToScreen(v, w)).toEqual({ x: 300, y: 150 });
	});
	it('zooms around the pointer', () => {
		const v = { x: 0, y: 0, scale: 1 };
		const z = zoomAt(v, { x: 200, y: 100 }, 2);
		expect(screenToWorld(z, { x: 200, y: 100 })).toEqual({ x: 200, y: 100 });
		expect(z.scale).toBe(2);
		expect(zoomAt(v, { x: 0, y: 0 }, 1e9).scale).toBe(6);
	});
	it('fits a box in the screen', () => {
		const v = fitBox({ minX: 0, minY: 0, maxX: 1000, maxY: 500 }, 1100, 600, 50);
		expect(v.scale).toBe(1);
		const seen = visibleWorld(v, 1100, 600);
		expect(seen.minX).toBeLessThanOrEqual(0);
		expect(seen.maxY).toBeGreaterThanOrEqual(500);
	});
});

describe('fitting clear of floating controls', () => {
	const canvas = { left: 0, top: 100, right: 1000, bottom: 700 };

	it('counts a tall control on the left and a wide one at the bottom, and ignores others', () => {
		const toolbar = { left: 12, top: 112, right: 92, bottom: 600 };
		const zoom = { left: 700, top: 630, right: 988, bottom: 688 };
		const elsewhere = { left: 400, top: 300, right: 500, bottom: 350 };
		const outside = { left: 0, top: 0, right: 1000, bottom: 90 };
		expect(coveredInsets(canvas, [toolbar, zoom, elsewhere, outside])).toEqual({
			left: 92,
			top: 0,
			right: 0,
			bottom: 70
		});
	});

	it('never gives away more than a quarter of the canvas per side', () => {
		const huge = { left: 0, top: 100, right: 600, bottom: 700 };
		expect(coveredInsets(canvas, [huge]).left).toBe(250);
	});

	it('centres the box in the free part', () => {
		const box = { minX: 0, minY: 0, maxX: 100, maxY: 100 };
		const v = fitBox(box, 1000, 600, 0, 1, { left: 200, top: 0, right: 0, bottom: 0 });
		expect(v.scale).toBe(1);
		// The box's centre (50, 50) lands in the middle of x 200..1000.
		expect(v.x + 50 * v.scale).toBe(600);
		expect(v.y + 50 * v.scale).toBe(300);
	});
});
