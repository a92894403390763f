/**
 * Packing a cell of the network map (pure): how big the tokens of one ring-and-sector may be and
 * where they sit, so that no two overlap however many there are. Used by the layout.
 */
import { polar, type Pt } from '../draw/geometry';
import { linesHeight, textWidth, wrapText } from '../draw/text';
import type { CellArea, Rect } from './layout';
import { TOKEN_R, NAME_SIZE, ROLE_SIZE, LINE, NAME_TOP, BOX_W, TEXT_MAX_W, GAP } from './metrics';

/** Slots (box centres) for `n` tokens in a cell, and the scale they are drawn at. */
export interface Packing {
	scale: number;
	slots: Pt[];
}

/**
 * The box every token of one cell takes at scale 1: the name and role below the round token
 * (`side` false) or beside it (`side` true), as wide as the cell's longest line needs.
 */
export interface TokenBox {
	w: number;
	h: number;
	side: boolean;
}

/** The largest upright box: two lines of name and two of role. */
export const FULL_BOX: TokenBox = {
	w: TEXT_MAX_W + 6,
	h: NAME_TOP + linesHeight(2, NAME_SIZE, LINE) + linesHeight(2, ROLE_SIZE, LINE),
	side: false
};

/** Room between the token and its text when the text is beside it. */
export const SIDE_GAP = 8;

/**
 * Breaks a name or role into at most two lines of `BOX_W`, or wider for a word that would
 * otherwise be split ("familieplejekonsulent"), up to `TEXT_MAX_W`.
 */
function textLines(text: string, size: number, bold: boolean): string[] {
	if (!text) return [];
	const longest = Math.max(...text.split(/\s+/).map((word) => textWidth(word, size, bold)));
	const width = Math.min(TEXT_MAX_W, Math.max(BOX_W, longest));
	return wrapText(text, width, size, { bold, maxLines: 2 });
}

/** A person's name broken into at most two lines (at scale 1). */
export function nameLines(name: string): string[] {
	return textLines(name, NAME_SIZE, true);
}

/** A person's role broken into at most two lines (at scale 1); none without a role. */
export function roleLines(role: string): string[] {
	return textLines(role, ROLE_SIZE, false);
}

/** The box for the tokens of these people (texts already broken into lines). */
export function cellBox(people: { names: string[]; roles: string[] }[], side = false): TokenBox {
	let text = 0;
	let names = 1;
	let roles = 0;
	for (const p of people) {
		names = Math.max(names, p.names.length);
		roles = Math.max(roles, p.roles.length);
		for (const line of p.names) text = Math.max(text, textWidth(line, NAME_SIZE, true));
		for (const line of p.roles) text = Math.max(text, textWidth(line, ROLE_SIZE));
	}
	text = Math.min(TEXT_MAX_W, text) + 6;
	const textH = linesHeight(names, NAME_SIZE, LINE) + linesHeight(roles, ROLE_SIZE, LINE);
	if (side) return { w: 2 * TOKEN_R + SIDE_GAP + text, h: Math.max(2 * TOKEN_R + 6, textH), side };
	return { w: Math.max(2 * TOKEN_R + 24, text), h: NAME_TOP + textH, side };
}

interface Dims {
	hw: number;
	hh: number;
	gap: number;
	pad: number;
}

function dims(box: TokenBox, s: number): Dims {
	return { hw: (box.w * s) / 2, hh: (box.h * s) / 2, gap: GAP * s, pad: 8 * s };
}

/** Half the extent of a box along direction `phi`. */
function support(d: Dims, phi: number): number {
	return d.hw * Math.abs(Math.cos(phi)) + d.hh * Math.abs(Math.sin(phi));
}

/** How far apart two box centres must be along direction `phi` for the boxes not to overlap. */
function separation(d: Dims, phi: number): number {
	const c = Math.abs(Math.cos(phi));
	const s = Math.abs(Math.sin(phi));
	const w = 2 * d.hw + d.gap;
	const h = 2 * d.hh + d.gap;
	return Math.min(c > 1e-9 ? w / c : Infinity, s > 1e-9 ? h / s : Infinity);
}

/** The signed difference `a − b` of two angles, in (−π, π]. */
function angleDiff(a: number, b: number): number {
	let d = (a - b) % (2 * Math.PI);
	if (d > Math.PI) d -= 2 * Math.PI;
	if (d <= -Math.PI) d += 2 * Math.PI;
	return d;
}

