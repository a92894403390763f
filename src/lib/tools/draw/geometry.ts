/** Small pure geometry shared by the renderers and the layouts. */

export interface Pt {
	x: number;
	y: number;
}

/** The triangle of an arrow head at the end of a polyline, `size` long; null for a zero segment. */
export function arrowHead(points: readonly number[], size: number): [Pt, Pt, Pt] | null {
	const n = points.length;
	if (n < 4) return null;
	const x1 = points[n - 2]!;
	const y1 = points[n - 1]!;
	const x0 = points[n - 4]!;
	const y0 = points[n - 3]!;
	const len = Math.hypot(x1 - x0, y1 - y0);
	if (len === 0) return null;
	const ux = (x1 - x0) / len;
	const uy = (y1 - y0) / len;
	const bx = x1 - ux * size;
	const by = y1 - uy * size;
	const half = size * 0.5;
	return [
		{ x: x1, y: y1 },
		{ x: bx - uy * half, y: by + ux * half },
		{ x: bx + uy * half, y: by - ux * half }
	];
}

/** Point at angle `a` (radians, 0 = right, clockwise on screen) and radius `r` around (cx, cy). */
export function polar(cx: number, cy: number, r: number, a: number): Pt {
	return { x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
}

/** SVG path data of an annular sector (a ring cell) between radii r0 < r1 and angles a0 < a1. */
export function annularSector(
	cx: number,
	cy: number,
	r0: number,
	r1: number,
	a0: number,
	a1: number
): string {
	const f = (n: number) => String(Math.round(n * 100) / 100);
	const large = a1 - a0 > Math.PI ? 1 : 0;
	const p0 = polar(cx, cy, r1, a0);
	const p1 = polar(cx, cy, r1, a1);
	const p2 = polar(cx, cy, r0, a1);
	const p3 = polar(cx, cy, r0, a0);
	if (r0 <= 0)
		return `M${f(cx)} ${f(cy)}L${f(p0.x)} ${f(p0.y)}A${f(r1)} ${f(r1)} 0 ${large} 1 ${f(p1.x)} ${f(p1.y)}Z`;
	return (
		`M${f(p0.x)} ${f(p0.y)}A${f(r1)} ${f(r1)} 0 ${large} 1 ${f(p1.x)} ${f(p1.y)}` +
		`L${f(p2.x)} ${f(p2.y)}A${f(r0)} ${f(r0)} 0 ${large} 0 ${f(p3.x)} ${f(p3.y)}Z`
	);
}
