/**
 * The display list as Konva nodes, for the live board. Mirrors `svg.ts` shape for shape, so the
 * board and the saved pictures agree. Groups with a `hit` become `.tool-hit` groups carrying the
 * hit in their attrs; the canvas routes clicks on them to the tool.
 *
 * Level of detail: shapes with `minScale`/`maxScale` get those as attrs and `applyDetail` shows
 * or hides them when the zoom comes to rest (no re-layout needed to zoom).
 */
import Konva from 'konva';
import { DEFAULT_LINE_HEIGHT, type Hit, type LineShape, type Paint, type Shape } from './display';
import { arrowHead } from './geometry';
import { TOOL_FONT_STACK } from './text';

const HIT_ATTR = 'toolHit';
const DETAIL = 'detail';
/** Text that keeps its screen size (`TextShape.fixed`). */
const FIXED = 'fixedSize';

function paint(p: Paint, listening: boolean): Konva.ShapeConfig {
	const fill = p.fill && p.fill !== 'none' ? p.fill : undefined;
	return {
		listening,
		fill,
		// Konva fills every shape on its hit canvas unless filling is off: a stroke-only shape
		// (the frame's border, a ring) would otherwise catch every click inside it.
		fillEnabled: fill !== undefined,
		stroke: p.stroke,
		strokeWidth: p.stroke ? (p.strokeWidth ?? 1) : 0,
		strokeEnabled: !!p.stroke,
		dash: p.dash,
		opacity: p.opacity ?? 1,
		perfectDrawEnabled: false,
		shadowForStrokeEnabled: false
	};
}

function line(s: LineShape, listening: boolean): Konva.Group | Konva.Shape {
	const body = new Konva.Line({
		...paint(s, listening),
		fill: s.closed ? s.fill : undefined,
		fillEnabled: !!s.closed && s.fill !== undefined,
		points: s.points,
		closed: s.closed ?? false,
		lineCap: s.cap ?? 'butt',
		lineJoin: s.cap === 'round' ? 'round' : 'miter',
		hitStrokeWidth: Math.max(12, s.strokeWidth ?? 1)
	});
	if (!s.arrow) return body;
	const head = arrowHead(s.points, Math.max(8, (s.strokeWidth ?? 1) * 4));
	const group = new Konva.Group({ listening });
	group.add(body);
	if (head)
		group.add(
			new Konva.Line({
				points: head.flatMap((p) => [p.x, p.y]),
				closed: true,
				fill: s.stroke ?? '#000',
				strokeEnabled: false,
				perfectDrawEnabled: false,
				listening
			})
		);
	return group;
}

/**
 * One shape's node. Only shapes inside a group with a `hit` listen: a click elsewhere in a
 * frame falls through to the frame itself (nothing in particular was clicked).
 */
function node(s: Shape, listening: boolean): Konva.Group | Konva.Shape {
	switch (s.type) {
		case 'rect':
			return new Konva.Rect({
				...paint(s, listening),
				x: s.x,
				y: s.y,
				width: Math.max(0, s.w),
				height: Math.max(0, s.h),
				cornerRadius: s.r ?? 0
			});
		case 'ellipse':
			return new Konva.Ellipse({
				...paint(s, listening),
				x: s.cx,
				y: s.cy,
				radiusX: Math.max(0, s.rx),
				radiusY: Math.max(0, s.ry)
			});
		case 'line':
			return line(s, listening);
		case 'path':
			return new Konva.Path({
				...paint(s, listening),
				data: s.d,
				x: s.x ?? 0,
				y: s.y ?? 0,
				scaleX: s.scale ?? 1,
				scaleY: s.scale ?? 1
			});
		case 'text': {
			const lh = s.lineHeight ?? DEFAULT_LINE_HEIGHT;
			// One node per line in a group at the text's anchor, placed like the SVG renderer's lines:
			// the lines are already broken.
			const group = new Konva.Group({ x: s.x, y: s.y, listening: false });
			if (s.fixed) group.setAttr(FIXED, true);
			s.lines.forEach((text, i) => {
				if (!text) return;
				const line = new Konva.Text({
					text,
					y: s.size * lh * i,
					fontSize: s.size,
					fontFamily: TOOL_FONT_STACK,
					fontStyle: s.bold ? 'bold' : 'normal',
					fill: s.color,
					lineHeight: lh,
					align: 'left',
					wrap: 'none',
					opacity: s.opacity ?? 1,
					listening: false,
					perfectDrawEnabled: false
				});
				// Centred and right-aligned lines are placed by their measured width.
				if (s.align === 'center') line.offsetX(line.width() / 2);
				else if (s.align === 'right') line.offsetX(line.width());
				group.add(line);
			});
			return group;
		}
		case 'group': {
			const group = new Konva.Group({
				x: s.x ?? 0,
				y: s.y ?? 0,
				name: s.hit ? 'tool-hit' : undefined
			});
			if (s.clip) group.clip({ x: s.clip.x, y: s.clip.y, width: s.clip.w, height: s.clip.h });
			if (s.hit) group.setAttr(HIT_ATTR, s.hit);
			const inner = listening || !!s.hit;
			for (const child of s.children) group.add(withDetail(node(child, inner), child));
			return group;
		}
	}
}

function withDetail<N extends Konva.Group | Konva.Shape>(n: N, s: Shape): N {
	if (s.minScale !== undefined || s.maxScale !== undefined)
		(n as Konva.Node).setAttr(DETAIL, [s.minScale ?? 0, s.maxScale ?? Infinity]);
	return n;
}

/** Builds the Konva nodes of `shapes` into `group` (emptied first). */
export function drawKonva(group: Konva.Group, shapes: readonly Shape[], scale: number): void {
	group.destroyChildren();
	for (const s of shapes) group.add(withDetail(node(s, false), s));
	applyDetail(group, scale);
}

/**
 * Shows the shapes meant for view scale `scale`, hides the others, and keeps fixed-size text at
 * its screen size.
 */
export function applyDetail(group: Konva.Container, scale: number): void {
	const visit = (container: Konva.Container) => {
		for (const child of container.getChildren()) {
			const range = child.getAttr(DETAIL) as [number, number] | undefined;
			if (range) child.visible(range[0] <= scale && scale < range[1]);
			if (child.getAttr(FIXED)) {
				const k = Math.min(1, 1 / scale);
				child.scale({ x: k, y: k });
			} else if (child instanceof Konva.Group) visit(child);
		}
	};
	visit(group);
}

/** The tool hit of a Konva shape (from its nearest `.tool-hit` group), if any. */
export function hitOf(shape: Konva.Node | null | undefined): Hit | null {
	let n: Konva.Node | null | undefined = shape;
	while (n) {
		const hit = n.getAttr(HIT_ATTR) as Hit | undefined;
		if (hit) return hit;
		n = n.getParent();
		if (n?.name() === 'element') return null;
	}
	return null;
}

/** The `.tool-hit` group node of a hit id inside `root`, if drawn. */
export function hitNode(root: Konva.Container, kind: string, id: string): Konva.Group | undefined {
	return root.find<Konva.Group>('.tool-hit').find((g) => {
		const hit = g.getAttr(HIT_ATTR) as Hit | undefined;
		return hit?.kind === kind && hit.id === id;
	});
}
