import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NESTED } from '../../board/keys';
import { ensureMap, insertRecord } from '../data';
import { hitGroups, type GroupShape, type Shape, type TextShape } from '../draw/display';
import { renderSvg } from '../draw/svg';
import { frameLayout } from '../frame';
import { addPerson } from '../people';
import type { Size } from '../types';
import { network } from './index';
import {
	cellArea,
	cellAt,
	cellBox,
	nameLines,
	roleLines,
	layoutNetwork,
	networkGeometry,
	packCell,
	placeTokens,
	rectInside,
	type Rect
} from './layout';
import { cellId, cellOf, DEFAULT_SECTORS, readNetwork, RINGS_KEY } from './model';
import { addSector, placePerson } from './ops';
import { boardWithPeople, context } from './test-data';

const SIZE: Size = { width: 1760, height: 1224 };

function overlap(a: Rect, b: Rect): boolean {
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** A map with `count` people in one cell (named so that names vary in length). */
function crowded(count: number, cell = { sector: 'familie', ring: 0 }, rings = 3) {
	const { data } = boardWithPeople([]);
	data.root.set(RINGS_KEY, rings);
	for (let i = 0; i < count; i++) {
		const id = `p${i}`;
		addPerson(data, {
			id,
			name: `${'Person'.slice(0, 1 + (i % 6))} ${i}`,
			relation: i % 3 ? 'nabo' : ''
		});
		placePerson(data, id, { cell: { centre: false, ...cell } });
	}
	return data;
}

/** Every token's box is inside its cell and overlaps no other token's box. */
function expectTidy(data: ReturnType<typeof crowded>, size: Size = SIZE): void {
	const model = readNetwork(data);
	const geo = networkGeometry(model, size);
	const places = placeTokens(model, geo);
	const list = [...places.entries()];
	expect(list).toHaveLength(model.people.length);
	for (const [id, place] of list) {
		const person = model.people.find((p) => p.id === id)!;
		const area = cellArea(geo, cellOf(person))!;
		expect(rectInside(area, place.box), `${id} inside its cell`).toBe(true);
	}
	for (let i = 0; i < list.length; i++)
		for (let j = 0; j < i; j++)
			expect(overlap(list[i]![1].box, list[j]![1].box), `${list[i]![0]} / ${list[j]![0]}`).toBe(
				false
			);
}

describe('network layout', () => {
	it('spreads 50 people in one cell so that no two tokens overlap, all inside the cell', () => {
		const data = crowded(50);
		expectTidy(data);
		const places = [
			...placeTokens(readNetwork(data), networkGeometry(readNetwork(data), SIZE)).values()
		];
		// Crowded tokens are smaller than the tokens of a cell with one person.
		expect(places[0]!.scale).toBeLessThan(0.5);
		expect(new Set(places.map((p) => p.cell))).toEqual(new Set(['familie:0']));
	});

	it('spreads any number of people over any cells, rings and sectors without overlaps', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 2, max: 5 }),
				fc.integer({ min: 1, max: 8 }),
				fc.array(fc.tuple(fc.nat(7), fc.nat(4), fc.boolean()), { minLength: 1, maxLength: 70 }),
				fc.tuple(fc.integer({ min: 480, max: 2400 }), fc.integer({ min: 244, max: 1800 })),
				(rings, sectorCount, spots, [width, height]) => {
					const { data } = boardWithPeople([]);
					data.root.set(RINGS_KEY, rings);
					for (let s = DEFAULT_SECTORS.length; s < sectorCount; s++)
						addSector(data, `s${s}`, `Sektor ${s}`);
					const sectors = readNetwork(data)
						.sectors.slice(0, sectorCount)
						.map((s) => s.id);
					spots.forEach(([sector, ring, centre], i) => {
						addPerson(data, { id: `p${i}`, name: `Navn ${i}`, title: i % 2 ? 'pædagog' : '' });
						placePerson(data, `p${i}`, {
							cell:
								centre && i % 5 === 0
									? { centre: true }
									: { centre: false, sector: sectors[sector % sectors.length]!, ring: ring % rings }
						});
					});
					expectTidy(data, { width, height });
				}
			),
			{ numRuns: 60, seed: 42 }
		);
	});

	it('is deterministic', () => {
		const data = crowded(23, { sector: 'venner', ring: 1 });
		const model = readNetwork(data);
		expect(JSON.stringify(layoutNetwork(model, SIZE, context()))).toBe(
			JSON.stringify(layoutNetwork(readNetwork(data), SIZE, context()))
		);
	});

	it('puts each token in the cell it belongs to, as the pointer finds it (drop snaps there)', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const model = readNetwork(data);
		const geo = networkGeometry(model, SIZE);
		for (const [id, place] of placeTokens(model, geo)) {
			const person = model.people.find((p) => p.id === id)!;
			expect(cellId(cellAt(geo, place)), id).toBe(cellId(cellOf(person)));
		}
		// Far outside the circle snaps to the outermost ring of that side's sector.
		expect(cellAt(geo, { x: geo.cx, y: geo.cy - geo.R * 3 })).toEqual({
			centre: false,
			sector: 'familie',
			ring: 2
		});
		expect(cellAt(geo, { x: geo.cx + 1, y: geo.cy })).toEqual({ centre: true });
	});

	it('packs one person at full size and shrinks step by step as a cell fills', () => {
		const model = readNetwork(crowded(1));
		const geo = networkGeometry(model, SIZE);
		const area = cellArea(geo, { centre: false, sector: 'familie', ring: 1 })!;
		const box = cellBox([{ names: nameLines('Birgit'), roles: roleLines('mormor') }]);
		const scales = [1, 3, 8, 20, 60].map((n) => packCell(n, area, [box]).scale);
		expect(scales[0]).toBe(1);
		for (let i = 1; i < scales.length; i++) expect(scales[i]!).toBeLessThanOrEqual(scales[i - 1]!);
	});

	it('hides token text when tokens are too small to read, keeping the tokens', () => {
		const data = crowded(120);
		const model = readNetwork(data);
		const list = layoutNetwork(model, SIZE, context());
		const tokens = hitGroups(list.shapes).filter((g) => g.group.hit?.kind === 'person');
		expect(tokens).toHaveLength(120);
		for (const { group } of tokens) {
			const initials = model.people.find((p) => p.id === group.hit!.id)!.initials;
			const texts = group.children.filter(
				(c): c is TextShape => c.type === 'text' && c.lines[0] !== initials
			);
			expect(texts.length).toBeGreaterThan(0);
			for (const text of texts) expect(text.minScale).toBeGreaterThan(1);
		}
		// At 100 % the names of the crowded cell are left out; zoomed in they are drawn.
		expect(renderSvg(list, { scale: 1 })).not.toContain('>Perso 4<');
		expect(renderSvg(list, { scale: 10 })).toContain('>Perso 4<');
	});

	it('gives every cell, token and line a hit for the canvas', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const model = readNetwork(data);
		const hits = hitGroups(layoutNetwork(model, SIZE, context()).shapes).map((g) => g.group.hit!);
		const kinds = (kind: string) => hits.filter((h) => h.kind === kind);
		expect(kinds('cell')).toHaveLength(model.sectors.length * model.rings + 1);
		expect(kinds('person').map((h) => [h.id, h.draggable])).toHaveLength(model.people.length);
		expect(kinds('person').every((h) => h.draggable)).toBe(true);
		expect(
			kinds('link')
				.map((h) => h.id)
				.sort()
		).toEqual(model.links.map((l) => l.id).sort());
	});

	it('highlights the selected person and cell', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const model = readNetwork(data);
		const plain = layoutNetwork(model, SIZE, context());
		const withPerson = layoutNetwork(
			model,
			SIZE,
			context({ tool: 'network', kind: 'person', id: 'person-birgit' })
		);
		const token = (shapes: Shape[]) =>
			hitGroups(shapes).find((g) => g.group.hit?.id === 'person-birgit')!.group as GroupShape;
		expect(JSON.stringify(token(withPerson.shapes))).toContain('#1d4e89');
		expect(JSON.stringify(token(plain.shapes))).not.toContain('#1d4e89');
		const withCell = layoutNetwork(
			model,
			SIZE,
			context({ tool: 'network', kind: 'cell', id: 'venner:1' })
		);
		expect(withCell.shapes.length).toBe(plain.shapes.length + 1);
	});

	it('skips invalid records: the view never crashes', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const placements = ensureMap(data.root, NESTED.network.placements);
		insertRecord(placements, 'person-anne', { ring: 'x', sector: 42 });
		placements.set('person-jonas', 7 as never);
		insertRecord(ensureMap(data.root, NESTED.network.links), 'evil', { a: '<script>', b: null });
		insertRecord(ensureMap(data.root, NESTED.network.sectors), 'evil', { name: '<b>', order: 5 });
		data.root.set(RINGS_KEY, 'many');
		const model = readNetwork(data);
		expect(model.people.map((p) => p.id)).not.toContain('person-anne');
		const svg = renderSvg(frameLayout(network, model, 1760, 1300, context()));
		expect(svg).toContain('Birgit');
		expect(svg).not.toContain('<script>');
	});

	it('draws the demo map as SVG: rings, sectors, the children in the centre, a legend', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const model = readNetwork(data);
		const svg = renderSvg(frameLayout(network, model, network.size.w, network.size.h, context()), {
			title: 'Netværkskort'
		});
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
		// Balanced groups, and the same picture every time.
		expect(svg.match(/<g[ >]/g)?.length).toBe(svg.match(/<\/g>/g)?.length);
		expect(
			renderSvg(
				frameLayout(network, readNetwork(data), network.size.w, network.size.h, context()),
				{ title: 'Netværkskort' }
			)
		).toBe(svg);
		for (const text of [
			'Netværkskort',
			'Familie',
			'Venner og',
			'Professionelle',
			'Sådan læses kortet',
			'Ressource – kan hjælpe',
			'Kontakten er brudt',
			'Hvem kan familien gå til?',
			'Birgit: kan hente børnene',
			'Sara',
			'Mikkel',
			'Plejefamilien'
		])
			expect(svg, text).toContain(`>${text}`);
		// Twelve cells (4 sectors × 3 rings) as ring pieces, the dashed and the broken line.
		expect(svg.match(/<path d="M[^"]*A[^"]*A[^"]*Z"/g)?.length).toBe(12);
		expect(svg).toContain('stroke-dasharray="14 10"');
		// The children are in the centre of the circle.
		const geo = networkGeometry(model, { width: network.size.w, height: network.size.h - 76 });
		const places = placeTokens(model, geo);
		for (const id of ['person-sara', 'person-mikkel']) {
			const p = places.get(id)!;
			expect(Math.hypot(p.x - geo.cx, p.y - geo.cy)).toBeLessThan(geo.radii[0]!);
		}
	});

	it('lays the legend below the map in a tall frame, and still fits small frames', () => {
		const { data } = boardWithPeople();
		network.demo!(data, new Date());
		const model = readNetwork(data);
		const tall = networkGeometry(model, { width: 800, height: 1400 });
		expect(tall.legend.y).toBeGreaterThan(tall.cy + tall.R);
		expectTidy(data, { width: 480, height: 244 });
		expectTidy(data, { width: 800, height: 1400 });
	});
});
