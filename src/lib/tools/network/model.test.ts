import { describe, expect, it } from 'vitest';
import { NESTED } from '../../board/keys';
import { ensureMap, insertRecord } from '../data';
import { cellId, DEFAULT_SECTORS, parseCell, readNetwork, ringCount, RINGS_KEY } from './model';
import { boardWithPeople } from './test-data';

function rawPlacement(
	data: ReturnType<typeof boardWithPeople>['data'],
	id: string,
	fields: object
) {
	insertRecord(
		ensureMap(data.root, NESTED.network.placements),
		id,
		fields as Record<string, unknown>
	);
}

describe('network model', () => {
	it('shows the default sectors and three rings on an empty map, and writes nothing', () => {
		const { doc, data } = boardWithPeople();
		let updates = 0;
		doc.on('update', () => updates++);
		const model = readNetwork(data);
		expect(model.rings).toBe(3);
		expect(model.sectors.map((s) => [s.id, s.name, s.virtual])).toEqual(
			DEFAULT_SECTORS.map((s) => [s.id, s.name, true])
		);
		expect(model.people).toEqual([]);
		expect(updates).toBe(0);
	});

	it('reads placements with the person from the registry, by name', () => {
		const { data } = boardWithPeople();
		rawPlacement(data, 'person-line', { ring: 0, sector: 'familie' });
		rawPlacement(data, 'person-birgit', {
			ring: 0,
			sector: 'familie',
			resource: 'resource',
			help: 'kan hente børnene'
		});
		rawPlacement(data, 'person-sara', { ring: 0, sector: 'familie', centre: true });
		const model = readNetwork(data);
		expect(model.people.map((p) => [p.name, p.role, p.resource, p.centre])).toEqual([
			['Birgit', 'mormor', 'resource', false],
			['Line', 'mor', 'neutral', false],
			['Sara', 'barn (anbragt)', 'neutral', true]
		]);
		expect(model.people[0]!.initials).toBe('BI');
	});

	it('skips records that fail their validator (an old or hostile peer) without throwing', () => {
		const { data } = boardWithPeople();
		const placements = ensureMap(data.root, NESTED.network.placements);
		rawPlacement(data, 'person-line', { ring: 'inner', sector: 'familie' });
		rawPlacement(data, 'person-carsten', { ring: 1 });
		rawPlacement(data, 'person-birgit', { ring: 0, sector: 'familie', resource: 'evil' });
		rawPlacement(data, 'person-anne', { ring: -1, sector: 'professionelle' });
		rawPlacement(data, 'person-jonas', { ring: 1.5, sector: 'professionelle' });
		rawPlacement(data, 'nobody', { ring: 0, sector: 'familie' });
		placements.set('person-mette', 'not a map' as never);
		rawPlacement(data, 'person-karim', { ring: 1, sector: 'professionelle' });
		const links = ensureMap(data.root, NESTED.network.links);
		insertRecord(links, 'self', { a: 'person-karim', b: 'person-karim' });
		insertRecord(links, 'dangling', { a: 'person-karim', b: 'nobody' });
		insertRecord(links, 'bad-kind', { a: 'person-karim', b: 'person-line', kind: 'zigzag' });
		const sectors = ensureMap(data.root, NESTED.network.sectors);
		insertRecord(sectors, 'empty-name', { name: '', order: 'a0' });
		data.root.set(RINGS_KEY, 9);
		const model = readNetwork(data);
		expect(model.people.map((p) => p.id)).toEqual(['person-karim']);
		expect(model.links).toEqual([]);
		expect(model.rings).toBe(3);
		// Only invalid sectors stored: the defaults are shown.
		expect(model.sectors.map((s) => s.id)).toEqual(DEFAULT_SECTORS.map((s) => s.id));
	});

	it('shows a ring beyond the count in the outermost ring and an unknown sector under "Andet"', () => {
		const { data } = boardWithPeople();
		rawPlacement(data, 'person-line', { ring: 4, sector: 'familie' });
		rawPlacement(data, 'person-carsten', { ring: 1, sector: 'gone' });
		const model = readNetwork(data);
		const line = model.people.find((p) => p.id === 'person-line')!;
		const carsten = model.people.find((p) => p.id === 'person-carsten')!;
		expect([line.ring, line.shownRing]).toEqual([4, 2]);
		expect([carsten.sector, carsten.shownSector]).toEqual(['gone', 'andet']);
		expect(model.sectors.at(-1)).toMatchObject({ id: 'andet', name: 'Andet', virtual: true });
	});

	it('keeps only links whose both ends are on the map', () => {
		const { data } = boardWithPeople();
		rawPlacement(data, 'person-line', { ring: 0, sector: 'familie' });
		rawPlacement(data, 'person-birgit', { ring: 0, sector: 'familie' });
		const links = ensureMap(data.root, NESTED.network.links);
		insertRecord(links, 'l1', { a: 'person-line', b: 'person-birgit', kind: 'weak' });
		insertRecord(links, 'l2', { a: 'person-line', b: 'person-anne' });
		expect(readNetwork(data).links.map((l) => [l.id, l.kind, l.aName, l.bName])).toEqual([
			['l1', 'weak', 'Line', 'Birgit']
		]);
	});

	it('reads ring counts 2–5 and cell ids both ways', () => {
		expect([1, 2, 5, 6, 2.5, '3', null].map(ringCount)).toEqual([3, 2, 5, 3, 3, 3, 3]);
		expect(cellId({ centre: true })).toBe('centre');
		expect(parseCell('familie:2')).toEqual({ centre: false, sector: 'familie', ring: 2 });
		expect(parseCell('a:b:1')).toEqual({ centre: false, sector: 'a:b', ring: 1 });
		expect(parseCell('centre')).toEqual({ centre: true });
		for (const bad of ['familie', ':1', 'familie:-1', 'familie:x', 'familie:1.5'])
			expect(parseCell(bad)).toBeNull();
	});

	it('reads a v1-shaped map (no ring count, no centre, no link kind) as valid', () => {
		const { data } = boardWithPeople();
		const sectors = ensureMap(data.root, NESTED.network.sectors);
		insertRecord(sectors, 's1', { name: 'Familie', order: 'a0' });
		insertRecord(sectors, 's2', { name: 'Venner', order: 'a1' });
		rawPlacement(data, 'person-birgit', { ring: 5, sector: 's1', resource: 'resource', help: 'x' });
		insertRecord(ensureMap(data.root, NESTED.network.links), 'l', {
			a: 'person-birgit',
			b: 'person-birgit'
		});
		const model = readNetwork(data);
		expect(model.sectors.map((s) => [s.id, s.virtual])).toEqual([
			['s1', false],
			['s2', false]
		]);
		expect(model.people[0]).toMatchObject({ ring: 5, shownRing: 2, centre: false });
	});
});
