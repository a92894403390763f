/**
 * The genogram's drawing (pure): model + content size → display list, in the standard notation
 * (McGoldrick/Gerson, PRODUCT.md "Genogram"): square, circle and a diamond for unknown sex, X
 * for deceased, a double outline for the index child, an "Anbragt" tag on a placed child; birth
 * year above left, death year above right, age inside; couple lines (dashed for cohabiting,
 * one slash separated, two divorced) with their years; child lines solid, dashed (adopted) and
 * dotted (foster) – a placed child is one symbol under its birth parents and dotted to its foster
 * carers; twins' lines meet in one point (a bar for identical twins); households as rounded
 * outlines; the emotional layer as curved, coloured lines; a legend of what is in use.
 *
 * Positions come from `arrange.ts` in layout units, nudged by each member's `dx`/`dy`, and the
 * whole picture is scaled to fit the frame (a small family enlarged a little, up to `MAX_SCALE`).
 */
import type { DisplayList, Shape } from '../draw/display';
import { ellipsize, textWidth, wrapText } from '../draw/text';
import type { LayoutContext, Size } from '../types';
import { arrange, CELL, type Arrangement } from './arrange';
import type { GenoBond, GenoChild, GenogramModel, UnionKind } from './model';
import { boxesIntersect, roundedPath, unionLoops, type Box } from './outline';
import {
	BAR_TRACKS,
	BOND_STYLE,
	CHILD_DASH,
	FOSTER,
	HOUSEHOLD_COLORS,
	INK,
	LEGEND_W,
	MARGIN,
	MAX_SCALE,
	MID,
	MUTED,
	ROW,
	S,
	SELECTED,
	SYM_TOP,
	UNION_DASH
} from './metrics';
import { bondShapes, curve, line, scaleShapes, symbol, text, type Pen } from './symbols';
import { drawLegend, legendHeight, legendKeysOf, type LegendKey } from './legend';

/** Where each member stands after nudges, in layout units. */
export interface PersonPlace {
	id: string;
	cx: number;
	/** Symbol top. */
	top: number;
	row: number;
}

/** The placed genogram before drawing, shared by the layout and the canvas ops (drops). */
export interface Scene {
	arrangement: Arrangement;
	people: Map<string, PersonPlace>;
	/** Layout units → content units. */
	k: number;
	ox: number;
	oy: number;
	/** The diagram's area in the content (left of the legend). */
	area: { x: number; y: number; w: number; h: number };
	/** The sibling bars as drawn (filled by the layout): span, generation and height track. */
	bars: { union: string; row: number; x0: number; x1: number; track: number; children: string[] }[];
}

const scenes = new WeakMap<GenogramModel, { w: number; h: number; scene: Scene }>();

/** The scene of a model in a content size (cached per model and size). */
export function sceneOf(model: GenogramModel, size: Size): Scene {
	const cached = scenes.get(model);
	if (cached && cached.w === size.width && cached.h === size.height) return cached.scene;
	const arrangement = arrange(model);
	const people = new Map<string, PersonPlace>();
	for (const [id, member] of model.members) {
		const row = arrangement.rowOf.get(id) ?? 0;
		people.set(id, {
			id,
			cx: (arrangement.xOf.get(id) ?? 0) + member.dx,
			top: row * ROW + SYM_TOP + member.dy,
			row
		});
	}
	// The legend stands on the right of a wide frame, below the diagram in a narrow one.
	const right = size.width >= 1000;
	const below = right
		? 0
		: legendHeight(legendKeysOf(model).size, model.bonds.length > 0, size.width) + MARGIN;
	const area = {
		x: MARGIN,
		y: MARGIN,
		w: Math.max(100, size.width - (right ? LEGEND_W : 0) - MARGIN * 2),
		h: Math.max(100, size.height - below - MARGIN * 2)
	};
	let minX = arrangement.minX;
	let maxX = arrangement.maxX;
	let minY = 0;
	let maxY = arrangement.rows * ROW;
	for (const p of people.values()) {
		minX = Math.min(minX, p.cx - CELL / 2);
		maxX = Math.max(maxX, p.cx + CELL / 2);
		minY = Math.min(minY, p.top - SYM_TOP);
		maxY = Math.max(maxY, p.top + ROW - SYM_TOP);
	}
	const w = Math.max(1, maxX - minX);
	const h = Math.max(1, maxY - minY);
	const k = Math.min(MAX_SCALE, area.w / w, area.h / h);
	const ox = area.x + (area.w - w * k) / 2 - minX * k;
	const oy = area.y - minY * k;
	const scene: Scene = { arrangement, people, k, ox, oy, area, bars: [] };
	scenes.set(model, { w: size.width, h: size.height, scene });
	return scene;
}

