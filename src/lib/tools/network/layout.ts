/**
 * The network map's layout (pure): model + content size → display list. Concentric rings of
 * closeness around the children in the centre, sectors as equal wedges in their order (clockwise
 * from the top), a legend beside the map. A cell is one ring of one sector (an annular sector);
 * its people are packed along arcs, shrinking their tokens until all fit, so no two tokens
 * overlap however many there are (text is hidden by level of detail when tokens get small).
 */
import type { DisplayList, GroupShape, Shape } from '../draw/display';
import { annularSector, polar, type Pt } from '../draw/geometry';
import { ellipsize, linesHeight, textWidth, wrapText } from '../draw/text';
import type { LayoutContext, Point, Size } from '../types';
import {
	cellId,
	cellOf,
	RESOURCE_STYLE,
	type Cell,
	type LinkKind,
	type NetworkModel,
	type NetworkPerson
} from './model';
import {
	TOKEN_R,
	INITIALS_SIZE,
	NAME_SIZE,
	ROLE_SIZE,
	LINE,
	MIN_TEXT_PX,
	INK,
	MUTED,
	SELECTED,
	BOUNDARY,
	LEGEND_TEXT,
	LABEL_MAX_W,
	LABEL_MIN_W,
	LABEL_SIZE
} from './metrics';
import { nameLines, roleLines, cellBox, packCell, SIDE_GAP } from './packing';
export {
	type Packing,
	type TokenBox,
	FULL_BOX,
	nameLines,
	roleLines,
	cellBox,
	rectInside,
	packCell
} from './packing';

/** Light tints of the sectors, inner ring full, outer rings paler (cycled for more sectors). */
const SECTOR_TINTS = [
	'#f7dcc0',
	'#d2ead7',
	'#d3e1f3',
	'#e8dcf3',
	'#d2eced',
	'#f4d8e2',
	'#e9e5c8',
	'#dfe1e4'
];

