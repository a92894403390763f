import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GroupShape, LineShape, Shape } from '../draw/display';
import { renderSvg } from '../draw/svg';
import { frameLayout } from '../frame';
import { CELL } from './arrange';
import { generate } from './generate';
import { genogram } from './index';
import { layoutGenogram, sceneOf } from './layout';
import { S } from './metrics';
import { readGenogram, type GenogramModel } from './model';
import { addMember, addRelative, nudgeMember, setShowBonds, setTwin } from './ops';
import { context, demoBoard, emptyBoard, fortyPersonFamily, person, YEAR } from './test-helpers';

const SIZE = { width: 1800, height: 1124 };

function walk(shapes: readonly Shape[], visit: (s: Shape) => void): void {
	for (const s of shapes) {
		visit(s);
		if (s.type === 'group') walk(s.children, visit);
	}
}

function memberGroups(model: GenogramModel) {
	const list = layoutGenogram(model, SIZE, context);
	const groups: GroupShape[] = [];
	walk(list.shapes, (s) => {
		if (s.type === 'group' && s.hit?.kind === 'member') groups.push(s);
	});
	return { list, groups };
}

/** Symbols and names never overlap: each person's cell (symbol and name) is apart from the others. */
function expectNoOverlap(model: GenogramModel): void {
	const { people } = sceneOf(model, SIZE);
	const cells = [...people.values()].map((p) => ({
		id: p.id,
		x0: p.cx - CELL / 2 + 5,
		x1: p.cx + CELL / 2 - 5,
		y0: p.top,
		y1: p.top + S
	}));
	for (let i = 0; i < cells.length; i++)
		for (let j = i + 1; j < cells.length; j++) {
			const a = cells[i]!;
			const b = cells[j]!;
			const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
			expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false);
		}
}

/**
 * Every child stands a generation below its parents and hangs from its own union's sibling bar,
 * which no other union's bar shares (overlapping bars stand at different heights), so which
 * parents a child has can always be read. `centred`: each union stands over its children.
 */
function expectChildrenUnderParents(model: GenogramModel, centred = false): void {
	layoutGenogram(model, SIZE, context);
	const { arrangement: arr, people, bars } = sceneOf(model, SIZE);
	for (const bar of bars) {
		for (const c of bar.children) {
			const x = people.get(c)!.cx;
			expect(x >= bar.x0 - 0.5 && x <= bar.x1 + 0.5, `${c} under its bar`).toBe(true);
		}
		const place = arr.unions.get(bar.union)!;
		if (model.unions.find((u) => u.id === bar.union)!.partners.length > 0)
			expect(place.x >= bar.x0 - 0.5 && place.x <= bar.x1 + 0.5).toBe(true);
		for (const other of bars)
			if (other !== bar && other.row === bar.row && other.x0 < bar.x1 && bar.x0 < other.x1)
				expect(other.track, `${bar.union} and ${other.union} share a bar`).not.toBe(bar.track);
	}
	const drawn = new Set(bars.flatMap((b) => b.children));
	for (const [child] of arr.primary)
		expect(drawn.has(child), `${child} hangs from a bar`).toBe(true);
	for (const u of model.unions) {
		const own = u.children.filter((l) => arr.primary.get(l.child) === l);
		if (own.length === 0) continue;
		const place = arr.unions.get(u.id)!;
		for (const l of own) expect(people.get(l.child)!.row).toBeGreaterThan(place.row);
		for (const p of u.partners) expect(people.get(p)!.row).toBe(place.row);
		if (centred && u.partners.length > 0) {
			const xs = own.map((l) => people.get(l.child)!.cx);
			expect(place.x, `${u.id} over its children`).toBeGreaterThanOrEqual(Math.min(...xs) - 1);
			expect(place.x, `${u.id} over its children`).toBeLessThanOrEqual(Math.max(...xs) + 1);
		}
		// Birth order left to right among the union's children who have no other parent set in
		// the picture (a child whose partner's parents are drawn too may stand at the end).
		const single = (id: string) =>
			arr.blockOf.get(id)!.persons.filter((p) => arr.primary.has(p)).length === 1;
		const ordered = own.map((l) => people.get(l.child)!).filter((p) => single(p.id));
		for (let i = 1; i < ordered.length; i++)
			if (ordered[i]!.row === ordered[i - 1]!.row)
				expect(ordered[i]!.cx, `${u.id}: birth order`).toBeGreaterThan(ordered[i - 1]!.cx);
	}
}