/** The union's years in words: "g. 2012 · sep. 2023". */
export function unionLabel(
	kind: UnionKind,
	start: number | null,
	end: number | null,
	t: LayoutContext['t']
): string {
	const parts: string[] = [];
	if (start != null)
		parts.push(
			t(
				`genogram.unionYear.${kind === 'separated' || kind === 'divorced' || kind === 'widowed' ? 'married' : kind}`,
				{ year: start }
			)
		);
	if (end != null && (kind === 'separated' || kind === 'divorced' || kind === 'widowed'))
		parts.push(t(`genogram.unionYear.${kind}`, { year: end }));
	return parts.join(' · ');
}

export interface Ctx {
	model: GenogramModel;
	scene: Scene;
	pen: Pen;
	context: LayoutContext;
	used: Set<LegendKey>;
	selected: { kind: string; id: string } | null;
	/** Structural lines (layout units) the emotional lines should keep clear of. */
	segments: number[][];
	/** Union labels, likewise. */
	labels: Box[];
}

/** Lays the genogram out in `size` (the frame's content area). */
export function layoutGenogram(
	model: GenogramModel,
	size: Size,
	context: LayoutContext
): DisplayList {
	const scene = sceneOf(model, size);
	const { k, ox, oy } = scene;
	const pen: Pen = { k, X: (x) => ox + x * k, Y: (y) => oy + y * k };
	const sel = context.selected?.tool === 'genogram' ? context.selected : null;
	const ctx: Ctx = {
		model,
		scene,
		pen,
		context,
		used: new Set(),
		selected: sel,
		segments: [],
		labels: []
	};
	const back: Shape[] = [];
	const lines: Shape[] = [];
	const bondLayer: Shape[] = [];
	const front: Shape[] = [];
	const listed: GenoBond[] = [];

	if (model.members.size === 0) {
		front.push({
			type: 'group',
			hit: { kind: 'empty', id: '' },
			children: [
				{
					type: 'rect',
					x: 40,
					y: 40,
					w: Math.max(10, size.width - 80),
					h: Math.max(10, size.height - 80),
					r: 16,
					fill: '#f5f7fa',
					stroke: '#c9d0d8',
					strokeWidth: 2,
					dash: [10, 8]
				},
				{
					type: 'text',
					x: size.width / 2,
					y: size.height / 2 - 20,
					lines: wrapText(context.t('genogram.empty'), Math.max(200, size.width - 200), 26, {
						maxLines: 3
					}),
					size: 26,
					color: MUTED,
					align: 'center'
				}
			]
		});
		return { width: size.width, height: size.height, shapes: front };
	}

	drawHouseholds(ctx, back);
	drawUnions(ctx, lines, front);
	if (model.showBonds) drawBonds(ctx, bondLayer, listed);

	for (const [id, member] of model.members) {
		const place = scene.people.get(id)!;
		const isSel = sel?.kind === 'member' && sel.id === id;
		const { shapes, used } = symbol(member, isSel, model.year, context.t);
		for (const u of used) ctx.used.add(u);
		front.push({
			type: 'group',
			x: pen.X(place.cx - S / 2),
			y: pen.Y(place.top),
			hit: { kind: 'member', id, draggable: true },
			children: [
				// A hit area over the symbol and its name, so a click on the name selects too.
				{
					type: 'rect',
					x: (S / 2 - CELL / 2 + 6) * k,
					y: -28 * k,
					w: (CELL - 12) * k,
					h: (S + 92) * k,
					fill: 'rgba(0,0,0,0)'
				},
				...scaleShapes(shapes, k)
			]
		});
	}

	const legend = drawLegend(ctx, size, listed);
	return {
		width: size.width,
		height: size.height,
		shapes: [...back, ...lines, ...bondLayer, ...front, ...legend]
	};
}