/** Whether a box centred at `p` lies inside the cell, `d.pad` clear of its edges. */
function boxInside(area: CellArea, d: Dims, p: Pt): boolean {
	const x0 = p.x - area.cx - d.hw;
	const x1 = p.x - area.cx + d.hw;
	const y0 = p.y - area.cy - d.hh;
	const y1 = p.y - area.cy + d.hh;
	// The farthest corner inside the outer circle (a disk is convex: then all of the box is).
	const outer = area.r1 - d.pad + 1e-6;
	if (Math.max(x0 * x0, x1 * x1) + Math.max(y0 * y0, y1 * y1) > outer * outer) return false;
	if (area.r0 > 0) {
		const nx = Math.min(Math.max(0, x0), x1);
		const ny = Math.min(Math.max(0, y0), y1);
		const inner = area.r0 + d.pad - 1e-6;
		if (nx * nx + ny * ny < inner * inner) return false;
	}
	if (!area.full) {
		// A wedge of at most half a turn is the intersection of two half-planes; a linear
		// function is smallest over a box at one of its corners.
		const lim = d.pad - 1e-6;
		const e = area.edges;
		const left = (e.u0x >= 0 ? e.u0x * y0 : e.u0x * y1) - (e.u0y >= 0 ? e.u0y * x1 : e.u0y * x0);
		if (left < lim) return false;
		const right = (e.u1y >= 0 ? e.u1y * x0 : e.u1y * x1) - (e.u1x >= 0 ? e.u1x * y1 : e.u1x * y0);
		if (right < lim) return false;
	}
	return true;
}

/** Whether a rectangle (world units) lies inside a cell, `pad` clear of its edges. */
export function rectInside(area: CellArea, rect: Rect, pad = 0): boolean {
	const d = { hw: rect.w / 2, hh: rect.h / 2, gap: 0, pad };
	return boxInside(area, d, { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 });
}

/** Whether two boxes of the same size come closer than half the gap. */
function overlaps(d: Dims, p: Pt, q: Pt): boolean {
	return Math.abs(p.x - q.x) < 2 * d.hw + d.gap / 2 && Math.abs(p.y - q.y) < 2 * d.hh + d.gap / 2;
}

function valid(area: CellArea, d: Dims, slots: Pt[]): boolean {
	for (let i = 0; i < slots.length; i++) {
		if (!boxInside(area, d, slots[i]!)) return false;
		for (let j = 0; j < i; j++) if (overlaps(d, slots[i]!, slots[j]!)) return false;
	}
	return true;
}

/** Splits `n` over rows in proportion to their capacities. */
function distribute(n: number, caps: number[]): number[] {
	const total = caps.reduce((a, b) => a + b, 0);
	const counts = caps.map((c) => Math.min(c, Math.floor((n * c) / total)));
	let left = n - counts.reduce((a, b) => a + b, 0);
	while (left > 0) {
		let best = -1;
		for (let j = 0; j < caps.length; j++)
			if (
				counts[j]! < caps[j]! &&
				(best < 0 || caps[j]! - counts[j]! > caps[best]! - counts[best]!)
			)
				best = j;
		if (best < 0) break;
		counts[best]!++;
		left--;
	}
	return counts;
}

/**
 * The angles of `k` tokens on an arc of radius `rho`, centred on `mid` and each as close to its
 * neighbour as the boxes allow at that angle (upright boxes need more room along a slanted arc).
 */
function arcAngles(k: number, rho: number, mid: number, d: Dims): number[] {
	const chord = (theta: number) => separation(d, theta + Math.PI / 2);
	const angleFor = (length: number) =>
		length >= 2 * rho ? Infinity : 2 * Math.asin(length / (2 * rho));
	const step = (theta: number, dir: 1 | -1) => {
		let delta = angleFor(chord(theta));
		delta = angleFor(chord(theta + (dir * delta) / 2));
		return delta * 1.02;
	};
	if (k === 1) return [mid];
	const angles: number[] = [];
	const first = k % 2 === 1 ? 0 : (angleFor(chord(mid)) / 2) * 1.02;
	let up = mid + first;
	let down = mid - first;
	if (k % 2 === 1) angles.push(mid);
	else angles.push(down, up);
	while (angles.length < k) {
		up += step(up, 1);
		angles.push(up);
		if (angles.length === k) break;
		down -= step(down, -1);
		angles.push(down);
	}
	return angles.sort((a, b) => a - b);
}

