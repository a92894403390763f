/** Pure geometry of elements in world units: bounds, centres and bound arrow endpoints. */
import type { ElementRecord } from './records/element';

export interface Box {
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

export interface Point {
	x: number;
	y: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** Rotates local point (px, py) of an element around its origin (x, y) into world space. */
function toWorld(el: Pick<ElementRecord, 'x' | 'y' | 'rotation'>, px: number, py: number): Point {
	if (!el.rotation) return { x: el.x + px, y: el.y + py };
	const c = Math.cos(rad(el.rotation));
	const s = Math.sin(rad(el.rotation));
	return { x: el.x + px * c - py * s, y: el.y + px * s + py * c };
}

/** The centre of an element's box in world space. */
export function centerOf(el: ElementRecord): Point {
	if (el.type === 'path' || el.type === 'arrow') {
		const b = pointsBox(el);
		return { x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 };
	}
	return toWorld(el, el.w / 2, el.h / 2);
}

function pointsBox(el: ElementRecord): Box {
	const pts = el.points ?? [];
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	for (let i = 0; i + 1 < pts.length; i += 2) {
		const p = toWorld(el, pts[i] ?? 0, pts[i + 1] ?? 0);
		minX = Math.min(minX, p.x);
		minY = Math.min(minY, p.y);
		maxX = Math.max(maxX, p.x);
		maxY = Math.max(maxY, p.y);
	}
	if (minX === Infinity) return { minX: el.x, minY: el.y, maxX: el.x, maxY: el.y };
	return { minX, minY, maxX, maxY };
}

/** Axis-aligned bounds in world space (rotation included). Arrows use their current endpoints. */
export function boundsOf(
	el: ElementRecord,
	lookup?: (id: string) => ElementRecord | null | undefined
): Box {
	if (el.type === 'arrow') {
		const [x0, y0, x1, y1] = arrowEndpoints(el, lookup);
		return {
			minX: Math.min(x0, x1),
			minY: Math.min(y0, y1),
			maxX: Math.max(x0, x1),
			maxY: Math.max(y0, y1)
		};
	}
	if (el.type === 'path') return pointsBox(el);
	const corners = [
		toWorld(el, 0, 0),
		toWorld(el, el.w, 0),
		toWorld(el, el.w, el.h),
		toWorld(el, 0, el.h)
	];
	return {
		minX: Math.min(...corners.map((p) => p.x)),
		minY: Math.min(...corners.map((p) => p.y)),
		maxX: Math.max(...corners.map((p) => p.x)),
		maxY: Math.max(...corners.map((p) => p.y))
	};
}

/** Where the ray from the centre of `box` towards `toward` leaves the box. */
function exitPoint(box: Box, toward: Point, gap = 6): Point {
	const cx = (box.minX + box.maxX) / 2;
	const cy = (box.minY + box.maxY) / 2;
	const dx = toward.x - cx;
	const dy = toward.y - cy;
	if (dx === 0 && dy === 0) return { x: cx, y: cy };
	const hw = (box.maxX - box.minX) / 2 + gap;
	const hh = (box.maxY - box.minY) / 2 + gap;
	const t = Math.min(
		dx !== 0 ? hw / Math.abs(dx) : Infinity,
		dy !== 0 ? hh / Math.abs(dy) : Infinity
	);
	if (t >= 1) return { x: cx, y: cy };
	return { x: cx + dx * t, y: cy + dy * t };
}

/**
 * An arrow's endpoints [x0, y0, x1, y1] in world space. A bound end sits on the edge of its
 * element's bounds, facing the other end; an unbound end comes from `points`.
 */
export function arrowEndpoints(
	el: ElementRecord,
	lookup?: (id: string) => ElementRecord | null | undefined
): [number, number, number, number] {
	const pts = el.points ?? [0, 0, 0, 0];
	const freeStart = { x: el.x + (pts[0] ?? 0), y: el.y + (pts[1] ?? 0) };
	const freeEnd = { x: el.x + (pts[pts.length - 2] ?? 0), y: el.y + (pts[pts.length - 1] ?? 0) };
	const fromEl = el.from && lookup ? lookup(el.from) : null;
	const toEl = el.to && lookup ? lookup(el.to) : null;
	const fromBox = fromEl && fromEl.type !== 'arrow' ? boundsOf(fromEl) : null;
	const toBox = toEl && toEl.type !== 'arrow' ? boundsOf(toEl) : null;
	const mid = (b: Box): Point => ({ x: (b.minX + b.maxX) / 2, y: (b.minY + b.maxY) / 2 });
	const startAim = toBox ? mid(toBox) : freeEnd;
	const endAim = fromBox ? mid(fromBox) : freeStart;
	const start = fromBox ? exitPoint(fromBox, startAim) : freeStart;
	const end = toBox ? exitPoint(toBox, endAim) : freeEnd;
	return [start.x, start.y, end.x, end.y];
}

export function unionBox(boxes: Box[]): Box | null {
	if (boxes.length === 0) return null;
	return boxes.reduce((a, b) => ({
		minX: Math.min(a.minX, b.minX),
		minY: Math.min(a.minY, b.minY),
		maxX: Math.max(a.maxX, b.maxX),
		maxY: Math.max(a.maxY, b.maxY)
	}));
}

export function intersects(a: Box, b: Box): boolean {
	return a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;
}
