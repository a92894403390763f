import type Konva from 'konva';
import { describe, expect, it } from 'vitest';
import { gridSpacing } from './grid';
import { MAX_STRETCH, MovingPicture, pictureMove, pictureServes } from './picture';

const W = 1920;
const H = 1080;

describe('the board as a picture while the view moves', () => {
	it('maps what was drawn at one view to where the next view shows it', () => {
		const drawn = { x: 100, y: 50, scale: 0.5 };
		const now = { x: -300, y: 20, scale: 1 };
		const m = pictureMove(drawn, now);
		// A world point drawn at screen `drawn.x + 0.5 * wx` must land on `now.x + 1 * wx`.
		for (const wx of [0, 400, 1234])
			expect(m.k * (drawn.x + 0.5 * wx) + m.x).toBeCloseTo(now.x + wx);
		expect(m.k).toBe(2);
	});

	it('serves a pan until a strip along an edge lies bare, and a zoom until it blurs', () => {
		const at = { x: 0, y: 0, scale: 1 };
		expect(pictureServes(pictureMove(at, { x: 150, y: -90, scale: 1 }), W, H)).toBe(true);
		expect(pictureServes(pictureMove(at, { x: 0, y: 200, scale: 1 }), W, H)).toBe(false);
		expect(pictureServes(pictureMove(at, { x: -400, y: 0, scale: 1 }), W, H)).toBe(false);
		// Zooming in about the centre: fine up to MAX_STRETCH, not past it.
		const zoomIn = (k: number) => ({ x: (W / 2) * (1 - k), y: (H / 2) * (1 - k), scale: k });
		expect(pictureServes(pictureMove(at, zoomIn(1.5)), W, H)).toBe(true);
		expect(pictureServes(pictureMove(at, zoomIn(MAX_STRETCH + 0.1)), W, H)).toBe(false);
		// Zooming out bares all four edges at once.
		expect(pictureServes(pictureMove(at, zoomIn(0.8)), W, H)).toBe(true);
		expect(pictureServes(pictureMove(at, zoomIn(0.7)), W, H)).toBe(false);
	});

	it('moves the stage content only while the picture serves, and ends the move once drawn at the view', () => {
		const view = { x: 0, y: 0, scale: 1 };
		const content = { style: {} as CSSStyleDeclaration };
		const stage = {
			content,
			x: () => view.x,
			y: () => view.y,
			scaleX: () => view.scale,
			position: (p: { x: number; y: number }) => Object.assign(view, p),
			scale: (s: { x: number }) => (view.scale = s.x)
		} as unknown as Konva.Stage;
		const picture = new MovingPicture(stage);
		expect(content.style.transformOrigin).toBe('0 0');
		const next = { x: 10, y: -20, scale: 1.25 };
		expect(picture.follow(next, W, H)).toBe(true);
		expect(content.style.transform).toBe('matrix(1.25, 0, 0, 1.25, 10, -20)');
		expect(picture.moved).toBe(true);
		expect(picture.drawn()).toEqual({ x: 0, y: 0, scale: 1 });
		expect(picture.follow({ x: 0, y: 0, scale: 3 }, W, H)).toBe(false);
		expect(content.style.transform).toBe('matrix(1.25, 0, 0, 1.25, 10, -20)');
		// A draw at the old view (a remote edit meanwhile) keeps the move; one at the view ends it.
		picture.drawnAt(next);
		expect(picture.moved).toBe(true);
		picture.place(next);
		picture.drawnAt(next);
		expect(content.style.transform).toBe('');
		expect(picture.moved).toBe(false);
	});
});

describe('the dot grid', () => {
	it('is 40 px apart at 100 % and never closer than 16 px on screen', () => {
		expect(gridSpacing(1)).toBe(40);
		expect(gridSpacing(2)).toBe(40);
		for (const scale of [0.4, 0.3, 0.05, 0.01, 0.002]) {
			expect(gridSpacing(scale) * scale).toBeGreaterThanOrEqual(16);
			expect(gridSpacing(scale) * scale).toBeLessThan(16 * 5);
		}
	});
});
