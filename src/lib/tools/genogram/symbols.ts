/**
 * The genogram's pen: lines and text in layout units, the members' symbols in the standard
 * notation, and the emotional lines' shapes (curved, zigzag, doubled, with arrows).
 */
import type { LineShape, Shape, TextShape } from '../draw/display';
import { textWidth, wrapText } from '../draw/text';
import type { LayoutContext } from '../types';
import { CELL } from './arrange';
import { ageOf, type BondKind, type GenoMember } from './model';
import {
	BOND_STYLE,
	FOSTER,
	INK,
	MUTED,
	NAME_SIZE,
	PLACED_FILL,
	S,
	SELECTED,
	YEAR_SIZE
} from './metrics';
import type { LegendKey } from './legend';

export interface Pen {
	k: number;
	X: (x: number) => number;
	Y: (y: number) => number;
}

export function line(
	pen: Pen,
	pts: number[],
	style: Partial<LineShape> & { width?: number } = {}
): LineShape {
	const { width, ...rest } = style;
	return {
		type: 'line',
		points: pts.map((v, i) => (i % 2 === 0 ? pen.X(v) : pen.Y(v))),
		stroke: INK,
		strokeWidth: (width ?? 3) * pen.k,
		...rest,
		dash: rest.dash?.map((d) => d * pen.k)
	};
}

export function text(
	pen: Pen,
	x: number,
	y: number,
	lines: string[],
	size: number,
	style: Partial<TextShape> = {}
): TextShape {
	return {
		type: 'text',
		x: pen.X(x),
		y: pen.Y(y),
		lines,
		size: size * pen.k,
		color: INK,
		...style
	};
}