interface Bar {
	union: string;
	row: number;
	x0: number;
	x1: number;
	track: number;
	links: GenoChild[];
	/** Where the union's child line starts (uy −∞: a union without partners, no drop line). */
	ux: number;
	uy: number;
	color: string;
	width: number;
}

function drawUnions(ctx: Ctx, lines: Shape[], front: Shape[]): void {
	const { model, scene, pen, context } = ctx;
	const arr = scene.arrangement;
	const at = (id: string) => scene.people.get(id)!;
	// Sibling bars per child row get separate tracks where their spans overlap.
	const bars: Bar[] = [];

	for (const u of model.unions) {
		const place = arr.unions.get(u.id);
		if (!place) continue;
		const isSel = ctx.selected?.kind === 'union' && ctx.selected.id === u.id;
		const color = isSel ? SELECTED : INK;
		const width = isSel ? 5 : 3;
		let ux = place.x;
		let uy = place.row * ROW + MID;
		const dash = UNION_DASH[u.kind];
		const hitShapes: Shape[] = [];
		if (u.partners.length === 2) {
			ctx.used.add(`union.${u.kind}`);
			const [a, b] = u.partners.map(at) as [ReturnType<typeof at>, ReturnType<typeof at>];
			const [left, right] = a.cx <= b.cx ? [a, b] : [b, a];
			if (place.adjacent) {
				const y0 = left.top + S / 2;
				const y1 = right.top + S / 2;
				const x0 = left.cx + S / 2 + 2;
				const x1 = right.cx - S / 2 - 2;
				lines.push(line(pen, [x0, y0, x1, y1], { stroke: color, width, dash }));
				ctx.segments.push([x0, y0, x1, y1]);
				ux = (left.cx + right.cx) / 2;
				uy = (y0 + y1) / 2;
				hitShapes.push({
					type: 'rect',
					x: pen.X(x0),
					y: pen.Y(Math.min(y0, y1) - 36),
					w: Math.max(1, (x1 - x0) * pen.k),
					h: (Math.abs(y1 - y0) + 60) * pen.k,
					fill: 'rgba(0,0,0,0)'
				});
			} else {
				// Not side by side: over the others' heads.
				const top = Math.min(left.top, right.top) - 46;
				lines.push(
					line(pen, [left.cx, left.top, left.cx, top, right.cx, top, right.cx, right.top], {
						stroke: color,
						width,
						dash
					})
				);
				uy = top;
				hitShapes.push({
					type: 'rect',
					x: pen.X(left.cx),
					y: pen.Y(top - 14),
					w: (right.cx - left.cx) * pen.k,
					h: 28 * pen.k,
					fill: 'rgba(0,0,0,0)'
				});
			}
			// Slashes: one for separated, two for divorced, on the line just left of the child line.
			const slashes = u.kind === 'separated' ? [-30] : u.kind === 'divorced' ? [-36, -22] : [];
			for (const dx of slashes)
				lines.push(
					line(pen, [ux + dx - 7, uy + 14, ux + dx + 7, uy - 14], { stroke: color, width: 3 })
				);
			const label = unionLabel(u.kind, u.startYear, u.endYear, context.t);
			if (label) {
				const room = place.adjacent ? Math.abs(right.cx - left.cx) - S - 8 : CELL;
				const shown = ellipsize(label, room, 15);
				lines.push(text(pen, ux, uy - 32, [shown], 15, { align: 'center', color: MUTED }));
				const half = textWidth(shown, 15) / 2;
				ctx.labels.push({ x0: ux - half, x1: ux + half, y0: uy - 34, y1: uy - 12 });
			}
		} else if (u.partners.length === 1 && u.children.length > 0) {
			const p = at(u.partners[0]!);
			const y = p.top + S / 2;
			if (place.ghost) {
				const side = ux >= p.cx ? 1 : -1;
				lines.push(
					line(pen, [p.cx + side * (S / 2 + 2), y, ux, y], { stroke: color, width, dash })
				);
				uy = y;
				hitShapes.push({
					type: 'rect',
					x: pen.X(Math.min(ux, p.cx)),
					y: pen.Y(y - 20),
					w: Math.abs(ux - p.cx) * pen.k,
					h: 40 * pen.k,
					fill: 'rgba(0,0,0,0)'
				});
			} else {
				ux = p.cx;
				uy = p.top + S;
			}
		} else if (u.partners.length === 0) {
			uy = -Infinity;
		}
		if (hitShapes.length > 0)
			front.unshift({ type: 'group', hit: { kind: 'union', id: u.id }, children: hitShapes });

		// Children: those drawn under this union (their primary link) per row, the others
		// (foster, a second adoption) as lines of their kind to the child's shoulder.
		const own = u.children.filter((l) => arr.primary.get(l.child) === l);
		const byRow = new Map<number, typeof own>();
		for (const l of own) {
			const row = at(l.child).row;
			byRow.set(row, [...(byRow.get(row) ?? []), l]);
		}
		for (const [row, links] of byRow) {
			const xs = links.map((l) => at(l.child).cx);
			const x0 = Math.min(...xs, Number.isFinite(uy) ? ux : Infinity);
			const x1 = Math.max(...xs, Number.isFinite(uy) ? ux : -Infinity);
			bars.push({ union: u.id, row, x0, x1, track: 0, links, ux, uy, color, width });
		}
		for (const l of u.children) {
			if (arr.primary.get(l.child) === l) continue;
			ctx.used.add(`child.${l.kind}`);
			const child = at(l.child);
			const railY = child.row * ROW + 6;
			const tx = child.cx + 22;
			const startY = Number.isFinite(uy) ? uy : child.top - 60;
			const pts =
				child.top > startY + 40
					? [ux, startY, ux, railY, tx, railY, tx, child.top - 4]
					: [ux, startY, tx, child.top - 4];
			// A foster placement that has ended stays on record, drawn fainter.
			lines.push(
				line(pen, pts, {
					stroke: l.kind === 'foster' ? FOSTER : INK,
					width: 3,
					dash: CHILD_DASH[l.kind],
					opacity: l.endYear != null ? 0.45 : undefined
				})
			);
		}
	}

	// Tracks: greedy by left end, per row.
	const byRow = new Map<number, typeof bars>();
	for (const b of bars) byRow.set(b.row, [...(byRow.get(b.row) ?? []), b]);
	for (const list of byRow.values()) {
		list.sort((a, b) => a.x0 - b.x0 || (a.union < b.union ? -1 : 1));
		const ends: number[] = [];
		for (const b of list) {
			let t = ends.findIndex((end) => end + 14 < b.x0);
			if (t === -1) {
				t = ends.length;
				ends.push(b.x1);
			} else ends[t] = b.x1;
			b.track = t % BAR_TRACKS;
		}
	}
	ctx.scene.bars = bars.map((b) => ({
		union: b.union,
		row: b.row,
		x0: b.x0,
		x1: b.x1,
		track: b.track,
		children: b.links.map((l) => l.child)
	}));
	for (const e of bars) {
		const barY = e.row * ROW + 38 - e.track * 9;
		if (Number.isFinite(e.uy)) {
			lines.push(line(pen, [e.ux, e.uy, e.ux, barY], { stroke: e.color, width: e.width }));
			ctx.segments.push([e.ux, e.uy, e.ux, barY]);
		}
		lines.push(line(pen, [e.x0, barY, e.x1, barY], { stroke: e.color, width: e.width }));
		ctx.segments.push([e.x0, barY, e.x1, barY]);
		const twins = new Map<string, typeof e.links>();
		for (const l of e.links) if (l.twin) twins.set(l.twin, [...(twins.get(l.twin) ?? []), l]);
		for (const l of e.links) {
			ctx.used.add(`child.${l.kind}`);
			const child = at(l.child);
			const group = l.twin ? twins.get(l.twin) : undefined;
			if (group && group.length > 1) {
				const xs = group.map((g) => at(g.child).cx);
				const apex = (Math.min(...xs) + Math.max(...xs)) / 2;
				lines.push(
					line(pen, [apex, barY, child.cx, child.top - 4], {
						stroke: e.color,
						width: e.width,
						dash: CHILD_DASH[l.kind]
					})
				);
			} else
				lines.push(
					line(pen, [child.cx, barY, child.cx, child.top - 4], {
						stroke: e.color,
						width: e.width,
						dash: CHILD_DASH[l.kind]
					})
				);
		}
		for (const group of twins.values()) {
			if (group.length < 2) continue;
			const pts = group.map((g) => at(g.child)).sort((a, b) => a.cx - b.cx);
			const first = pts[0]!;
			const last = pts[pts.length - 1]!;
			const apex = (first.cx + last.cx) / 2;
			ctx.used.add('twins');
			if (group.every((g) => g.identical)) {
				ctx.used.add('identical');
				const h = (Math.min(first.top, last.top) - 4 - barY) / 2;
				const lerp = (p: PersonPlace) => apex + (p.cx - apex) * (h / (p.top - 4 - barY));
				lines.push(
					line(pen, [lerp(first), barY + h, lerp(last), barY + h], {
						stroke: e.color,
						width: e.width
					})
				);
			}
		}
	}
}

