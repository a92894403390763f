import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { NESTED } from '../../board/keys';
import { ensureMap, insertRecord, toolData } from '../data';
import { updatePerson } from '../people';
import { diffNetwork } from './diff';
import { generate } from './generate';
import { network } from './index';
import { readNetwork } from './model';
import {
	addLink,
	addNetworkPerson,
	addSector,
	movePerson,
	removePlacement,
	removeSector,
	renameSector,
	setRings,
	updateLink,
	updatePlacement
} from './ops';
import { summarizeNetwork } from './summary';
import { boardWithPeople, t } from './test-data';

function demo() {
	const { doc, data } = boardWithPeople();
	network.demo!(data, new Date());
	return { doc, data };
}

describe('network summary', () => {
	it('counts people per sector and ring, resources and concerns, and says who can help', () => {
		const { data } = demo();
		const summary = summarizeNetwork(readNetwork(data), t, 'da');
		expect(summary.counts).toMatchObject({
			people: 15,
			children: 2,
			resources: 6,
			concerns: 1,
			links: 4,
			sectors: 4,
			rings: 3,
			'ring.1': 3,
			'ring.2': 6,
			'ring.3': 4,
			'sector.familie': 4,
			'sector.venner': 2,
			'sector.professionelle': 4,
			'sector.skole': 3
		});
		expect(summary.items).toContainEqual({ label: 'Ressourcer', value: 6 });
		expect(summary.items).toContainEqual({
			label: 'Familie',
			value: '4 (ring 1 (inderst): 3, ring 2: 1)'
		});
		expect(summary.text).toContain(
			'Midten (børnene): Mikkel (barn (anbragt)); Sara (barn (anbragt))'
		);
		expect(summary.text).toContain(
			'Familie, ring 1 (inderst): Birgit (mormor) – ressource – hjælp: kan hente børnene; Line (mor); Plejefamilien Holm (plejefamilie) – ressource – hjælp: Sara og Mikkel bor hos dem'
		);
		expect(summary.text).toContain('Linjer: Birgit og Carsten – kontakten er brudt');
	});

	it('skips invalid records', () => {
		const { data } = demo();
		insertRecord(ensureMap(data.root, NESTED.network.placements), 'person-carstens-far', {
			ring: 'x'
		});
		insertRecord(ensureMap(data.root, NESTED.network.placements), 'ghost', {
			ring: 0,
			sector: 'familie'
		});
		expect(summarizeNetwork(readNetwork(data), t, 'da').counts.people).toBe(15);
	});

	it('summarizes an empty map', () => {
		const { data } = boardWithPeople();
		const summary = summarizeNetwork(readNetwork(data), t, 'da');
		expect(summary.counts.people).toBe(0);
		expect(summary.items).toContainEqual({ label: 'Familie', value: 'ingen' });
		expect(summary.text).toEqual([]);
	});
});