/** Rows along arcs of an annular sector, centred in it, or null when they do not fit. */
function arcSlots(n: number, area: CellArea, d: Dims): Pt[] | null {
	const mid = (area.a0 + area.a1) / 2;
	const radial = support(d, mid);
	const lo = area.r0 + d.pad + radial;
	const hi = area.r1 - d.pad - radial;
	if (lo > hi) return null;
	const maxRows = Math.floor((hi - lo) / (2 * Math.min(d.hw, d.hh) + d.gap)) + 1;
	const span = area.full ? 2 * Math.PI : area.a1 - area.a0;
	for (let m = 1; m <= maxRows; m++) {
		const rows = Array.from({ length: m }, (_, j) =>
			m === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * j) / (m - 1)
		);
		// A first guess of each row's room from the spacing at the middle; the exact check decides.
		const caps = rows.map((rho) => {
			const along = separation(d, mid + Math.PI / 2);
			if (along >= 2 * rho) return 1;
			const delta = 2 * Math.asin(along / (2 * rho));
			const usable = area.full ? span : span - 2 * Math.asin(Math.min(1, (d.pad + d.hw) / rho));
			return Math.max(
				1,
				Math.floor((area.full ? usable : Math.max(0, usable)) / delta) + (area.full ? 0 : 1)
			);
		});
		if (caps.reduce((a, b) => a + b, 0) < n) continue;
		const counts = distribute(n, caps);
		const slots: Pt[] = [];
		rows.forEach((rho, j) => {
			const k = counts[j]!;
			if (k === 0) return;
			const angles = area.full
				? Array.from({ length: k }, (_, i) => mid + (2 * Math.PI * i) / k)
				: arcAngles(k, rho, mid, d);
			for (const a of angles) slots.push(polar(area.cx, area.cy, rho, a));
		});
		if (valid(area, d, slots)) return slots;
	}
	return null;
}

/** Centred rows across the centre disk, or null when they do not fit. */
function diskSlots(n: number, area: CellArea, d: Dims): Pt[] | null {
	const rowH = 2 * d.hh + d.gap;
	const colW = 2 * d.hw + d.gap;
	const r = area.r1 - d.pad;
	const maxRows = Math.floor((2 * r + d.gap) / rowH);
	for (let m = 1; m <= maxRows; m++) {
		const ys = Array.from({ length: m }, (_, j) => (j - (m - 1) / 2) * rowH);
		const caps = ys.map((y) => {
			const far = Math.abs(y) + d.hh;
			if (far > r) return 0;
			return Math.max(0, Math.floor((2 * Math.sqrt(r * r - far * far) + d.gap) / colW));
		});
		if (caps.reduce((a, b) => a + b, 0) < n) continue;
		const counts = distribute(n, caps);
		const slots: Pt[] = [];
		ys.forEach((y, j) => {
			const k = counts[j]!;
			for (let i = 0; i < k; i++)
				slots.push({ x: area.cx + (i - (k - 1) / 2) * colW, y: area.cy + y });
		});
		return valid(area, d, slots) ? slots : null;
	}
	return null;
}

/** Candidate indices fit in the low bits of a sort key (a cell has some thousands at most). */
const INDEX_BITS = 2 ** 20;

/**
 * Greedy packing on a fine polar grid: candidates nearest the cell's middle arc first (along the
 * arc before across it), each taken when it overlaps none taken before. Tighter than even rows
 * where the cell is crowded or oddly shaped; then moved as a whole to the cell's middle.
 *
 * It runs some tens of times per cell in a first layout (packCell searches the scale), so it is
 * written for speed: the candidates are ordered by one numeric sort of keys (cost, then the
 * order they were made in), and taken boxes are kept in a flat grid of cells one box in size –
 * two boxes in one such cell would overlap, so a cell holds one at most and a candidate only
 * needs the 3 × 3 cells around it.
 */
