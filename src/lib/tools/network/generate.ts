/**
 * Plausible network maps of any size, deterministic by seed: for the layout benchmark (the lead
 * runs `generate` and times `layoutNetwork`) and for tests. Pure.
 */
import * as prng from 'lib0/prng';
import { LOCAL_ORIGIN } from '../../board/origin';
import { NESTED } from '../../board/keys';
import { ensureMap, insertRecord, transact } from '../data';
import type { ToolData } from '../types';
import { DEFAULT_SECTORS, LINK_KINDS, RESOURCE_KINDS, storedSectors } from './model';

const NAMES = [
	'Anna',
	'Bo',
	'Camilla',
	'Dorte',
	'Emil',
	'Freja',
	'Gustav',
	'Hanne',
	'Ida',
	'Jens',
	'Karen',
	'Lars',
	'Maja',
	'Niels',
	'Olga',
	'Peter',
	'Rikke',
	'Søren',
	'Tove',
	'Ulla',
	'Viggo',
	'Aase'
];
const RELATIONS = [
	'moster',
	'farbror',
	'kusine',
	'nabo',
	'veninde',
	'træner',
	'spejderleder',
	'lærer',
	'pædagog',
	'sundhedsplejerske',
	'psykolog',
	'støtteperson'
];
const HELP = [
	'kan hente børnene',
	'lektiehjælp',
	'kan køre til samvær',
	'en at ringe til',
	'passer Mikkel',
	'tager med til fodbold'
];

/** Fills the network map with `count` people (the first two in the centre) and some lines. */
export function generate(data: ToolData, count: number, seed: number): void {
	const gen = prng.create(seed);
	transact(
		data,
		() => {
			const sectors = ensureMap(data.root, NESTED.network.sectors);
			if (storedSectors(data).length === 0)
				for (const s of DEFAULT_SECTORS)
					insertRecord(sectors, s.id, { name: s.name, order: s.order });
			const ids = storedSectors(data).map((s) => s.id);
			const placements = ensureMap(data.root, NESTED.network.placements);
			const people: string[] = [];
			for (let i = 0; i < count; i++) {
				const id = `gen-${seed}-${i}`;
				const round = Math.floor(i / NAMES.length);
				const name = `${NAMES[i % NAMES.length]}${round > 0 ? ` ${round + 1}` : ''}`;
				insertRecord(data.people, id, {
					name,
					sex: 'unknown',
					relation: prng.oneOf(gen, RELATIONS)
				});
				insertRecord(placements, id, {
					centre: i < 2,
					sector: prng.oneOf(gen, ids),
					ring: prng.uint32(gen, 0, 2),
					resource: prng.oneOf(gen, [...RESOURCE_KINDS, 'neutral', 'neutral']),
					help: prng.bool(gen) && prng.bool(gen) ? prng.oneOf(gen, HELP) : undefined
				});
				people.push(id);
			}
			const links = ensureMap(data.root, NESTED.network.links);
			const pairs = new Set<string>();
			for (let i = 0; i < Math.floor(count / 8) && count > 1; i++) {
				const a = prng.oneOf(gen, people);
				const b = prng.oneOf(gen, people);
				const key = [a, b].sort().join('|');
				if (a === b || pairs.has(key)) continue;
				pairs.add(key);
				insertRecord(links, `gen-link-${seed}-${i}`, {
					a,
					b,
					kind: prng.oneOf(gen, [...LINK_KINDS])
				});
			}
		},
		LOCAL_ORIGIN
	);
}