describe('network diff', () => {
	it('says who was added, removed, moved and marked, in Danish', () => {
		const { doc, data } = demo();
		const before = readNetwork(data);
		const copy = new Y.Doc();
		Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
		const after = toolData(copy, 'network');
		movePerson(after, 'person-carsten', { centre: false, sector: 'familie', ring: 0 });
		movePerson(after, 'person-susanne', { centre: false, sector: 'familie', ring: 1 });
		movePerson(after, 'person-ali', { centre: false, sector: 'venner', ring: 0 });
		movePerson(after, 'person-mikkel', { centre: false, sector: 'familie', ring: 0 });
		updatePlacement(after, 'person-dennis', { resource: 'neutral' });
		updatePlacement(after, 'person-line', { resource: 'resource', help: 'samvær hver uge' });
		updatePlacement(after, 'person-birgit', { help: '' });
		removePlacement(after, 'person-anne');
		addNetworkPerson(
			after,
			{ id: 'p-karen', name: 'Karen', relation: 'nabo' },
			{ cell: { centre: false, sector: 'venner', ring: 0 } }
		);
		updateLink(after, 'nw-link-line-carsten', { kind: 'normal' });
		addLink(after, 'l-new', { a: 'p-karen', b: 'person-line' });
		const texts = diffNetwork(before, readNetwork(after), t, 'da').map((d) => [
			d.kind,
			d.id,
			d.text
		]);
		expect(texts).toEqual(
			expect.arrayContaining([
				['changed', 'person-carsten', 'Carsten flyttet til inderste ring'],
				['changed', 'person-susanne', 'Susanne flyttet fra Venner og naboer til Familie'],
				['changed', 'person-ali', 'Ali flyttet til inderste ring i Venner og naboer'],
				['changed', 'person-mikkel', 'Mikkel flyttet ud fra midten til inderste ring i Familie'],
				[
					'changed',
					'person-dennis',
					'Dennis er ikke længere markeret som ressource eller bekymring'
				],
				[
					'changed',
					'person-line',
					'Line er nu markeret som ressource; Line, hjælp: samvær hver uge'
				],
				[
					'changed',
					'person-birgit',
					'Birgit: teksten om, hvad personen kan hjælpe med, er fjernet'
				],
				['removed', 'person-anne', 'Anne fjernet fra netværkskortet'],
				['added', 'p-karen', 'Karen sat på netværkskortet (inderste ring i Venner og naboer)'],
				['changed', 'nw-link-line-carsten', 'Linjen mellem Line og Carsten er nu: forbindelse'],
				['added', 'l-new', 'Linje mellem Karen og Line (forbindelse)']
			])
		);
		expect(texts).toHaveLength(11);
	});

	it('says when a person changes sector only, and for sectors, rings and lines', () => {
		const { data } = demo();
		const before = readNetwork(data);
		movePerson(data, 'person-pernille', { centre: false, sector: 'professionelle', ring: 1 });
		movePerson(data, 'person-sara', { centre: false, sector: 'familie', ring: 0 });
		const moved = readNetwork(data);
		movePerson(data, 'person-sara', { centre: true });
		expect(diffNetwork(moved, readNetwork(data), t, 'da').map((d) => d.text)).toEqual([
			'Sara flyttet ind i midten'
		]);
		renameSector(data, 'venner', 'Venner');
		addSector(data, 'fritid', 'Fritid');
		removeSector(data, 'skole');
		setRings(data, 4);
		const texts = diffNetwork(before, readNetwork(data), t, 'da').map((d) => d.text);
		expect(texts).toEqual(
			expect.arrayContaining([
				'Netværkskortet har nu 4 ringe (før 3)',
				'Sektoren Venner og naboer hedder nu Venner',
				'Ny sektor på netværkskortet: Fritid',
				'Ny sektor på netværkskortet: Andet',
				'Sektoren Skole, dagtilbud og fritid er fjernet fra netværkskortet',
				'Pernille flyttet fra Skole, dagtilbud og fritid til Professionelle',
				'Ali flyttet fra Skole, dagtilbud og fritid til Andet'
			])
		);
	});

	it('finds no difference between a state and itself, and none from renaming in the registry', () => {
		const { data } = demo();
		const model = readNetwork(data);
		expect(diffNetwork(model, readNetwork(data), t, 'da')).toEqual([]);
		updatePerson(data, 'person-birgit', { name: 'Birgit B' });
		expect(diffNetwork(model, readNetwork(data), t, 'da')).toEqual([]);
	});
});

describe('network generator', () => {
	it('fills a map deterministically with valid people, placements and lines', () => {
		const make = (seed: number) => {
			const { doc, data } = boardWithPeople([]);
			generate(data, 200, seed);
			return { doc, data };
		};
		const a = make(7);
		const b = make(7);
		expect(JSON.stringify(a.doc.getMap('network').toJSON())).toBe(
			JSON.stringify(b.doc.getMap('network').toJSON())
		);
		const model = readNetwork(a.data);
		expect(model.people).toHaveLength(200);
		expect(model.people.filter((p) => p.centre)).toHaveLength(2);
		expect(model.links.length).toBeGreaterThan(10);
		expect(new Set(model.people.map((p) => p.shownSector)).size).toBe(4);
		expect(JSON.stringify(make(8).doc.getMap('network').toJSON())).not.toBe(
			JSON.stringify(a.doc.getMap('network').toJSON())
		);
	});
});
