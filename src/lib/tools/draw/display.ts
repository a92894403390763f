/**
 * The display list: what a tool's layout emits and both renderers draw (Konva on the live board,
 * SVG for snapshots, the diff view and the PDF). Plain data in frame coordinates (world units,
 * y down), no functions, so it can be compared in tests and drawn anywhere.
 *
 * Text is laid out by the layout (lines already broken with `text.ts`), so the two renderers put
 * the same words on the same lines. A group may carry a `hit`: clicking any shape in it routes
 * to the tool with that record (Konva only; SVG ignores it).
 */

/** Stroke and fill. Colours are CSS colour strings (`#rrggbb` or `rgba(…)`). */
export interface Paint {
	fill?: string;
	stroke?: string;
	strokeWidth?: number;
	/** Dash pattern in world units. */
	dash?: number[];
	opacity?: number;
}

/** Level of detail: a shape is drawn only while the view's scale is within [minScale, maxScale). */
export interface Detail {
	minScale?: number;
	maxScale?: number;
}

export interface RectShape extends Paint, Detail {
	type: 'rect';
	x: number;
	y: number;
	w: number;
	h: number;
	/** Corner radius. */
	r?: number;
}

export interface EllipseShape extends Paint, Detail {
	type: 'ellipse';
	cx: number;
	cy: number;
	rx: number;
	ry: number;
}

export interface LineShape extends Paint, Detail {
	type: 'line';
	/** [x0, y0, x1, y1, …]. */
	points: number[];
	closed?: boolean;
	/** An arrow head at the end. */
	arrow?: boolean;
	cap?: 'butt' | 'round';
}

/** SVG path data, drawn at (x, y) and scaled by `scale` (icons are drawn in a 24-unit box). */
export interface PathShape extends Paint, Detail {
	type: 'path';
	d: string;
	x?: number;
	y?: number;
	scale?: number;
}

export type TextAlign = 'left' | 'center' | 'right';

/**
 * Lines of text. `x` is the left edge, the centre or the right edge (by `align`); `y` is the top
 * of the first line; each line is `size × lineHeight` high with its text centred vertically.
 */
export interface TextShape extends Detail {
	type: 'text';
	x: number;
	y: number;
	lines: string[];
	size: number;
	color: string;
	align?: TextAlign;
	bold?: boolean;
	lineHeight?: number;
	opacity?: number;
	/**
	 * Zoomed in, the text keeps the screen size it has at 100 % (axis labels: more of them fit as
	 * the view zooms in); zoomed out, it shrinks with the board like other text.
	 */
	fixed?: boolean;
}

/** What a click on a group's shapes means to its tool: a record (or a place) of `kind`. */
export interface Hit {
	kind: string;
	id: string;
	/** The record can be dragged to another place (the tool decides where it lands). */
	draggable?: boolean;
}

export interface GroupShape extends Detail {
	type: 'group';
	x?: number;
	y?: number;
	children: Shape[];
	hit?: Hit;
	/**
	 * An on-board control (an add button, a switch): drawn on the live board, left out of the SVG
	 * – snapshots, the diff view and the PDF are records of the content, and nothing there is
	 * clicked. See `control`.
	 */
	control?: boolean;
	/** Shapes outside this box (group coordinates) are cut off. */
	clip?: { x: number; y: number; w: number; h: number };
}

export type Shape = RectShape | EllipseShape | LineShape | PathShape | TextShape | GroupShape;

/** A tool's picture: shapes in a `width × height` box (the frame's content area). */
export interface DisplayList {
	width: number;
	height: number;
	shapes: Shape[];
}

/** Marks a group as an on-board control (`GroupShape.control`) and returns it. */
export function control(group: GroupShape): GroupShape {
	group.control = true;
	return group;
}

/** Whether a shape is drawn at view scale `scale`. */
export function shownAt(shape: Detail, scale: number): boolean {
	return (shape.minScale ?? 0) <= scale && scale < (shape.maxScale ?? Infinity);
}

export const DEFAULT_LINE_HEIGHT = 1.25;

/** The groups with a hit, with their offsets (depth first, in paint order). */
export function hitGroups(
	shapes: readonly Shape[],
	dx = 0,
	dy = 0
): { group: GroupShape; x: number; y: number }[] {
	const out: { group: GroupShape; x: number; y: number }[] = [];
	for (const s of shapes) {
		if (s.type !== 'group') continue;
		const x = dx + (s.x ?? 0);
		const y = dy + (s.y ?? 0);
		if (s.hit) out.push({ group: s, x, y });
		out.push(...hitGroups(s.children, x, y));
	}
	return out;
}

/** Axis-aligned bounds of shapes (group offsets applied; text by its line boxes). */
export function boundsOfShapes(
	shapes: readonly Shape[],
	measure?: (text: TextShape) => number
): { minX: number; minY: number; maxX: number; maxY: number } | null {
	let minX = Infinity;
	let minY = Infinity;
	let maxX = -Infinity;
	let maxY = -Infinity;
	const add = (x0: number, y0: number, x1: number, y1: number) => {
		minX = Math.min(minX, x0, x1);
		minY = Math.min(minY, y0, y1);
		maxX = Math.max(maxX, x0, x1);
		maxY = Math.max(maxY, y0, y1);
	};
	const walk = (list: readonly Shape[], dx: number, dy: number) => {
		for (const s of list) {
			switch (s.type) {
				case 'rect':
					add(dx + s.x, dy + s.y, dx + s.x + s.w, dy + s.y + s.h);
					break;
				case 'ellipse':
					add(dx + s.cx - s.rx, dy + s.cy - s.ry, dx + s.cx + s.rx, dy + s.cy + s.ry);
					break;
				case 'line':
					for (let i = 0; i + 1 < s.points.length; i += 2)
						add(
							dx + (s.points[i] ?? 0),
							dy + (s.points[i + 1] ?? 0),
							dx + (s.points[i] ?? 0),
							dy + (s.points[i + 1] ?? 0)
						);
					break;
				case 'path': {
					const k = s.scale ?? 1;
					add(dx + (s.x ?? 0), dy + (s.y ?? 0), dx + (s.x ?? 0) + 24 * k, dy + (s.y ?? 0) + 24 * k);
					break;
				}
				case 'text': {
					const w = measure ? measure(s) : 0;
					const h = s.lines.length * s.size * (s.lineHeight ?? DEFAULT_LINE_HEIGHT);
					const x0 = s.align === 'center' ? s.x - w / 2 : s.align === 'right' ? s.x - w : s.x;
					add(dx + x0, dy + s.y, dx + x0 + w, dy + s.y + h);
					break;
				}
				case 'group':
					walk(s.children, dx + (s.x ?? 0), dy + (s.y ?? 0));
					break;
			}
		}
	};
	walk(shapes, 0, 0);
	return minX === Infinity ? null : { minX, minY, maxX, maxY };
}