function greedySlots(n: number, area: CellArea, d: Dims): Pt[] | null {
	const rMid = area.disk ? 0 : (area.r0 + area.r1) / 2;
	const aMid = (area.a0 + area.a1) / 2;
	const span = area.full ? 2 * Math.PI : area.a1 - area.a0;
	const near = Math.min(d.hw, d.hh);
	// A grid finer than the tokens, with some tens of points per token at most.
	const size = (span / 2) * (area.r1 * area.r1 - area.r0 * area.r0);
	// Taken boxes, each with a quarter gap around it, never overlap and lie inside the cell (the
	// quarter gap is less than the padding): when n of them need more area than the cell has, no
	// packing exists at this scale – most of packCell's trials from above end here at once.
	const bw = 2 * d.hw + d.gap / 2;
	const bh = 2 * d.hh + d.gap / 2;
	if (n * bw * bh > size) return null;
	const step = Math.max(near / 2, Math.sqrt(size / (12 * n + 150)));
	const xs: number[] = [];
	const ys: number[] = [];
	const costs: number[] = [];
	const rFrom = area.disk ? 0 : area.r0 + d.pad + near;
	const probe = { x: 0, y: 0 };
	for (let r = rFrom; r <= area.r1 - d.pad - near + 1e-9; r += step) {
		const count = r < 1e-9 ? 1 : Math.max(1, Math.floor((span * r) / step));
		for (let k = 0; k < count; k++) {
			const a = area.full ? aMid + (2 * Math.PI * k) / count : area.a0 + (span * (k + 0.5)) / count;
			probe.x = area.cx + r * Math.cos(a);
			probe.y = area.cy + r * Math.sin(a);
			if (!boxInside(area, d, probe)) continue;
			// In box sizes: a step along the arc costs less than one across it (rows along arcs).
			const along = area.disk ? r / d.hw : (rMid * angleDiff(a, aMid)) / d.hw;
			const across = area.disk ? 0 : (1.5 * (r - rMid)) / d.hh;
			xs.push(probe.x);
			ys.push(probe.y);
			costs.push(along * along + across * across);
		}
	}
	const m = xs.length;
	if (m < n || m >= INDEX_BITS) return null;
	// Key = cost in whole units × 2^20 + index, exact below 2^53: the cost is compared at a
	// millionth of a box size squared, coarser only where costs are huge (tiny tokens).
	let maxCost = 0;
	for (const c of costs) if (c > maxCost) maxCost = c;
	const unit = Math.min(1e6, 2 ** 32 / Math.max(maxCost, 1));
	const keys = new Float64Array(m);
	for (let i = 0; i < m; i++) keys[i] = Math.round(costs[i]! * unit) * INDEX_BITS + i;
	keys.sort();
	// The grid over the cell's bounding square, one box per grid cell, -1 where free.
	const left = area.cx - area.r1 - bw;
	const top = area.cy - area.r1 - bh;
	const cols = Math.ceil((2 * area.r1) / bw) + 3;
	const rows = Math.ceil((2 * area.r1) / bh) + 3;
	const grid = new Int32Array(cols * rows).fill(-1);
	const out: Pt[] = [];
	for (let o = 0; o < m; o++) {
		const i = keys[o]! % INDEX_BITS;
		const x = xs[i]!;
		const y = ys[i]!;
		const gx = Math.floor((x - left) / bw);
		const gy = Math.floor((y - top) / bh);
		let free = true;
		for (let dy = -1; dy <= 1 && free; dy++)
			for (let dx = -1; dx <= 1; dx++) {
				const j = grid[(gy + dy) * cols + gx + dx]!;
				if (j >= 0 && Math.abs(out[j]!.x - x) < bw && Math.abs(out[j]!.y - y) < bh) {
					free = false;
					break;
				}
			}
		if (!free) continue;
		grid[gy * cols + gx] = out.length;
		out.push({ x, y });
		if (out.length === n) return centred(area, d, out);
		// Not enough candidates left for the rest: give up now rather than at the end.
		if (n - out.length > m - o - 1) return null;
	}
	return null;
}

/** Moves a packed set as a whole towards the cell's middle, when it still fits there. */
function centred(area: CellArea, d: Dims, slots: Pt[]): Pt[] {
	const polarOf = (p: Pt) => ({
		r: Math.hypot(p.x - area.cx, p.y - area.cy),
		a: Math.atan2(p.y - area.cy, p.x - area.cx)
	});
	const tries: Pt[][] = [];
	if (area.disk) {
		const mx = slots.reduce((sum, p) => sum + p.x, 0) / slots.length - area.cx;
		const my = slots.reduce((sum, p) => sum + p.y, 0) / slots.length - area.cy;
		tries.push(slots.map((p) => ({ x: p.x - mx, y: p.y - my })));
	} else if (!area.full) {
		const aMid = (area.a0 + area.a1) / 2;
		const rMid = (area.r0 + area.r1) / 2;
		const ps = slots.map(polarOf);
		const da = ps.reduce((sum, p) => sum + angleDiff(p.a, aMid), 0) / ps.length;
		const dr = ps.reduce((sum, p) => sum + p.r, 0) / ps.length - rMid;
		tries.push(ps.map((p) => polar(area.cx, area.cy, p.r - dr, p.a - da)));
		tries.push(ps.map((p) => polar(area.cx, area.cy, p.r, p.a - da)));
	}
	return tries.find((t) => valid(area, d, t)) ?? slots;
}