/** The symbol of a member at its place, as shapes in layout units relative to (cx, top). */
export function symbol(
	member: GenoMember,
	selected: boolean,
	year: number,
	t: LayoutContext['t']
): {
	shapes: Shape[];
	used: LegendKey[];
} {
	const used: LegendKey[] = [];
	const shapes: Shape[] = [];
	const c = S / 2;
	const outline = (inset: number, stroke: string, width: number, fill?: string): Shape => {
		const half = c + inset;
		if (member.kind === 'pregnancy')
			return {
				type: 'line',
				points: [
					c,
					c - half * 0.9,
					c + half * 0.9,
					c + half * 0.75,
					c - half * 0.9,
					c + half * 0.75
				],
				closed: true,
				stroke,
				strokeWidth: width,
				fill
			};
		const size = member.kind === 'stillbirth' ? 0.6 : member.kind === 'miscarriage' ? 0.4 : 1;
		const r = half * size;
		if (member.kind === 'miscarriage' || member.sex === 'female')
			return { type: 'ellipse', cx: c, cy: c, rx: r, ry: r, stroke, strokeWidth: width, fill };
		if (member.sex === 'male')
			return {
				type: 'rect',
				x: c - r,
				y: c - r,
				w: r * 2,
				h: r * 2,
				stroke,
				strokeWidth: width,
				fill
			};
		const d = r * 1.15;
		return {
			type: 'line',
			points: [c, c - d, c + d, c, c, c + d, c - d, c],
			closed: true,
			stroke,
			strokeWidth: width,
			fill
		};
	};
	if (selected) shapes.push(outline(13, SELECTED, 5, '#e8eef6'));
	if (member.indexChild) {
		shapes.push(outline(8, INK, 3, '#ffffff'));
		used.push('index');
	}
	const fill = member.kind === 'miscarriage' ? INK : member.placed ? PLACED_FILL : '#ffffff';
	shapes.push(outline(0, INK, 3, fill));
	if (member.kind === 'person')
		used.push(member.sex === 'male' ? 'male' : member.sex === 'female' ? 'female' : 'unknown');
	else used.push(member.kind);
	if (member.deceased && member.kind !== 'miscarriage') {
		const r = member.kind === 'stillbirth' ? c * 0.5 : member.sex === 'female' ? c * 0.72 : c * 0.9;
		shapes.push(
			{ type: 'line', points: [c - r, c - r, c + r, c + r], stroke: INK, strokeWidth: 3 },
			{ type: 'line', points: [c + r, c - r, c - r, c + r], stroke: INK, strokeWidth: 3 }
		);
		if (member.kind === 'person') used.push('deceased');
	}
	const age = ageOf(member, year);
	if (age !== null) {
		const label = String(age);
		const w = textWidth(label, 24, true);
		if (member.deceased)
			shapes.push({
				type: 'rect',
				x: c - w / 2 - 4,
				y: c - 15,
				w: w + 8,
				h: 30,
				r: 6,
				fill: '#ffffff'
			});
		shapes.push({
			type: 'text',
			x: c,
			y: c - 15,
			lines: [label],
			size: 24,
			bold: true,
			color: INK,
			align: 'center'
		});
	}
	if (member.kind === 'person' || member.kind === 'stillbirth') {
		if (member.birthYear != null)
			shapes.push({
				type: 'text',
				x: c - 6,
				y: -26,
				lines: [String(member.birthYear)],
				size: YEAR_SIZE,
				color: MUTED,
				align: 'right'
			});
		if (member.deathYear != null)
			shapes.push({
				type: 'text',
				x: c + 6,
				y: -26,
				lines: [`† ${member.deathYear}`],
				size: YEAR_SIZE,
				color: MUTED
			});
	} else if (member.birthYear != null)
		shapes.push({
			type: 'text',
			x: c - 6,
			y: -26,
			lines: [String(member.birthYear)],
			size: YEAR_SIZE,
			color: MUTED,
			align: 'right'
		});
	const name = member.name || t(`genogram.kind.${member.kind}`);
	const lines = wrapText(name, CELL - 10, NAME_SIZE, { bold: true, maxLines: 2 });
	shapes.push({
		type: 'text',
		x: c,
		y: S + 8,
		lines,
		size: NAME_SIZE,
		bold: true,
		color: INK,
		align: 'center'
	});
	if (member.placed) {
		const label = t('genogram.placed');
		const w = textWidth(label, 15, true) + 22;
		const y = S + 12 + lines.length * NAME_SIZE * 1.25;
		shapes.push(
			{
				type: 'rect',
				x: c - w / 2,
				y,
				w,
				h: 26,
				r: 13,
				fill: PLACED_FILL,
				stroke: FOSTER,
				strokeWidth: 2
			},
			{
				type: 'text',
				x: c,
				y: y + 3,
				lines: [label],
				size: 15,
				bold: true,
				color: '#6b3400',
				align: 'center'
			}
		);
		used.push('placed');
	}
	return { shapes, used };
}

/** Scales shapes given in layout units around a local origin into content units. */
export function scaleShapes(shapes: Shape[], k: number): Shape[] {
	return shapes.map((s): Shape => {
		switch (s.type) {
			case 'rect':
				return {
					...s,
					x: s.x * k,
					y: s.y * k,
					w: s.w * k,
					h: s.h * k,
					r: (s.r ?? 0) * k,
					strokeWidth: (s.strokeWidth ?? 0) * k
				};
			case 'ellipse':
				return {
					...s,
					cx: s.cx * k,
					cy: s.cy * k,
					rx: s.rx * k,
					ry: s.ry * k,
					strokeWidth: (s.strokeWidth ?? 0) * k
				};
			case 'line':
				return {
					...s,
					points: s.points.map((p) => p * k),
					strokeWidth: (s.strokeWidth ?? 0) * k,
					dash: s.dash?.map((d) => d * k)
				};
			case 'text':
				return { ...s, x: s.x * k, y: s.y * k, size: s.size * k };
			case 'path':
				return { ...s, x: (s.x ?? 0) * k, y: (s.y ?? 0) * k, scale: (s.scale ?? 1) * k };
			case 'group':
				return { ...s, x: (s.x ?? 0) * k, y: (s.y ?? 0) * k, children: scaleShapes(s.children, k) };
		}
	});
}

