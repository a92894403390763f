/**
 * The outline of a union of axis-aligned rectangles as SVG path data with rounded corners (pure):
 * the household boundary drawn around the people who live together.
 */

export interface Box {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export function boxesIntersect(a: Box, b: Box): boolean {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * The boundary loops of the union of `boxes` (outer loops clockwise on screen, holes the other
 * way), as lists of corner points with collinear points removed.
 */
export function unionLoops(boxes: readonly Box[]): { x: number; y: number }[][] {
	if (boxes.length === 0) return [];
	const xs = [...new Set(boxes.flatMap((b) => [b.x0, b.x1]))].sort((a, b) => a - b);
	const ys = [...new Set(boxes.flatMap((b) => [b.y0, b.y1]))].sort((a, b) => a - b);
	const w = xs.length - 1;
	const h = ys.length - 1;
	const filled = new Uint8Array(Math.max(0, w * h));
	const xi = new Map(xs.map((x, i) => [x, i]));
	const yi = new Map(ys.map((y, i) => [y, i]));
	for (const b of boxes) {
		if (b.x1 <= b.x0 || b.y1 <= b.y0) continue;
		for (let j = yi.get(b.y0)!; j < yi.get(b.y1)!; j++)
			for (let i = xi.get(b.x0)!; i < xi.get(b.x1)!; i++) filled[j * w + i] = 1;
	}
	const at = (i: number, j: number) =>
		i >= 0 && j >= 0 && i < w && j < h && filled[j * w + i] === 1;
	// Directed boundary edges with the filled cell on the right (screen coordinates, y down).
	const next = new Map<string, [number, number][]>();
	const key = (i: number, j: number) => `${i},${j}`;
	const add = (a: [number, number], b: [number, number]) => {
		const k = key(a[0], a[1]);
		next.set(k, [...(next.get(k) ?? []), b]);
	};
	for (let j = 0; j < h; j++)
		for (let i = 0; i < w; i++) {
			if (!at(i, j)) continue;
			if (!at(i, j - 1)) add([i, j], [i + 1, j]);
			if (!at(i + 1, j)) add([i + 1, j], [i + 1, j + 1]);
			if (!at(i, j + 1)) add([i + 1, j + 1], [i, j + 1]);
			if (!at(i - 1, j)) add([i, j + 1], [i, j]);
		}
	const loops: { x: number; y: number }[][] = [];
	for (;;) {
		const startKey = [...next.keys()].find((k) => (next.get(k)?.length ?? 0) > 0);
		if (!startKey) break;
		const [si, sj] = startKey.split(',').map(Number) as [number, number];
		const loop: [number, number][] = [[si, sj]];
		let cur: [number, number] = [si, sj];
		let dir: [number, number] | null = null;
		for (let guard = 0; guard < 100_000; guard++) {
			const options = next.get(key(cur[0], cur[1])) ?? [];
			if (options.length === 0) break;
			// At a corner shared by two loops, turn right first (keeps loops apart).
			let pick = 0;
			if (options.length > 1 && dir) {
				const d = dir;
				const score = (o: [number, number]) => {
					const dx = o[0] - cur[0];
					const dy = o[1] - cur[1];
					return d[0] * dy - d[1] * dx;
				};
				pick = options.map(score).reduce((best, s, i, all) => (s > all[best]! ? i : best), 0);
			}
			const to = options.splice(pick, 1)[0]!;
			dir = [to[0] - cur[0], to[1] - cur[1]];
			cur = to;
			if (cur[0] === si && cur[1] === sj) break;
			loop.push(cur);
		}
		const pts = loop.map(([i, j]) => ({ x: xs[i]!, y: ys[j]! }));
		loops.push(simplify(pts));
	}
	return loops.filter((l) => l.length >= 4);
}

function simplify(points: { x: number; y: number }[]): { x: number; y: number }[] {
	const out: { x: number; y: number }[] = [];
	const n = points.length;
	for (let i = 0; i < n; i++) {
		const a = points[(i + n - 1) % n]!;
		const b = points[i]!;
		const c = points[(i + 1) % n]!;
		const collinear = (a.x === b.x && b.x === c.x) || (a.y === b.y && b.y === c.y);
		if (!collinear) out.push(b);
	}
	return out;
}

const f = (n: number) => String(Math.round(n * 100) / 100);

/** Path data of closed loops with corners rounded by up to `radius`. */
export function roundedPath(loops: { x: number; y: number }[][], radius: number): string {
	let d = '';
	for (const loop of loops) {
		const n = loop.length;
		for (let i = 0; i < n; i++) {
			const prev = loop[(i + n - 1) % n]!;
			const p = loop[i]!;
			const nextP = loop[(i + 1) % n]!;
			const lin = Math.hypot(p.x - prev.x, p.y - prev.y);
			const lout = Math.hypot(nextP.x - p.x, nextP.y - p.y);
			const r = Math.min(radius, lin / 2, lout / 2);
			const ax = p.x + ((prev.x - p.x) / (lin || 1)) * r;
			const ay = p.y + ((prev.y - p.y) / (lin || 1)) * r;
			const bx = p.x + ((nextP.x - p.x) / (lout || 1)) * r;
			const by = p.y + ((nextP.y - p.y) / (lout || 1)) * r;
			d += `${i === 0 ? 'M' : 'L'}${f(ax)} ${f(ay)}Q${f(p.x)} ${f(p.y)} ${f(bx)} ${f(by)}`;
		}
		d += 'Z';
	}
	return d;
}