/** Slots in reading order: row by row outwards, clockwise within a row (disk: top to bottom). */
function readingOrder(area: CellArea, d: Dims, slots: Pt[]): Pt[] {
	const band = 2 * d.hh;
	const key = slots.map((p) => {
		if (area.disk) return { p, row: p.y, along: p.x };
		return {
			p,
			row: Math.hypot(p.x - area.cx, p.y - area.cy),
			along: angleDiff(Math.atan2(p.y - area.cy, p.x - area.cx), area.a0)
		};
	});
	const first = Math.min(...key.map((k) => k.row));
	return key
		.map((k) => ({ ...k, band: Math.round((k.row - first) / band) }))
		.sort((a, b) => a.band - b.band || a.along - b.along)
		.map((k) => k.p);
}

/**
 * Packs `n` tokens into a cell with the first of `boxes` that lets them be largest: the largest
 * scale (at most 1) at which they all fit, found by going down in steps from an estimate to one
 * that fits and then bisecting. Deterministic; no two boxes overlap and every box is inside the
 * cell.
 */
export function packCell(
	n: number,
	area: CellArea,
	boxes: readonly TokenBox[] = [FULL_BOX]
): Packing & { box: TokenBox } {
	// A packing depends on these numbers only: a re-layout (an edit elsewhere on the map, a
	// selection, another tool's change) reuses the packing of every cell whose count and shape
	// stayed the same. A small LRU keeps it bounded.
	const key = `${n}|${area.cx}|${area.cy}|${area.r0}|${area.r1}|${area.a0}|${area.a1}|${area.full}|${area.disk}|${boxes.map((b) => `${b.w},${b.h},${b.side}`).join(';')}`;
	const hit = PACKINGS.get(key);
	if (hit) {
		PACKINGS.delete(key);
		PACKINGS.set(key, hit);
		return { ...hit, slots: hit.slots.map((p) => ({ ...p })) };
	}
	const packing = computePacking(n, area, boxes);
	PACKINGS.set(key, { ...packing, slots: packing.slots.map((p) => ({ ...p })) });
	if (PACKINGS.size > PACKING_CACHE_SIZE) PACKINGS.delete(PACKINGS.keys().next().value!);
	return packing;
}

const PACKING_CACHE_SIZE = 512;
const PACKINGS = new Map<string, Packing & { box: TokenBox }>();

/** Forgets the reused packings (the layout benchmark times a first layout with it). */
export function clearPackingCache(): void {
	PACKINGS.clear();
}

function computePacking(
	n: number,
	area: CellArea,
	boxes: readonly TokenBox[]
): Packing & { box: TokenBox } {
	const first = boxes[0] ?? FULL_BOX;
	if (n === 0) return { scale: 1, slots: [], box: first };
	const size = area.disk
		? Math.PI * area.r1 * area.r1
		: ((area.full ? 2 * Math.PI : area.a1 - area.a0) / 2) * (area.r1 * area.r1 - area.r0 * area.r0);
	const attempt = (box: TokenBox, scale: number): Pt[] | null => {
		const d = dims(box, scale);
		return (area.disk ? diskSlots(n, area, d) : arcSlots(n, area, d)) ?? greedySlots(n, area, d);
	};
	// Down from the estimate until it fits, for each box; the best one is then refined.
	const found = boxes.map((box) => {
		let high = Math.min(1, Math.sqrt((0.6 * size) / (n * box.w * box.h)) * 1.25);
		let low = high;
		let slots = attempt(box, low);
		for (let i = 0; i < 40 && !slots; i++) {
			high = low;
			low *= 0.75;
			slots = attempt(box, low);
		}
		return { box, low, high, slots };
	});
	const best = found.reduce((a, b) => (b.slots && (!a.slots || b.low > a.low * 1.02) ? b : a));
	if (!best.slots) {
		// A cell too small for anything (a frame shrunk to nothing): stack at its middle.
		const middle = area.disk
			? { x: area.cx, y: area.cy }
			: polar(area.cx, area.cy, (area.r0 + area.r1) / 2, (area.a0 + area.a1) / 2);
		return { scale: best.low, slots: Array.from({ length: n }, () => middle), box: best.box };
	}
	let { low, high, slots } = best;
	for (let i = 0; i < 4 && high > low * 1.02; i++) {
		const mid = (low + high) / 2;
		const more = attempt(best.box, mid);
		if (more) {
			low = mid;
			slots = more;
		} else high = mid;
	}
	return { scale: low, slots: readingOrder(area, dims(best.box, low), slots), box: best.box };
}
