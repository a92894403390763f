/**
 * Viewport math. The stage shows world point (wx, wy) at screen point (wx·scale + x, wy·scale + y).
 * Pure functions, unit-tested without a DOM.
 */
import type { Box } from '$lib/board';

export interface Viewport {
	x: number;
	y: number;
	scale: number;
}

export const MIN_SCALE = 0.05;
export const MAX_SCALE = 6;

export const clampScale = (scale: number): number =>
	Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

export function screenToWorld(v: Viewport, p: { x: number; y: number }): { x: number; y: number } {
	return { x: (p.x - v.x) / v.scale, y: (p.y - v.y) / v.scale };
}

export function worldToScreen(v: Viewport, p: { x: number; y: number }): { x: number; y: number } {
	return { x: p.x * v.scale + v.x, y: p.y * v.scale + v.y };
}

/** Zooms by `factor` keeping the world point under the screen point `at` in place. */
export function zoomAt(v: Viewport, at: { x: number; y: number }, factor: number): Viewport {
	const scale = clampScale(v.scale * factor);
	const world = screenToWorld(v, at);
	return { scale, x: at.x - world.x * scale, y: at.y - world.y * scale };
}

/** The world rectangle visible on a screen of `width` × `height`. */
export function visibleWorld(v: Viewport, width: number, height: number): Box {
	const a = screenToWorld(v, { x: 0, y: 0 });
	const b = screenToWorld(v, { x: width, y: height });
	return { minX: a.x, minY: a.y, maxX: b.x, maxY: b.y };
}

/** The viewport that shows `box` whole and centred, with `padding` screen pixels around it. */
export function fitBox(
	box: Box,
	width: number,
	height: number,
	padding = 48,
	maxScale = 2
): Viewport {
	const bw = Math.max(1, box.maxX - box.minX);
	const bh = Math.max(1, box.maxY - box.minY);
	const scale = clampScale(
		Math.min((width - 2 * padding) / bw, (height - 2 * padding) / bh, maxScale)
	);
	const cx = (box.minX + box.maxX) / 2;
	const cy = (box.minY + box.maxY) / 2;
	return { scale, x: width / 2 - cx * scale, y: height / 2 - cy * scale };
}

/** Grows a box by a fraction of its size on every side. */
export function expandBox(box: Box, fraction: number): Box {
	const dx = (box.maxX - box.minX) * fraction;
	const dy = (box.maxY - box.minY) * fraction;
	return { minX: box.minX - dx, minY: box.minY - dy, maxX: box.maxX + dx, maxY: box.maxY + dy };
}