export interface Rect {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface NetworkGeometry {
	cx: number;
	cy: number;
	/** Radius of the outer circle. */
	R: number;
	/** `radii[0]` is the centre's radius, `radii[i + 1]` the outer radius of ring `i`. */
	radii: number[];
	/** Each sector's wedge, clockwise from `a0` to `a1` (radians, 0 = right, y down). */
	sectors: { id: string; a0: number; a1: number }[];
	map: Rect;
	legend: Rect;
	labels: SectorLabel[];
}

/** Where the map, its rings and wedges, the sector labels and the legend are, for a content size. */
export function networkGeometry(model: NetworkModel, size: Size): NetworkGeometry {
	const right = size.width >= size.height * 1.1;
	const legendW = right
		? Math.min(350, Math.max(size.width * 0.2, Math.min(280, size.width * 0.4)))
		: size.width;
	const legendH = right ? size.height : Math.min(380, Math.max(200, size.height * 0.3));
	const map: Rect = right
		? { x: 0, y: 0, w: Math.max(1, size.width - legendW), h: size.height }
		: { x: 0, y: 0, w: size.width, h: Math.max(1, size.height - legendH) };
	const legend: Rect = right
		? { x: map.w, y: 0, w: legendW, h: size.height }
		: { x: 0, y: map.h, w: size.width, h: legendH };
	const m = Math.max(1, model.sectors.length);
	const step = (2 * Math.PI) / m;
	// The first sector is centred at the top: with four, the wedges point up, right, down and
	// left, where the tokens' upright boxes fit the rings best.
	const start = -Math.PI / 2 - (m === 1 ? 0 : step / 2);
	const cx = map.x + map.w / 2;
	const cy = map.y + map.h / 2;
	// As large a circle as the labels leave room for (they stand in the corners beside it).
	let R = Math.max(40, Math.min(map.w, map.h) / 2 - 16);
	let labels = sectorLabels(model, map, cx, cy, R, start, step);
	for (let i = 0; i < 30 && !labels.fit && R > 40; i++) {
		R = Math.max(40, R * 0.96);
		labels = sectorLabels(model, map, cx, cy, R, start, step);
	}
	const rc = R * 0.2;
	const n = model.rings;
	const radii = [rc];
	for (let i = 1; i <= n; i++) {
		const t = i / n;
		// Mostly equal areas: the inner rings, where the closest people stand, get more width
		// than the outer ones (their arcs are shorter).
		const linear = rc + (R - rc) * t;
		const area = Math.sqrt(rc * rc + (R * R - rc * rc) * t);
		radii.push(0.75 * area + 0.25 * linear);
	}
	const sectors = model.sectors.map((s, i) => ({
		id: s.id,
		a0: start + i * step,
		a1: start + (i + 1) * step
	}));
	return { cx, cy, R, radii, sectors, map, legend, labels: labels.labels };
}

/** A sector's name beside the circle. */
export interface SectorLabel {
	x: number;
	y: number;
	lines: string[];
	align: 'left' | 'center' | 'right';
}

/** How far an angle is from the nearest diagonal (a corner of the map), in radians. */
function fromCorner(a: number): number {
	const quarter = Math.PI / 2;
	const d = (((a - Math.PI / 4) % quarter) + quarter) % quarter;
	return Math.min(d, quarter - d);
}

/**
 * The sector labels for a circle of radius `R`: each just outside the circle at the angle of its
 * wedge nearest a corner of the map (the clockwise one on a tie, so that four wedges use four
 * corners), and whether they all fit in the map area.
 */
function sectorLabels(
	model: NetworkModel,
	map: Rect,
	cx: number,
	cy: number,
	R: number,
	start: number,
	step: number
): { fit: boolean; labels: SectorLabel[] } {
	let fit = true;
	const labels = model.sectors.map((sector, i): SectorLabel => {
		const a0 = start + i * step;
		let angle = -Math.PI / 2;
		if (model.sectors.length > 1) {
			const lo = a0 + 0.15 * step;
			const hi = a0 + 0.85 * step;
			// Clockwise first, so the later candidate wins only when clearly nearer a corner.
			const samples = Array.from({ length: 25 }, (_, k) => hi - ((hi - lo) * k) / 24);
			angle = samples.reduce((best, a) => (fromCorner(a) < fromCorner(best) - 1e-6 ? a : best));
		}
		const at = polar(cx, cy, R + 12, angle);
		const cos = Math.cos(angle);
		const sin = Math.sin(angle);
		const align = cos > 0.2 ? 'left' : cos < -0.2 ? 'right' : 'center';
		const across =
			align === 'left'
				? map.x + map.w - at.x - 8
				: align === 'right'
					? at.x - map.x - 8
					: 2 * Math.min(at.x - map.x, map.x + map.w - at.x) - 16;
		// Never narrower than its longest word: a name is not split inside a word.
		const longest = Math.max(
			...sector.name.split(/\s+/).map((w) => textWidth(w, LABEL_SIZE, true))
		);
		const width = Math.min(
			Math.max(LABEL_MAX_W, longest),
			Math.max(LABEL_MIN_W, longest, Math.min(LABEL_MAX_W, across))
		);
		const lines = wrapText(sector.name, width, LABEL_SIZE, { bold: true, maxLines: 3 });
		const h = linesHeight(lines.length, LABEL_SIZE);
		const y = sin < -0.2 ? at.y - h : sin > 0.2 ? at.y : at.y - h / 2;
		const w = Math.max(...lines.map((l) => textWidth(l, LABEL_SIZE, true)));
		const x0 = align === 'left' ? at.x : align === 'right' ? at.x - w : at.x - w / 2;
		const inside =
			x0 >= map.x + 4 &&
			x0 + w <= map.x + map.w - 4 &&
			y >= map.y + 4 &&
			y + h <= map.y + map.h - 4;
		if (across < Math.min(width, LABEL_MIN_W) || !inside) fit = false;
		return { x: at.x, y, lines, align };
	});
	return { fit, labels };
}

/**
 * The cell under a point: the centre, or the ring and sector by polar coordinates. Points
 * outside the outer circle snap to the outermost ring of their sector.
 */
export function cellAt(geo: NetworkGeometry, p: Point): Cell {
	const dx = p.x - geo.cx;
	const dy = p.y - geo.cy;
	const r = Math.hypot(dx, dy);
	if (r < geo.radii[0]!) return { centre: true };
	const rings = geo.radii.length - 1;
	let ring = rings - 1;
	for (let i = 0; i < rings; i++)
		if (r < geo.radii[i + 1]!) {
			ring = i;
			break;
		}
	const m = geo.sectors.length;
	const start = geo.sectors[0]?.a0 ?? 0;
	const turn = 2 * Math.PI;
	const rel = ((((Math.atan2(dy, dx) - start) % turn) + turn) % turn) / (turn / Math.max(1, m));
	const index = Math.min(m - 1, Math.floor(rel));
	return { centre: false, sector: geo.sectors[index]?.id ?? '', ring };
}

/** The area of a cell: an annular sector, or the centre disk (`r0` 0, `full`). */
export interface CellArea {
	cx: number;
	cy: number;
	r0: number;
	r1: number;
	a0: number;
	a1: number;
	/** The whole circle (the centre, or a map with one sector): no angular bounds. */
	full: boolean;
	disk: boolean;
	/** Unit vectors along the wedge's two edges (`a0`, `a1`). */
	edges: { u0x: number; u0y: number; u1x: number; u1y: number };
}

/** A cell area with its edge vectors. */
export function makeArea(area: Omit<CellArea, 'edges'>): CellArea {
	return {
		...area,
		edges: {
			u0x: Math.cos(area.a0),
			u0y: Math.sin(area.a0),
			u1x: Math.cos(area.a1),
			u1y: Math.sin(area.a1)
		}
	};
}

export function cellArea(geo: NetworkGeometry, cell: Cell): CellArea | null {
	if (cell.centre)
		return makeArea({
			cx: geo.cx,
			cy: geo.cy,
			r0: 0,
			r1: geo.radii[0]!,
			a0: -Math.PI / 2,
			a1: 1.5 * Math.PI,
			full: true,
			disk: true
		});
	const sector = geo.sectors.find((s) => s.id === cell.sector);
	const r0 = geo.radii[cell.ring];
	const r1 = geo.radii[cell.ring + 1];
	if (!sector || r0 === undefined || r1 === undefined) return null;
	return makeArea({
		cx: geo.cx,
		cy: geo.cy,
		r0,
		r1,
		a0: sector.a0,
		a1: sector.a1,
		full: geo.sectors.length === 1,
		disk: false
	});
}

/** Where a person's token is drawn. */
export interface TokenPlace {
	/** The token's centre. */
	x: number;
	y: number;
	scale: number;
	cell: string;
	/** The name and role are beside the token (else below it). */
	side: boolean;
	/** The box the token with its name and role takes (world units). */
	box: Rect;
	/** The name's lines at scale 1. */
	names: string[];
	/** The role's lines at scale 1. */
	roles: string[];
}

/** The token of every person on the map (people of one cell in name order, row by row). */
export function placeTokens(model: NetworkModel, geo: NetworkGeometry): Map<string, TokenPlace> {
	const cells = new Map<string, { cell: Cell; people: NetworkPerson[] }>();
	for (const p of model.people) {
		const cell = cellOf(p);
		const key = cellId(cell);
		const entry = cells.get(key);
		if (entry) entry.people.push(p);
		else cells.set(key, { cell, people: [p] });
	}
	const out = new Map<string, TokenPlace>();
	for (const [key, { cell, people }] of cells) {
		const area = cellArea(geo, cell);
		if (!area) continue;
		const texts = people.map((p) => ({ names: nameLines(p.name), roles: roleLines(p.role) }));
		// Upright tokens or text beside them, whichever lets the cell's tokens be larger.
		const { scale, slots, box } = packCell(people.length, area, [
			cellBox(texts),
			cellBox(texts, true)
		]);
		people.forEach((p, i) => {
			const slot = slots[i]!;
			const w = box.w * scale;
			const h = box.h * scale;
			out.set(p.id, {
				x: box.side ? slot.x - w / 2 + TOKEN_R * scale : slot.x,
				y: box.side ? slot.y : slot.y - h / 2 + TOKEN_R * scale,
				scale,
				cell: key,
				side: box.side,
				box: { x: slot.x - w / 2, y: slot.y - h / 2, w, h },
				names: texts[i]!.names,
				roles: texts[i]!.roles
			});
		});
	}
	return out;
}

function mix(hex: string, white: number): string {
	const n = parseInt(hex.slice(1), 16);
	const c = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) =>
		Math.round(v + (255 - v) * white)
	);
	return `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

function minScale(size: number): number {
	return MIN_TEXT_PX / size;
}

/** One person's token: a group at the token's centre. */
function token(p: NetworkPerson, place: TokenPlace, selected: boolean): GroupShape {
	const s = place.scale;
	const r = TOKEN_R * s;
	const style = RESOURCE_STYLE[p.resource];
	const children: Shape[] = [];
	if (selected)
		children.push({
			type: 'ellipse',
			cx: 0,
			cy: 0,
			rx: r + 9 * s,
			ry: r + 9 * s,
			fill: 'rgba(29,78,137,0.16)',
			stroke: SELECTED,
			strokeWidth: 4 * s
		});
	if (p.centre)
		children.push({
			type: 'ellipse',
			cx: 0,
			cy: 0,
			rx: r + 5 * s,
			ry: r + 5 * s,
			fill: '#ffffff',
			stroke: style.stroke,
			strokeWidth: 2 * s
		});
	children.push(
		{
			type: 'ellipse',
			cx: 0,
			cy: 0,
			rx: r,
			ry: r,
			fill: style.fill,
			stroke: selected ? SELECTED : style.stroke,
			strokeWidth: (selected ? 5 : 3) * s
		},
		{
			type: 'text',
			x: 0,
			y: -(INITIALS_SIZE * s * LINE) / 2,
			lines: [p.initials],
			size: INITIALS_SIZE * s,
			lineHeight: LINE,
			bold: true,
			align: 'center',
			color: INK,
			minScale: minScale(INITIALS_SIZE * s * 1.6)
		}
	);
	if (style.icon) {
		const bx = r * 0.74;
		const by = -r * 0.74;
		const br = 11 * s;
		children.push(
			{
				type: 'ellipse',
				cx: bx,
				cy: by,
				rx: br,
				ry: br,
				fill: style.stroke,
				stroke: '#ffffff',
				strokeWidth: 2 * s
			},
			{
				type: 'path',
				d: style.icon,
				x: bx - br * 0.75,
				y: by - br * 0.75,
				scale: (br * 1.5) / 24,
				stroke: '#ffffff',
				strokeWidth: 3.4,
				fill: 'none'
			}
		);
	}
	const nameSize = NAME_SIZE * s;
	const roleSize = ROLE_SIZE * s;
	const textH =
		linesHeight(place.names.length, nameSize, LINE) +
		linesHeight(place.roles.length, roleSize, LINE);
	const text = place.side
		? { x: r + SIDE_GAP * s, y: -textH / 2, align: 'left' as const }
		: { x: 0, y: r + 5 * s, align: 'center' as const };
	// A pale ground under the text keeps it readable over lines and the cells' colours.
	const textW =
		s *
		Math.max(
			...place.names.map((l) => textWidth(l, NAME_SIZE, true)),
			...place.roles.map((l) => textWidth(l, ROLE_SIZE))
		);
	children.push({
		type: 'rect',
		x: place.side ? text.x - 3 * s : -textW / 2 - 3 * s,
		y: text.y - 1 * s,
		w: textW + 6 * s,
		h: textH + 2 * s,
		r: 4 * s,
		fill: 'rgba(255,255,255,0.78)',
		minScale: minScale(NAME_SIZE * s)
	});
	children.push({
		type: 'text',
		x: text.x,
		y: text.y,
		lines: place.names,
		size: nameSize,
		lineHeight: LINE,
		bold: true,
		align: text.align,
		color: INK,
		minScale: minScale(nameSize)
	});
	if (place.roles.length > 0)
		children.push({
			type: 'text',
			x: text.x,
			y: text.y + linesHeight(place.names.length, nameSize, LINE),
			lines: place.roles,
			size: roleSize,
			lineHeight: LINE,
			align: text.align,
			color: MUTED,
			minScale: minScale(roleSize)
		});
	return {
		type: 'group',
		x: place.x,
		y: place.y,
		hit: { kind: 'person', id: p.id, draggable: true },
		children
	};
}

/** The strokes of a line from `a` to `b` by kind: solid, dashed, or crossed by two strokes. */
function linkStrokes(kind: LinkKind, a: Pt, b: Pt, stroke: string, width: number): Shape[] {
	const out: Shape[] = [
		{
			type: 'line',
			points: [a.x, a.y, b.x, b.y],
			stroke,
			strokeWidth: width,
			dash: kind === 'weak' ? [14, 10] : undefined,
			cap: 'round'
		}
	];
	if (kind !== 'broken') return out;
	const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
	const ux = (b.x - a.x) / len;
	const uy = (b.y - a.y) / len;
	const mx = (a.x + b.x) / 2;
	const my = (a.y + b.y) / 2;
	// Two short strokes across the middle, leaning a little: "contact broken".
	for (const k of [-7, 7]) {
		const x = mx + ux * k;
		const y = my + uy * k;
		out.push({
			type: 'line',
			points: [
				x - uy * 14 - ux * 5,
				y + ux * 14 - uy * 5,
				x + uy * 14 + ux * 5,
				y - ux * 14 + uy * 5
			],
			stroke,
			strokeWidth: width,
			cap: 'round'
		});
	}
	return out;
}

function link(id: string, kind: LinkKind, a: Pt, b: Pt, selected: boolean): GroupShape {
	return {
		type: 'group',
		hit: { kind: 'link', id },
		children: linkStrokes(kind, a, b, selected ? SELECTED : '#3b4350', selected ? 6 : 3.5)
	};
}

/** A sample token of the legend. */
function legendToken(x: number, y: number, kind: keyof typeof RESOURCE_STYLE): Shape[] {
	const style = RESOURCE_STYLE[kind];
	const out: Shape[] = [
		{
			type: 'ellipse',
			cx: x,
			cy: y,
			rx: 15,
			ry: 15,
			fill: style.fill,
			stroke: style.stroke,
			strokeWidth: 3
		}
	];
	if (style.icon)
		out.push(
			{ type: 'ellipse', cx: x + 12, cy: y - 12, rx: 9, ry: 9, fill: style.stroke },
			{
				type: 'path',
				d: style.icon,
				x: x + 12 - 6.75,
				y: y - 12 - 6.75,
				scale: 13.5 / 24,
				stroke: '#ffffff',
				strokeWidth: 3.4,
				fill: 'none'
			}
		);
	return out;
}

function legend(model: NetworkModel, box: Rect, context: LayoutContext): Shape[] {
	const { t } = context;
	// Below a tall map the legend has two columns: how to read the map, and who can help.
	const columns = box.w > 600 && box.w > box.h ? 2 : 1;
	let x = box.x + 24;
	const w = (box.w - 44 - (columns - 1) * 24) / columns;
	const bottom = box.y + box.h - 24;
	const out: Shape[] = [
		{
			type: 'rect',
			x: box.x + 8,
			y: box.y + 8,
			w: box.w - 16,
			h: box.h - 16,
			r: 12,
			fill: '#f7f8fa'
		}
	];
	let y = box.y + 24;
	/** A paragraph at `y`; returns its height. */
	const text = (
		value: string,
		size: number,
		opts: { bold?: boolean; color?: string; indent?: number; maxLines?: number; top?: number } = {}
	): number => {
		const indent = opts.indent ?? 0;
		const lines = wrapText(value, w - indent, size, {
			bold: opts.bold,
			maxLines: opts.maxLines ?? 6
		});
		out.push({
			type: 'text',
			x: x + indent,
			y: opts.top ?? y,
			lines,
			size,
			bold: opts.bold,
			color: opts.color ?? INK
		});
		return linesHeight(lines.length, size);
	};
	if (model.people.length === 0)
		y += text(t('network.empty'), 19, { bold: true, color: SELECTED }) + 16;
	y += text(t('network.legend.title'), 22, { bold: true }) + 12;
	// One row per sample: the sample centred on the row's first line.
	const row = (sample: (cy: number) => Shape[], label: string) => {
		const cy = y + linesHeight(1, LEGEND_TEXT) / 2;
		out.push(...sample(cy));
		y += Math.max(32, text(label, LEGEND_TEXT, { indent: 50 }) + 11);
	};
	for (const kind of ['resource', 'concern', 'neutral'] as const)
		row((cy) => legendToken(x + 16, cy, kind), t(`network.legend.${kind}`));
	for (const kind of ['normal', 'weak', 'broken'] as const)
		row(
			(cy) => linkStrokes(kind, { x: x + 2, y: cy }, { x: x + 36, y: cy }, '#3b4350', 3.5),
			t(`network.legend.${kind}`)
		);
	y += 8;
	y += text(t('network.legend.rings'), LEGEND_TEXT - 1, { color: MUTED }) + 10;
	y += text(t('network.legend.mark'), LEGEND_TEXT - 1, { color: MUTED }) + 22;
	if (columns === 2) {
		y = box.y + 24;
		x += w + 24;
	}
	y += text(t('network.legend.help'), 20, { bold: true }) + 8;
	const helpers = model.people
		.filter((p) => p.help)
		.sort(
			(a, b) =>
				Number(b.resource === 'resource') - Number(a.resource === 'resource') ||
				a.shownRing - b.shownRing ||
				a.name.localeCompare(b.name, 'da')
		);
	if (helpers.length === 0) text(t('network.legend.noHelp'), LEGEND_TEXT - 1, { color: MUTED });
	const more = linesHeight(1, LEGEND_TEXT);
	for (const [i, p] of helpers.entries()) {
		const lines = wrapText(`${p.name}: ${p.help}`, w - 20, LEGEND_TEXT, { maxLines: 2 });
		const h = linesHeight(lines.length, LEGEND_TEXT) + 6;
		const last = i === helpers.length - 1;
		if (y + h + (last ? 0 : more) > bottom) {
			if (y + more <= bottom)
				text(t('network.more', { count: helpers.length - i }), LEGEND_TEXT, { color: MUTED });
			break;
		}
		out.push(
			{
				type: 'ellipse',
				cx: x + 5,
				cy: y + more / 2,
				rx: 4.5,
				ry: 4.5,
				fill: RESOURCE_STYLE[p.resource].stroke
			},
			{ type: 'text', x: x + 18, y, lines, size: LEGEND_TEXT, color: INK }
		);
		y += h;
	}
	return out;
}

/** Lays the network map out in `size` (the frame's content area). */
export function layoutNetwork(
	model: NetworkModel,
	size: Size,
	context: LayoutContext
): DisplayList {
	const geo = networkGeometry(model, size);
	const places = placeTokens(model, geo);
	const selected = context.selected?.tool === 'network' ? context.selected : null;
	const { cx, cy, R, radii } = geo;
	const rc = radii[0]!;
	const back: Shape[] = [];
	const lines: Shape[] = [];
	const front: Shape[] = [];

	// Cells: each ring of each sector, a hit to add someone there.
	geo.sectors.forEach((sector, i) => {
		const tint = SECTOR_TINTS[i % SECTOR_TINTS.length]!;
		for (let ring = 0; ring < model.rings; ring++) {
			const d = annularSector(cx, cy, radii[ring]!, radii[ring + 1]!, sector.a0, sector.a1);
			const path: Shape =
				geo.sectors.length === 1
					? {
							type: 'ellipse',
							cx,
							cy,
							rx: radii[ring + 1]!,
							ry: radii[ring + 1]!,
							fill: mix(tint, (0.7 * ring) / model.rings)
						}
					: { type: 'path', d, fill: mix(tint, (0.7 * ring) / model.rings) };
			back.push({
				type: 'group',
				hit: { kind: 'cell', id: cellId({ centre: false, sector: sector.id, ring }) },
				children: [path]
			});
		}
	});
	// With one sector the rings are drawn outermost first so the inner ones stay on top.
	if (geo.sectors.length === 1) back.reverse();
	for (let i = 1; i < radii.length; i++)
		back.push({
			type: 'ellipse',
			cx,
			cy,
			rx: radii[i]!,
			ry: radii[i]!,
			stroke: BOUNDARY,
			strokeWidth: i === radii.length - 1 ? 3 : 2
		});
	if (geo.sectors.length > 1)
		for (const sector of geo.sectors) {
			const p0 = polar(cx, cy, rc, sector.a0);
			const p1 = polar(cx, cy, R, sector.a0);
			back.push({
				type: 'line',
				points: [p0.x, p0.y, p1.x, p1.y],
				stroke: BOUNDARY,
				strokeWidth: 2
			});
		}
	back.push({
		type: 'group',
		hit: { kind: 'cell', id: 'centre' },
		children: [
			{ type: 'ellipse', cx, cy, rx: rc, ry: rc, fill: '#fffaf0', stroke: BOUNDARY, strokeWidth: 3 }
		]
	});
	if (!model.people.some((p) => p.centre))
		back.push({
			type: 'text',
			x: cx,
			y: cy - linesHeight(1, 20) / 2,
			lines: [ellipsize(context.t('network.centre'), rc * 1.8, 20, true)],
			size: 20,
			bold: true,
			align: 'center',
			color: MUTED
		});

	// The selected cell's outline.
	if (selected?.kind === 'cell') {
		if (selected.id === 'centre')
			back.push({ type: 'ellipse', cx, cy, rx: rc, ry: rc, stroke: SELECTED, strokeWidth: 6 });
		else {
			const at = selected.id.lastIndexOf(':');
			const sector = geo.sectors.find((s) => s.id === selected.id.slice(0, at));
			const ring = Number(selected.id.slice(at + 1));
			if (sector && radii[ring + 1] !== undefined)
				back.push({
					type: 'path',
					d: annularSector(cx, cy, radii[ring]!, radii[ring + 1]!, sector.a0, sector.a1),
					stroke: SELECTED,
					strokeWidth: 6
				});
		}
	}

	// Sector labels beside the circle.
	for (const label of geo.labels)
		back.push({
			type: 'text',
			x: label.x,
			y: label.y,
			lines: label.lines,
			size: LABEL_SIZE,
			bold: true,
			align: label.align,
			color: INK
		});

	// Lines between people, under the tokens.
	for (const l of model.links) {
		const a = places.get(l.a);
		const b = places.get(l.b);
		if (a && b)
			lines.push(link(l.id, l.kind, a, b, selected?.kind === 'link' && selected.id === l.id));
	}

	// The tokens; the selected one last, on top.
	const tokens: Shape[] = [];
	let chosen: Shape | null = null;
	for (const p of model.people) {
		const place = places.get(p.id);
		if (!place) continue;
		const isSelected = selected?.kind === 'person' && selected.id === p.id;
		const shape = token(p, place, isSelected);
		if (isSelected) chosen = shape;
		else tokens.push(shape);
	}
	if (chosen) tokens.push(chosen);

	front.push(...legend(model, geo.legend, context));
	return {
		width: size.width,
		height: size.height,
		shapes: [...back, ...lines, ...tokens, ...front]
	};
}
