import { describe, expect, it } from 'vitest';
import { fitBox, screenToWorld, visibleWorld, worldToScreen, zoomAt } from './viewport';

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
