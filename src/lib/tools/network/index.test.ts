import { describe, expect, it } from 'vitest';
import { LOCAL_ORIGIN } from '../../board/origin';
import type { ToolEdit } from '../types';
import { network } from './index';
import { networkGeometry, placeTokens } from './layout';
import { readNetwork, type NetworkModel } from './model';
import { boardWithPeople, context } from './test-data';

const SIZE = { width: 1760, height: 1224 };

function demo() {
	const { doc, data } = boardWithPeople();
	network.demo!(data, new Date());
	const edit = (): ToolEdit<NetworkModel> => ({
		data,
		model: readNetwork(data),
		size: SIZE,
		userId: 'u',
		origin: LOCAL_ORIGIN,
		context: context(),
		viewScale: 1
	});
	const person = (id: string) => readNetwork(data).people.find((p) => p.id === id)!;
	return { doc, data, edit, person };
}

describe('network tool definition', () => {
	it('selects a cell, a person or a line on a tap, and nothing elsewhere', () => {
		const { edit } = demo();
		const at = { x: 0, y: 0 };
		expect(network.tap!(edit(), { kind: 'cell', id: 'venner:1' }, at)).toEqual({
			tool: 'network',
			kind: 'cell',
			id: 'venner:1'
		});
		expect(network.tap!(edit(), { kind: 'cell', id: 'centre' }, at)?.id).toBe('centre');
		expect(network.tap!(edit(), { kind: 'cell', id: 'bogus' }, at)).toBeNull();
		expect(network.tap!(edit(), { kind: 'person', id: 'person-line' }, at)?.kind).toBe('person');
		expect(network.tap!(edit(), { kind: 'link', id: 'x' }, at)?.kind).toBe('link');
		expect(network.tap!(edit(), null, at)).toBeNull();
	});

	it('a token dropped on another ring or sector snaps there', () => {
		const { edit, person } = demo();
		const e = edit();
		const geo = networkGeometry(e.model, SIZE);
		const carsten = placeTokens(e.model, geo).get('person-carsten')!;
		// Held by its name, 40 units below the token's centre, and dropped in the inner ring.
		const from = { x: carsten.x, y: carsten.y + 40 };
		const target = { x: geo.cx, y: geo.cy - (geo.radii[0]! + geo.radii[1]!) / 2 };
		const to = { x: target.x, y: target.y + 40 };
		expect(
			network.drop!(e, { kind: 'person', id: 'person-carsten', draggable: true }, { from, to })
		).toEqual({ tool: 'network', kind: 'person', id: 'person-carsten' });
		expect(person('person-carsten')).toMatchObject({ sector: 'familie', ring: 0, centre: false });
		// Into another sector's outer ring, and into the centre.
		network.drop!(
			edit(),
			{ kind: 'person', id: 'person-carsten' },
			{
				from: target,
				to: { x: geo.cx + geo.R - 5, y: geo.cy }
			}
		);
		expect(person('person-carsten')).toMatchObject({ sector: 'venner', ring: 2 });
		const now = placeTokens(readNetwork(edit().data), geo).get('person-carsten')!;
		network.drop!(
			edit(),
			{ kind: 'person', id: 'person-carsten' },
			{
				from: now,
				to: { x: geo.cx, y: geo.cy }
			}
		);
		expect(person('person-carsten').centre).toBe(true);
	});

	it('arrow keys move a person a ring in or out and to the next sector', () => {
		const { edit, person } = demo();
		const sel = { tool: 'network' as const, kind: 'person', id: 'person-carsten' };
		network.nudge!(edit(), sel, 0, -1, false);
		expect(person('person-carsten')).toMatchObject({ ring: 0, sector: 'familie' });
		// Not into the centre: that is the children's place.
		network.nudge!(edit(), sel, 0, -1, false);
		expect(person('person-carsten')).toMatchObject({ ring: 0, centre: false });
		network.nudge!(edit(), sel, 1, 0, false);
		expect(person('person-carsten').sector).toBe('venner');
		network.nudge!(edit(), sel, -1, 0, false);
		network.nudge!(edit(), sel, -1, 0, false);
		expect(person('person-carsten').sector).toBe('skole');
		for (let i = 0; i < 5; i++) network.nudge!(edit(), sel, 0, 1, false);
		expect(person('person-carsten').ring).toBe(2);
		// A child moves out of the centre with the down arrow.
		network.nudge!(edit(), { ...sel, id: 'person-sara' }, 0, 1, false);
		expect(person('person-sara')).toMatchObject({ centre: false, ring: 0 });
	});

	it('arrow keys move a selected cell, into the centre too', () => {
		const { edit } = demo();
		const cell = (id: string) => ({ tool: 'network' as const, kind: 'cell', id });
		expect(network.nudge!(edit(), cell('familie:1'), 0, -1, false)).toEqual(cell('familie:0'));
		expect(network.nudge!(edit(), cell('familie:0'), 0, -1, false)).toEqual(cell('centre'));
		expect(network.nudge!(edit(), cell('centre'), 0, 1, false)).toEqual(cell('familie:0'));
		expect(network.nudge!(edit(), cell('skole:2'), 1, 0, false)).toEqual(cell('familie:2'));
		expect(network.nudge!(edit(), cell('familie:2'), 0, 1, false)).toEqual(cell('familie:2'));
	});

	it('Delete takes a person off the map (not out of the registry) and removes a line', () => {
		const { edit, data } = demo();
		network.remove!(edit(), { tool: 'network', kind: 'person', id: 'person-dennis' });
		const model = readNetwork(data);
		expect(model.people.some((p) => p.id === 'person-dennis')).toBe(false);
		expect(model.registry.has('person-dennis')).toBe(true);
		expect(model.links.some((l) => l.a === 'person-dennis' || l.b === 'person-dennis')).toBe(false);
		network.remove!(edit(), { tool: 'network', kind: 'link', id: 'nw-link-line-birgit' });
		expect(readNetwork(data).links.map((l) => l.id)).not.toContain('nw-link-line-birgit');
	});

	it('the demo: the children in the centre, Birgit a resource in the inner ring, every sector used', () => {
		const { data } = demo();
		const model = readNetwork(data);
		expect(network.isEmpty(model)).toBe(false);
		expect(model.people.filter((p) => p.centre).map((p) => p.name)).toEqual(['Mikkel', 'Sara']);
		expect(model.people.find((p) => p.id === 'person-birgit')).toMatchObject({
			sector: 'familie',
			ring: 0,
			resource: 'resource',
			help: 'kan hente børnene'
		});
		for (const s of model.sectors)
			expect(model.people.some((p) => p.shownSector === s.id && !p.centre)).toBe(true);
		expect(model.links.map((l) => l.kind).sort()).toEqual(['broken', 'normal', 'normal', 'weak']);
		expect(model.people.some((p) => p.resource === 'concern')).toBe(true);
		// Seeding again changes nothing.
		const before = JSON.stringify(data.root.toJSON());
		network.demo!(data, new Date());
		expect(JSON.stringify(data.root.toJSON())).toBe(before);
	});
});