/** Person boxes (symbol, years and name) in layout units. */
function personBox(p: PersonPlace, pad = 0): Box {
	return {
		x0: p.cx - CELL / 2 + 6 - pad,
		x1: p.cx + CELL / 2 - 6 + pad,
		y0: p.top - 32 - pad,
		y1: p.top + S + 110 + pad
	};
}

function drawHouseholds(ctx: Ctx, out: Shape[]): void {
	const { model, scene, pen } = ctx;
	model.households.forEach((h, index) => {
		const color = h.foster ? FOSTER : HOUSEHOLD_COLORS[index % HOUSEHOLD_COLORS.length]!;
		const inside = new Set(h.members);
		const places = h.members.map((m) => scene.people.get(m)).filter((p): p is PersonPlace => !!p);
		if (places.length === 0) return;
		ctx.used.add(h.foster ? 'fosterHousehold' : 'household');
		const others = [...scene.people.values()]
			.filter((p) => !inside.has(p.id))
			.map((p) => personBox(p));
		const boxes = places.map((p) => personBox(p, 8));
		const clean = (r: Box) => others.every((o) => !boxesIntersect(r, o));
		const rects: Box[] = [...boxes];
		const root = boxes.map((_, i) => i);
		const find = (i: number): number => (root[i] === i ? i : (root[i] = find(root[i]!)));
		const pairs: [number, number, number][] = [];
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const a = places[i]!;
				const b = places[j]!;
				pairs.push([i, j, Math.hypot(a.cx - b.cx, a.top - b.top)]);
			}
		pairs.sort((a, b) => a[2] - b[2]);
		const connectors: number[][] = [];
		for (const [i, j] of pairs) {
			if (find(i) === find(j)) continue;
			const a = boxes[i]!;
			const b = boxes[j]!;
			const pa = places[i]!;
			const pb = places[j]!;
			const candidates: Box[][] = [];
			if (Math.abs(a.y0 - b.y0) < 1) {
				const [l, r] = a.x0 <= b.x0 ? [a, b] : [b, a];
				candidates.push([{ x0: l.x1 - 1, x1: r.x0 + 1, y0: l.y0, y1: l.y1 }]);
			} else {
				const [up, low, pu, pl] = a.y0 < b.y0 ? [a, b, pa, pb] : [b, a, pb, pa];
				const strip = (cx: number): Box => ({
					x0: cx - 30,
					x1: cx + 30,
					y0: up.y1 - 1,
					y1: low.y0 + 1
				});
				// Widest first (a clean step shape), then a narrow neck under or over one of them.
				candidates.push([
					{ x0: up.x0, x1: up.x1, y0: up.y1 - 1, y1: low.y0 + 1 },
					{ x0: Math.min(low.x0, up.x0), x1: Math.max(low.x1, up.x1), y0: low.y0, y1: low.y1 }
				]);
				candidates.push([
					{ x0: low.x0, x1: low.x1, y0: up.y1 - 1, y1: low.y0 + 1 },
					{ x0: Math.min(up.x0, low.x0), x1: Math.max(up.x1, low.x1), y0: up.y0, y1: up.y1 }
				]);
				candidates.push([
					strip(pu.cx),
					{
						x0: Math.min(low.x0, pu.cx - 30),
						x1: Math.max(low.x1, pu.cx + 30),
						y0: low.y0,
						y1: low.y1
					}
				]);
				candidates.push([
					strip(pl.cx),
					{ x0: Math.min(up.x0, pl.cx - 30), x1: Math.max(up.x1, pl.cx + 30), y0: up.y0, y1: up.y1 }
				]);
			}
			const ok = candidates.find((c) => c.every(clean));
			if (ok) rects.push(...ok);
			else connectors.push([pa.cx, pa.top + S / 2, pb.cx, pb.top + S / 2]);
			root[find(i)] = find(j);
		}
		const loops = unionLoops(rects).map((l) => l.map((p) => ({ x: pen.X(p.x), y: pen.Y(p.y) })));
		out.push({
			type: 'path',
			d: roundedPath(loops, 26 * pen.k),
			stroke: color,
			strokeWidth: 3 * pen.k,
			fill: 'rgba(11,100,112,0.05)'
		});
		for (const c of connectors) out.push(line(pen, c, { stroke: color, width: 3, dash: [3, 8] }));
		const label = h.name || ctx.context.t('genogram.household');
		const corner = boxes.reduce((best, b) =>
			b.y1 > best.y1 || (b.y1 === best.y1 && b.x0 < best.x0) ? b : best
		);
		out.push({
			type: 'group',
			hit: { kind: 'household', id: h.id },
			children: [
				text(pen, corner.x0 + 14, corner.y1 - 28, [ellipsize(label, CELL * 1.6, 16, true)], 16, {
					bold: true,
					color
				})
			]
		});
	});
}

