/**
 * Concurrent edits of the network map on several in-memory replicas (seeded, deterministic):
 * whatever the order the updates arrive in, every replica ends with the same valid map.
 */
import * as prng from 'lib0/prng';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { newId } from '../../board/ids';
import { toolData } from '../data';
import { network } from './index';
import { networkGeometry, placeTokens } from './layout';
import { cellId, cellOf, PlacementSchema, readNetwork, type Cell } from './model';
import {
	addLink,
	addNetworkPerson,
	addSector,
	movePerson,
	removePlacement,
	removeSector,
	renameSector,
	setRings,
	updatePlacement
} from './ops';
import { boardWithPeople } from './test-data';

const SIZE = { width: 1760, height: 1224 };

function replicas(count: number): Y.Doc[] {
	const { doc, data } = boardWithPeople();
	network.demo!(data, new Date());
	const state = Y.encodeStateAsUpdate(doc);
	return Array.from({ length: count }, (_, i) => {
		const d = new Y.Doc();
		d.clientID = 100 + i;
		Y.applyUpdate(d, state);
		return d;
	});
}

function exchange(docs: Y.Doc[]): void {
	for (const a of docs)
		for (const b of docs)
			if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

function randomEdit(doc: Y.Doc, gen: prng.PRNG): void {
	const data = toolData(doc, 'network');
	const model = readNetwork(data);
	const person = model.people.length ? prng.oneOf(gen, model.people) : null;
	const sector = prng.oneOf(gen, model.sectors);
	const cell: Cell =
		prng.int32(gen, 0, 9) === 0
			? { centre: true }
			: { centre: false, sector: sector.id, ring: prng.int32(gen, 0, model.rings - 1) };
	const random = () => prng.uint32(gen, 0, 2 ** 31) / 2 ** 31;
	switch (prng.int32(gen, 0, 9)) {
		case 0:
			addNetworkPerson(data, { id: newId(random), name: prng.word(gen, 3, 9) }, { cell });
			break;
		case 1:
			if (person) removePlacement(data, person.id);
			break;
		case 2:
			if (person)
				updatePlacement(data, person.id, {
					resource: prng.oneOf(gen, ['resource', 'concern', 'neutral'] as const)
				});
			break;
		case 3:
			renameSector(data, sector.id, prng.word(gen, 3, 12));
			break;
		case 4:
			if (prng.bool(gen)) addSector(data, newId(random), prng.word(gen, 3, 12));
			else removeSector(data, sector.id);
			break;
		case 5:
			setRings(data, prng.int32(gen, 2, 5));
			break;
		case 6:
			if (model.people.length > 1)
				addLink(data, newId(random), {
					a: prng.oneOf(gen, model.people).id,
					b: prng.oneOf(gen, model.people).id,
					kind: prng.oneOf(gen, ['normal', 'weak', 'broken'] as const)
				});
			break;
		default:
			if (person) movePerson(data, person.id, cell);
	}
}

/** Every replica reads the same map; every stored placement is valid; layouts agree. */
function expectConverged(docs: Y.Doc[]): void {
	const models = docs.map((d) => readNetwork(toolData(d, 'network')));
	const json = models.map((m) => JSON.stringify({ ...m, registry: [...m.registry.keys()].sort() }));
	for (const other of json) expect(other).toBe(json[0]);
	const stored = docs[0]!.getMap('network').get('placements') as Y.Map<Y.Map<unknown>>;
	for (const [id, map] of stored.entries())
		expect(v.safeParse(PlacementSchema, { ...map.toJSON(), id }).success, id).toBe(true);
	const m = models[0]!;
	for (const p of m.people)
		expect(m.sectors.some((s) => s.id === p.shownSector) || p.centre).toBe(true);
	const places = placeTokens(m, networkGeometry(m, SIZE));
	for (const p of m.people) expect(places.get(p.id)?.cell).toBe(cellId(cellOf(p)));
}

describe('network map under concurrent edits', () => {
	it('two people dragging the same token at once end with one of the two places, on both', () => {
		const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
		movePerson(toolData(a, 'network'), 'person-birgit', {
			centre: false,
			sector: 'venner',
			ring: 2
		});
		movePerson(toolData(b, 'network'), 'person-birgit', {
			centre: false,
			sector: 'professionelle',
			ring: 1
		});
		exchange([a, b]);
		expectConverged([a, b]);
		const birgit = readNetwork(toolData(a, 'network')).people.find(
			(p) => p.id === 'person-birgit'
		)!;
		expect([
			['venner', 2],
			['professionelle', 1]
		]).toContainEqual([birgit.sector, birgit.ring]);
	});

	it('a token dragged into a sector that someone removes at the same time lands under "Andet"', () => {
		const [a, b] = replicas(2) as [Y.Doc, Y.Doc];
		movePerson(toolData(a, 'network'), 'person-line', { centre: false, sector: 'skole', ring: 1 });
		removeSector(toolData(b, 'network'), 'skole');
		exchange([a, b]);
		expectConverged([a, b]);
		const line = readNetwork(toolData(a, 'network')).people.find((p) => p.id === 'person-line')!;
		expect(line.shownSector).toBe('andet');
	});

	it('seeded random edits on three replicas converge to the same valid map', () => {
		for (const seed of [1, 2, 3, 4, 5]) {
			const gen = prng.create(seed);
			const docs = replicas(3);
			for (let round = 0; round < 12; round++) {
				for (const doc of docs) for (let i = 0; i < 4; i++) randomEdit(doc, gen);
				if (prng.bool(gen)) exchange(docs.slice(0, 2));
			}
			exchange(docs);
			expectConverged(docs);
		}
	});
});
