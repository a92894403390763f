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

/** Screen pixels along each edge of the canvas that floating controls cover. */
export interface Insets {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

export const NO_INSETS: Insets = { left: 0, top: 0, right: 0, bottom: 0 };

interface ScreenRect {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

/**
 * The canvas edges covered by floating controls: a tall control against the left or right edge
 * covers that side, a wide one against the top or bottom covers that edge. Controls elsewhere
 * (or not over the canvas) are ignored.
 */
export function coveredInsets(canvas: ScreenRect, controls: ScreenRect[], near = 48): Insets {
	const out = { ...NO_INSETS };
	const cw = canvas.right - canvas.left;
	const ch = canvas.bottom - canvas.top;
	for (const r of controls) {
		const w = r.right - r.left;
		const h = r.bottom - r.top;
		const overlaps =
			w > 0 &&
			h > 0 &&
			r.left < canvas.right &&
			r.right > canvas.left &&
			r.top < canvas.bottom &&
			r.bottom > canvas.top;
		if (!overlaps) continue;
		if (h >= w) {
			if (r.left - canvas.left <= near) out.left = Math.max(out.left, r.right - canvas.left);
			else if (canvas.right - r.right <= near)
				out.right = Math.max(out.right, canvas.right - r.left);
		} else {
			if (r.top - canvas.top <= near) out.top = Math.max(out.top, r.bottom - canvas.top);
			else if (canvas.bottom - r.bottom <= near)
				out.bottom = Math.max(out.bottom, canvas.bottom - r.top);
		}
	}
	// Never leave less than half of the canvas.
	out.left = Math.min(out.left, cw / 4);
	out.right = Math.min(out.right, cw / 4);
	out.top = Math.min(out.top, ch / 4);
	out.bottom = Math.min(out.bottom, ch / 4);
	return out;
}

/**
 * The viewport that shows `box` whole and centred in the part of the canvas that `insets` leave
 * free, with `padding` screen pixels around it.
 */
export function fitBox(
	box: Box,
	width: number,
	height: number,
	padding = 48,
	maxScale = 2,
	insets: Insets = NO_INSETS
): Viewport {
	const freeW = width - insets.left - insets.right;
	const freeH = height - insets.top - insets.bottom;
	const bw = Math.max(1, box.maxX - box.minX);
	const bh = Math.max(1, box.maxY - box.minY);
	const scale = clampScale(
		Math.min((freeW - 2 * padding) / bw, (freeH - 2 * padding) / bh, maxScale)
	);
	const cx = (box.minX + box.maxX) / 2;
	const cy = (box.minY + box.maxY) / 2;
	return {
		scale,
		x: insets.left + freeW / 2 - cx * scale,
		y: insets.top + freeH / 2 - cy * scale
	};
}

/** Grows a box by a fraction of its size on every side. */
export function expandBox(box: Box, fraction: number): Box {
	const dx = (box.maxX - box.minX) * fraction;
	const dy = (box.maxY - box.minY) * fraction;
	return { minX: box.minX - dx, minY: box.minY - dy, maxX: box.maxX + dx, maxY: box.maxY + dy };
}