function drawBonds(ctx: Ctx, out: Shape[], listed: GenoBond[]): void {
	const { model, scene, pen } = ctx;
	const boxes = [...scene.people.values()].map((p) => ({ id: p.id, box: personBox(p) }));
	for (const bond of model.bonds) {
		const a = scene.people.get(bond.a);
		const b = scene.people.get(bond.b);
		if (!a || !b) continue;
		ctx.used.add(`bond.${bond.kind}`);
		const pa: [number, number] = [a.cx, a.top + S / 2];
		const pb: [number, number] = [b.cx, b.top + S / 2];
		const dx = pb[0] - pa[0];
		const dy = pb[1] - pa[1];
		const dist = Math.hypot(dx, dy) || 1;
		const nx = -dy / dist;
		const ny = dx / dist;
		const horizontal = Math.abs(dx) >= Math.abs(dy);
		const sign = horizontal ? (ny < 0 ? 1 : -1) : nx > 0 ? 1 : -1;
		// Candidate curves, bowing to either side and further out; the first that crosses no one
		// and keeps clear of the structural lines wins, else the least bad (and it is listed).
		let best: { pts: [number, number][]; hits: number; cost: number } | null = null;
		const adjacent = Math.abs(dy) < 1 && Math.abs(dx) < CELL * 1.6;
		for (const [bow, side] of [
			[0.22, 1],
			[0.22, -1],
			[0.42, 1],
			[0.42, -1],
			[0.65, 1],
			[0.65, -1]
		] as const) {
			const off = Math.max(adjacent ? 70 : 30, Math.min(200, dist * bow)) * sign * side;
			const c: [number, number] = [(pa[0] + pb[0]) / 2 + nx * off, (pa[1] + pb[1]) / 2 + ny * off];
			const start = toward(pa, c, S / 2 + 8);
			const end = toward(pb, c, S / 2 + 8);
			const pts = curve(start, c, end, 24);
			const hits = boxes.filter(
				(o) =>
					o.id !== bond.a &&
					o.id !== bond.b &&
					pts.some(
						([x, y]) => x > o.box.x0 && x < o.box.x1 && y > o.box.y0 + 20 && y < o.box.y0 + 32 + S
					)
			).length;
			const inner = pts.slice(4, -4);
			const near = inner.filter(
				([x, y]) =>
					ctx.segments.some((seg) => nearSegment(x, y, seg, 10)) ||
					ctx.labels.some((l) => x > l.x0 - 4 && x < l.x1 + 4 && y > l.y0 - 4 && y < l.y1 + 4)
			).length;
			const cost = hits * 1000 + near;
			if (!best || cost < best.cost) best = { pts, hits, cost };
			if (cost === 0) break;
		}
		const isSel = ctx.selected?.kind === 'bond' && ctx.selected.id === bond.id;
		const shapes = bondShapes(pen, bond.kind, best!.pts);
		if (isSel)
			shapes.unshift(line(pen, best!.pts.flat(), { stroke: '#9fb7d9', width: 12, cap: 'round' }));
		if (best!.hits > 0) {
			listed.push(bond);
			const mid = best!.pts[12]!;
			shapes.push(
				{
					type: 'ellipse',
					cx: pen.X(mid[0]),
					cy: pen.Y(mid[1]),
					rx: 15 * pen.k,
					ry: 15 * pen.k,
					fill: '#ffffff',
					stroke: BOND_STYLE[bond.kind].color,
					strokeWidth: 2 * pen.k
				},
				text(pen, mid[0], mid[1] - 10, [String(listed.length)], 15, {
					align: 'center',
					bold: true,
					color: BOND_STYLE[bond.kind].color
				})
			);
		}
		out.push({ type: 'group', hit: { kind: 'bond', id: bond.id }, children: shapes });
	}
}

/** Whether (x, y) lies within `d` of the axis-aligned or slanted segment [x0, y0, x1, y1]. */
function nearSegment(x: number, y: number, seg: number[], d: number): boolean {
	const [x0, y0, x1, y1] = seg as [number, number, number, number];
	const vx = x1 - x0;
	const vy = y1 - y0;
	const len2 = vx * vx + vy * vy || 1;
	const t = Math.max(0, Math.min(1, ((x - x0) * vx + (y - y0) * vy) / len2));
	return Math.hypot(x - (x0 + vx * t), y - (y0 + vy * t)) < d;
}

function toward(from: [number, number], to: [number, number], r: number): [number, number] {
	const dx = to[0] - from[0];
	const dy = to[1] - from[1];
	const len = Math.hypot(dx, dy) || 1;
	return [from[0] + (dx / len) * r, from[1] + (dy / len) * r];
}
