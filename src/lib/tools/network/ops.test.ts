import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData } from '../data';
import { readPeopleMap, updatePerson } from '../people';
import { readTimeline } from '../timeline/model';
import { addEvent } from '../timeline/ops';
import { readNetwork } from './model';
import {
	addLink,
	addNetworkPerson,
	addSector,
	cellProblems,
	linkProblems,
	movePerson,
	moveSector,
	placePerson,
	removeLink,
	removePlacement,
	removeSector,
	renameSector,
	setRings,
	updateLink,
	updatePlacement
} from './ops';
import { boardWithPeople, t } from './test-data';

const familie = (ring: number) => ({ centre: false as const, sector: 'familie', ring });

/** The whole document as JSON, to check that a refused edit changed nothing. */
const state = (doc: Y.Doc) =>
	JSON.stringify([doc.getMap('people').toJSON(), doc.getMap('network').toJSON()]);

describe('network ops', () => {
	it('adds a new person to the registry and the map in one transaction', () => {
		const { doc, data } = boardWithPeople();
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		expect(
			addNetworkPerson(
				data,
				{ id: 'p-karen', name: '  Karen ', relation: 'nabo' },
				{ cell: { centre: false, sector: 'venner', ring: 1 }, resource: 'resource', help: 'kaffe' }
			)
		).toBe(true);
		expect(transactions).toBe(1);
		expect(readPeopleMap(data.people).get('p-karen')).toMatchObject({
			name: 'Karen',
			relation: 'nabo'
		});
		const model = readNetwork(data);
		expect(model.people.find((p) => p.id === 'p-karen')).toMatchObject({
			sector: 'venner',
			ring: 1,
			resource: 'resource',
			help: 'kaffe',
			centre: false
		});
		// The first edit stored the default sectors it showed.
		expect(model.sectors.every((s) => !s.virtual)).toBe(true);
	});

	it('refuses bad input with Danish messages and changes nothing', () => {
		const { doc, data } = boardWithPeople();
		const before = state(doc);
		const model = readNetwork(data);
		expect(addNetworkPerson(data, { id: 'x', name: '   ' }, { cell: familie(0) })).toBe(false);
		expect(addNetworkPerson(data, { id: 'x', name: 'Ok' }, { cell: familie(3) })).toBe(false);
		expect(
			addNetworkPerson(
				data,
				{ id: 'x', name: 'Ok' },
				{ cell: { centre: false, sector: 'nope', ring: 0 } }
			)
		).toBe(false);
		expect(
			addNetworkPerson(data, { id: 'x', name: 'Ok' }, { cell: familie(0), help: 'x'.repeat(501) })
		).toBe(false);
		// An id that is someone else's already.
		expect(
			addNetworkPerson(data, { id: 'person-line', name: 'Line 2' }, { cell: familie(0) })
		).toBe(false);
		expect(placePerson(data, 'nobody', { cell: familie(0) })).toBe(false);
		expect(setRings(data, 6)).toBe(false);
		expect(setRings(data, 1)).toBe(false);
		expect(renameSector(data, 'familie', '  ')).toEqual(['network.error.sectorName']);
		expect(addSector(data, 's', 'x'.repeat(61))).toEqual(['network.error.sectorNameLong']);
		expect(state(doc)).toBe(before);
		const problems = [
			...cellProblems(model, familie(3)),
			...cellProblems(model, { centre: false, sector: 'nope', ring: 0 })
		];
		expect(problems.map((k) => t(k))).toEqual([
			'Vælg en ring på kortet.',
			'Vælg en sektor på kortet.'
		]);
	});

	it('moves a person to another cell and into and out of the centre, keeping the rest', () => {
		const { data } = boardWithPeople();
		placePerson(data, 'person-birgit', { cell: familie(2), resource: 'resource', help: 'hente' });
		expect(movePerson(data, 'person-birgit', familie(0))).toBe(true);
		let birgit = readNetwork(data).people[0]!;
		expect([birgit.sector, birgit.ring, birgit.centre, birgit.help]).toEqual([
			'familie',
			0,
			false,
			'hente'
		]);
		movePerson(data, 'person-birgit', { centre: true });
		birgit = readNetwork(data).people[0]!;
		expect([birgit.centre, birgit.sector, birgit.ring]).toEqual([true, 'familie', 0]);
		movePerson(data, 'person-birgit', { centre: false, sector: 'venner', ring: 1 });
		birgit = readNetwork(data).people[0]!;
		expect([birgit.centre, birgit.sector, birgit.ring]).toEqual([false, 'venner', 1]);
		expect(movePerson(data, 'person-birgit', familie(7))).toBe(false);
		expect(movePerson(data, 'nobody', familie(0))).toBe(false);
	});

	it('removing a sector moves its people to "Andet" (created when missing), keeping their rings', () => {
		const { data } = boardWithPeople();
		placePerson(data, 'person-anne', {
			cell: { centre: false, sector: 'professionelle', ring: 2 }
		});
		placePerson(data, 'person-jonas', {
			cell: { centre: false, sector: 'professionelle', ring: 1 }
		});
		placePerson(data, 'person-line', { cell: familie(0) });
		expect(removeSector(data, 'professionelle')).toEqual([]);
		const model = readNetwork(data);
		expect(model.sectors.map((s) => [s.id, s.name, s.virtual])).toEqual([
			['familie', 'Familie', false],
			['venner', 'Venner og naboer', false],
			['skole', 'Skole, dagtilbud og fritid', false],
			['andet', 'Andet', false]
		]);
		expect(model.people.map((p) => [p.name, p.sector, p.ring]).sort()).toEqual([
			['Anne', 'andet', 2],
			['Jonas', 'andet', 1],
			['Line', 'familie', 0]
		]);
		// Removing another sector with people reuses "Andet".
		expect(removeSector(data, 'familie')).toEqual([]);
		expect(readNetwork(data).sectors.filter((s) => s.id === 'andet')).toHaveLength(1);
		// "Andet" cannot go while people are in it, nor the last sector.
		expect(removeSector(data, 'andet')).toEqual(['network.error.otherNotEmpty']);
		removeSector(data, 'venner');
		removeSector(data, 'skole');
		expect(readNetwork(data).sectors.map((s) => s.id)).toEqual(['andet']);
		expect(removeSector(data, 'andet')).toEqual(['network.error.lastSector']);
	});

	it('renames, adds (before "Andet") and reorders sectors', () => {
		const { data } = boardWithPeople();
		placePerson(data, 'person-anne', {
			cell: { centre: false, sector: 'professionelle', ring: 2 }
		});
		removeSector(data, 'professionelle');
		expect(renameSector(data, 'venner', 'Venner')).toEqual([]);
		expect(addSector(data, 'fritid', ' Fritid ')).toEqual([]);
		expect(readNetwork(data).sectors.map((s) => s.name)).toEqual([
			'Familie',
			'Venner',
			'Skole, dagtilbud og fritid',
			'Fritid',
			'Andet'
		]);
		expect(moveSector(data, 'fritid', -1)).toBe(true);
		expect(moveSector(data, 'familie', -1)).toBe(false);
		expect(readNetwork(data).sectors.map((s) => s.id)).toEqual([
			'familie',
			'venner',
			'fritid',
			'skole',
			'andet'
		]);
		for (let i = 0; i < 3; i++) addSector(data, `extra-${i}`, `Ekstra ${i}`);
		expect(addSector(data, 'one-too-many', 'Ni')).toEqual(['network.error.tooManySectors']);
	});

	it('renaming a default sector on a new map stores all defaults first', () => {
		const { data } = boardWithPeople();
		renameSector(data, 'skole', 'Skole');
		expect(readNetwork(data).sectors.map((s) => [s.name, s.virtual])).toEqual([
			['Familie', false],
			['Venner og naboer', false],
			['Professionelle', false],
			['Skole', false]
		]);
	});

	it('fewer rings show people of outer rings in the outermost; more rings bring them back', () => {
		const { data } = boardWithPeople();
		setRings(data, 5);
		placePerson(data, 'person-anne', {
			cell: { centre: false, sector: 'professionelle', ring: 4 }
		});
		expect(setRings(data, 2)).toBe(true);
		let anne = readNetwork(data).people[0]!;
		expect([anne.ring, anne.shownRing]).toEqual([4, 1]);
		setRings(data, 5);
		anne = readNetwork(data).people[0]!;
		expect([anne.ring, anne.shownRing]).toEqual([4, 4]);
	});

	it('marks resources and what people can help with', () => {
		const { doc, data } = boardWithPeople();
		placePerson(data, 'person-birgit', { cell: familie(0) });
		expect(
			updatePlacement(data, 'person-birgit', { resource: 'resource', help: ' kan hente ' })
		).toBe(true);
		expect(readNetwork(data).people[0]).toMatchObject({ resource: 'resource', help: 'kan hente' });
		updatePlacement(data, 'person-birgit', { help: '' });
		expect(readNetwork(data).people[0]!.help).toBeUndefined();
		const before = state(doc);
		expect(updatePlacement(data, 'person-birgit', { resource: 'evil' as never })).toBe(false);
		expect(updatePlacement(data, 'person-birgit', { help: 'x'.repeat(600) })).toBe(false);
		expect(state(doc)).toBe(before);
	});

	it('draws lines between people on the map, once per pair', () => {
		const { data } = boardWithPeople();
		placePerson(data, 'person-line', { cell: familie(0) });
		placePerson(data, 'person-carsten', { cell: familie(1) });
		const model = readNetwork(data);
		expect(linkProblems(model, { a: 'person-line', b: 'person-line' })).toEqual([
			'network.error.linkSelf'
		]);
		expect(linkProblems(model, { a: 'person-line', b: 'person-anne' })).toEqual([
			'network.error.linkEnds'
		]);
		expect(addLink(data, 'l1', { a: 'person-line', b: 'person-carsten', kind: 'weak' })).toBe(true);
		expect(addLink(data, 'l2', { a: 'person-carsten', b: 'person-line' })).toBe(false);
		expect(updateLink(data, 'l1', { kind: 'broken', note: 'ingen kontakt' })).toBe(true);
		expect(readNetwork(data).links[0]).toMatchObject({ kind: 'broken', note: 'ingen kontakt' });
		expect(updateLink(data, 'l1', { kind: 'zigzag' as never })).toBe(false);
		removeLink(data, 'l1');
		expect(readNetwork(data).links).toEqual([]);
	});

	it('taking someone off the map removes their lines and keeps them in the registry', () => {
		const { data } = boardWithPeople();
		placePerson(data, 'person-line', { cell: familie(0) });
		placePerson(data, 'person-carsten', { cell: familie(1) });
		addLink(data, 'l1', { a: 'person-line', b: 'person-carsten' });
		removePlacement(data, 'person-carsten');
		const model = readNetwork(data);
		expect(model.people.map((p) => p.id)).toEqual(['person-line']);
		expect(model.links).toEqual([]);
		expect(model.registry.has('person-carsten')).toBe(true);
	});

	it('a person shared with another tool keeps one identity', () => {
		const { doc, data } = boardWithPeople([]);
		addNetworkPerson(
			data,
			{ id: 'p-karen', name: 'Karen', relation: 'nabo' },
			{ cell: { centre: false, sector: 'venner', ring: 0 } }
		);
		const timeline = toolData(doc, 'timeline');
		addEvent(timeline, 'e1', {
			title: 'Karen passer Mikkel',
			date: '2026-11',
			people: ['p-karen']
		});
		// Renamed once, in the registry: both tools show the new name.
		updatePerson(data, 'p-karen', { name: 'Karen Marie' });
		expect(readNetwork(data).people[0]!.name).toBe('Karen Marie');
		expect(readTimeline(timeline, '2026-12-01').people.get('p-karen')?.name).toBe('Karen Marie');
		// Someone from the registry placed on the map is not entered a second time.
		addEvent(timeline, 'e2', { title: 'Møde', date: '2026-10' });
		const { data: other } = { data: toolData(doc, 'network') };
		placePerson(other, 'p-karen', { cell: familie(1) });
		expect(doc.getMap('people').size).toBe(1);
		expect(readNetwork(other).people).toHaveLength(1);
	});
});