/** Points along a quadratic curve from p0 via control c to p2. */
export function curve(
	p0: [number, number],
	c: [number, number],
	p2: [number, number],
	n: number
): [number, number][] {
	const out: [number, number][] = [];
	for (let i = 0; i <= n; i++) {
		const t = i / n;
		const a = (1 - t) * (1 - t);
		const b = 2 * (1 - t) * t;
		const d = t * t;
		out.push([a * p0[0] + b * c[0] + d * p2[0], a * p0[1] + b * c[1] + d * p2[1]]);
	}
	return out;
}

export function offsetPolyline(pts: [number, number][], off: number): number[] {
	const out: number[] = [];
	for (let i = 0; i < pts.length; i++) {
		const a = pts[Math.max(0, i - 1)]!;
		const b = pts[Math.min(pts.length - 1, i + 1)]!;
		const dx = b[0] - a[0];
		const dy = b[1] - a[1];
		const len = Math.hypot(dx, dy) || 1;
		out.push(pts[i]![0] - (dy / len) * off, pts[i]![1] + (dx / len) * off);
	}
	return out;
}

export function zigzag(pts: [number, number][], amp: number, wave: number): number[] {
	// Resample by arc length, then alternate sides.
	const out: number[] = [];
	let acc = 0;
	let side = 1;
	let nextAt = wave / 2;
	out.push(pts[0]![0], pts[0]![1]);
	for (let i = 1; i < pts.length; i++) {
		const a = pts[i - 1]!;
		const b = pts[i]!;
		const seg = Math.hypot(b[0] - a[0], b[1] - a[1]);
		while (acc + seg >= nextAt) {
			const t = (nextAt - acc) / (seg || 1);
			const x = a[0] + (b[0] - a[0]) * t;
			const y = a[1] + (b[1] - a[1]) * t;
			const nx = -(b[1] - a[1]) / (seg || 1);
			const ny = (b[0] - a[0]) / (seg || 1);
			out.push(x + nx * amp * side, y + ny * amp * side);
			side = -side;
			nextAt += wave / 2;
		}
		acc += seg;
	}
	const last = pts[pts.length - 1]!;
	out.push(last[0], last[1]);
	return out;
}

/** Shapes of one bond (layout units → content via pen), with its kind's pattern. */
export function bondShapes(pen: Pen, kind: BondKind, pts: [number, number][]): Shape[] {
	const color = BOND_STYLE[kind].color;
	const mk = (points: number[], extra: Partial<LineShape> = {}): LineShape => ({
		...line(pen, points, { width: 2.6, stroke: color, cap: 'round' }),
		...extra,
		dash: extra.dash?.map((d) => d * pen.k)
	});
	const flat = pts.flat();
	switch (kind) {
		case 'close':
			return [mk(offsetPolyline(pts, -4)), mk(offsetPolyline(pts, 4))];
		case 'very-close':
			return [mk(offsetPolyline(pts, -7)), mk(flat), mk(offsetPolyline(pts, 7))];
		case 'distant':
			return [mk(flat, { dash: [4, 10] })];
		case 'conflict':
			return [mk(zigzag(pts, 7, 16))];
		case 'hostile':
			return [mk(zigzag(pts, 8, 16)), mk(offsetPolyline(pts, -12)), mk(offsetPolyline(pts, 12))];
		case 'cut-off': {
			const n = pts.length - 1;
			const i0 = Math.floor(n * 0.42);
			const i1 = Math.ceil(n * 0.58);
			const bar = (i: number) => {
				const a = pts[Math.max(0, i - 1)]!;
				const b = pts[Math.min(n, i + 1)]!;
				const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
				const nx = (-(b[1] - a[1]) / len) * 12;
				const ny = ((b[0] - a[0]) / len) * 12;
				const p = pts[i]!;
				return mk([p[0] - nx, p[1] - ny, p[0] + nx, p[1] + ny]);
			};
			return [mk(pts.slice(0, i0 + 1).flat()), bar(i0), bar(i1), mk(pts.slice(i1).flat())];
		}
		case 'abuse': {
			const body = zigzag(pts.slice(0, -2), 7, 16);
			const tail = pts.slice(-3).flat();
			return [mk(body), mk([body.at(-2)!, body.at(-1)!, ...tail.slice(2)], { arrow: true })];
		}
		case 'focused':
			return [mk(flat, { arrow: true })];
	}
}