describe('genogram layout', () => {
	it('draws the demo family in three generations with partners side by side and children under their union', () => {
		const model = readGenogram(demoBoard().data, YEAR);
		const { arrangement: arr, people } = sceneOf(model, SIZE);
		const row = (id: string) => people.get(`person-${id}`)!.row;
		expect([row('birgit'), row('carstens-far')]).toEqual([0, 0]);
		expect([row('line'), row('carsten'), row('holm')]).toEqual([1, 1, 1]);
		expect([row('sara'), row('mikkel')]).toEqual([2, 2]);
		const line = people.get('person-line')!;
		const carsten = people.get('person-carsten')!;
		expect(arr.unions.get('geno-union-line-carsten')!.adjacent).toBe(true);
		// Sara (older) left of Mikkel, both centred under Line and Carsten's union.
		const sara = people.get('person-sara')!.cx;
		const mikkel = people.get('person-mikkel')!.cx;
		expect(sara).toBeLessThan(mikkel);
		expect((sara + mikkel) / 2).toBeCloseTo(arr.unions.get('geno-union-line-carsten')!.x, 0);
		expect(Math.abs(line.cx - carsten.cx)).toBe(CELL + 60);
		expect(arr.crossings).toBe(0);
		expectNoOverlap(model);
		expectChildrenUnderParents(model, true);
	});

	it('draws a placed child once, under its birth parents, dotted to its foster carers', () => {
		const model = readGenogram(demoBoard().data, YEAR);
		const { list, groups } = memberGroups(model);
		expect(groups.filter((g) => g.hit?.id === 'person-sara')).toHaveLength(1);
		const { people, k, ox, oy } = sceneOf(model, SIZE);
		const sara = people.get('person-sara')!;
		const foster: LineShape[] = [];
		walk(list.shapes, (s) => {
			if (
				s.type === 'line' &&
				s.points.length >= 8 &&
				s.dash &&
				s.dash[0]! < 3 * k &&
				s.stroke === '#8a4b00'
			)
				foster.push(s);
		});
		expect(foster).toHaveLength(2);
		// One dotted line ends at Sara's symbol, the other at Mikkel's.
		const ends = foster.map((l) => [(l.points.at(-2)! - ox) / k, (l.points.at(-1)! - oy) / k]);
		expect(
			ends.some(([x, y]) => Math.abs(x! - sara.cx) < S / 2 && Math.abs(y! - sara.top) < 8)
		).toBe(true);
		// The placed marker and the legend's entries for it.
		const texts: string[] = [];
		walk(list.shapes, (s) => s.type === 'text' && texts.push(...s.lines));
		expect(texts.filter((t) => t === 'Anbragt')).toHaveLength(2);
		expect(texts).toEqual(
			expect.arrayContaining([
				'Plejebarn (til plejefamilien)',
				'Separeret',
				'Indeksbarn (sagen handler',
				'Plejefamilien Holm'
			])
		);
	});

	it('puts successive partners left to right and their children under their own union, without crossings', () => {
		const { data } = emptyBoard();
		const carsten = person('Carsten', 'male', 1988);
		addMember(data, carsten);
		const line = person('Line', 'female', 1992);
		const nina = person('Nina', 'female', 1990);
		addRelative(data, carsten.person.id, 'partner', { ...line, unionKind: 'divorced' }, 'u1');
		addRelative(data, carsten.person.id, 'partner', { ...nina, unionKind: 'cohabiting' }, 'u2');
		const kids1 = [person('Sara', 'female', 2017), person('Mikkel', 'male', 2020)];
		const kids2 = [person('Ida', 'female', 2023), person('Emil', 'male', 2025)];
		for (const k of kids1)
			addRelative(data, carsten.person.id, 'child', { ...k, union: 'u1' }, 'x');
		for (const k of kids2)
			addRelative(data, carsten.person.id, 'child', { ...k, union: 'u2' }, 'x');
		const model = readGenogram(data, YEAR);
		const { arrangement: arr, people } = sceneOf(model, SIZE);
		const x = (p: { person: { id: string } }) => people.get(p.person.id)!.cx;
		expect(x(line)).toBeLessThan(x(carsten));
		expect(x(carsten)).toBeLessThan(x(nina));
		expect(Math.max(...kids1.map(x))).toBeLessThan(Math.min(...kids2.map(x)));
		expect(arr.crossings).toBe(0);
		expectNoOverlap(model);
		expectChildrenUnderParents(model, true);
	});

	it("draws twins' child lines from one point, with a bar for identical twins", () => {
		const { data } = demoBoard();
		setTwin(data, 'geno-union-line-carsten', 'person-sara', 'person-mikkel', true, 'tw');
		const model = readGenogram(data, YEAR);
		const { list } = memberGroups(model);
		const { people, k, ox } = sceneOf(model, SIZE);
		const apex = (people.get('person-sara')!.cx + people.get('person-mikkel')!.cx) / 2;
		const diagonals: LineShape[] = [];
		walk(list.shapes, (s) => {
			if (
				s.type === 'line' &&
				s.points.length === 4 &&
				Math.abs((s.points[0]! - ox) / k - apex) < 0.5 &&
				s.points[0] !== s.points[2]
			)
				diagonals.push(s);
		});
		expect(diagonals).toHaveLength(2);
		expect(
			model.unions
				.find((u) => u.id === 'geno-union-line-carsten')!
				.children.every((l) => l.identical)
		).toBe(true);
		const texts: string[] = [];
		walk(list.shapes, (s) => s.type === 'text' && texts.push(...s.lines));
		expect(texts).toContain('Enæggede tvillinger');
	});

	it('draws adopted children dashed and foster children dotted', () => {
		const { data } = demoBoard();
		const liva = person('Liva', 'female', 2012);
		addRelative(data, 'person-birgit', 'child', { ...liva, kind: 'adopted' }, 'x');
		const model = readGenogram(data, YEAR);
		const { list } = memberGroups(model);
		const { k } = sceneOf(model, SIZE);
		const dashes = new Set<string>();
		walk(list.shapes, (s) => {
			if (s.type === 'line' && s.dash) dashes.add(s.dash.map((d) => Math.round(d / k)).join(','));
		});
		expect(dashes).toContain('12,8');
		expect(dashes).toContain('2,7');
	});

	it('lays out a 40-person four-generation family without overlaps, every child under its own union', () => {
		const { data } = fortyPersonFamily();
		const model = readGenogram(data, YEAR);
		expect(model.members.size).toBe(40);
		expect(model.repaired).toEqual([]);
		const { arrangement } = sceneOf(model, SIZE);
		expect(arrangement.rows).toBe(4);
		expectNoOverlap(model);
		expectChildrenUnderParents(model);
	});

	it('random families: never overlapping, deterministic, children below their own union (property)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000 }),
				fc.integer({ min: 2, max: 50 }),
				(seed, count) => {
					const a = emptyBoard();
					generate(a.data, count, seed);
					const model = readGenogram(a.data, YEAR);
					expectNoOverlap(model);
					expectChildrenUnderParents(model);
					// The same family on another client lays out the same.
					const b = emptyBoard();
					generate(b.data, count, seed);
					const again = layoutGenogram(readGenogram(b.data, YEAR), SIZE, context);
					expect(again).toEqual(layoutGenogram(model, SIZE, context));
				}
			),
			{ numRuns: Number(process.env.GENO_RUNS ?? 25) }
		);
	}, 600_000);

	it('keeps manual nudges across re-layouts', () => {
		const { data } = demoBoard();
		const before = sceneOf(readGenogram(data, YEAR), SIZE).people.get('person-birgit')!;
		nudgeMember(data, 'person-birgit', -40, 12);
		// Someone else adds a person: the layout runs again, the nudge stays.
		addRelative(data, 'person-line', 'sibling', person('Lise', 'female', 1995), 'x');
		const after = sceneOf(readGenogram(data, YEAR), SIZE);
		const birgit = after.people.get('person-birgit')!;
		const auto = (after.arrangement.xOf.get('person-birgit') ?? 0) - 40;
		expect(birgit.cx).toBe(auto);
		expect(birgit.top - before.top).toBe(12);
	});

	it('hides the emotional layer when switched off, keeping the switch in the legend', () => {
		const { data } = demoBoard();
		const count = (m: GenogramModel) => {
			let n = 0;
			walk(
				layoutGenogram(m, SIZE, context).shapes,
				(s) => s.type === 'group' && s.hit?.kind === 'bond' && n++
			);
			return n;
		};
		expect(count(readGenogram(data, YEAR))).toBe(3);
		setShowBonds(data, false);
		const hidden = readGenogram(data, YEAR);
		expect(count(hidden)).toBe(0);
		const texts: string[] = [];
		walk(
			layoutGenogram(hidden, SIZE, context).shapes,
			(s) => s.type === 'text' && texts.push(...s.lines)
		);
		expect(texts).toContain('Følelsesmæssige bånd: skjult');
		expect(texts).not.toContain('Konflikt');
	});

	it('renders the demo family as SVG', () => {
		const model = readGenogram(demoBoard().data, YEAR);
		const svg = renderSvg(frameLayout(genogram, model, 1800, 1200, context), {
			title: 'Genogram',
			background: '#ffffff'
		});
		mkdirSync('test-results/genogram', { recursive: true });
		writeFileSync('test-results/genogram/demo.svg', svg);
		for (const name of [
			'Birgit',
			'Carstens far',
			'Line',
			'Carsten',
			'Sara',
			'Mikkel',
			'Signaturforklaring'
		])
			expect(svg).toContain(`>${name}<`);
		expect(svg).toContain('† 2023');
		expect(svg).toContain('g. 2015 · sep. 2024');
		expect(svg).toMatch(/<path d="M[^"]+Z" fill="rgba\(11,100,112,0.05\)" stroke="#8a4b00"/);
		expect(svg.match(/<text[^>]*>Anbragt<\/text>/g)).toHaveLength(2);
	});
});

describe('genogram layout in a narrow frame', () => {
	it('puts the legend below the diagram, overlapping no symbol', () => {
		const model = readGenogram(demoBoard().data, YEAR);
		const size = { width: 900, height: 1100 };
		const list = layoutGenogram(model, size, context);
		const legend = list.shapes.at(-1)!;
		expect(legend.type).toBe('group');
		const top = (legend as { y: number }).y;
		const { people, k, oy } = sceneOf(model, size);
		for (const p of people.values()) expect(oy + (p.top + S + 110) * k).toBeLessThan(top);
	});
});
