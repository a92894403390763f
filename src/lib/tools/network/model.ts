/**
 * The network map's model (`network` root): record types, validators and the typed read. Readers
 * skip what does not validate – a record from an old or hostile peer never reaches a view. Pure:
 * Yjs and valibot only.
 *
 * The `network` root (schema v2; every v1 record is valid here, the new fields are optional):
 *
 * | key | type | holds |
 * | --- | --- | --- |
 * | `rings` | number | how many rings of closeness are drawn: an integer 2–5, default 3 (new in v2) |
 * | `placements` | Y.Map<personId, Y.Map> | one person of `people` on the map, keyed by the person's id |
 * | `sectors` | Y.Map<id, Y.Map> | `name`, `order` (fractional key): the wedges, in `order` |
 * | `links` | Y.Map<id, Y.Map> | `a`, `b` (person ids), `kind`, `note`: a line between two people |
 *
 * A placement: `ring` (0 = innermost; a ring beyond the current count is shown in the outermost
 * ring and kept as it is, so lowering the count loses nothing), `sector` (a sector id; an unknown
 * one is shown under "Andet"), `resource` (`resource` | `concern` | `neutral`), `help` (what the
 * person can help with) and `centre` (new in v2: one of the children, drawn in the centre; `ring`
 * and `sector` are kept for when they move out). Ring, sector and resource are independent:
 * closeness is as the family experiences it, and resource or concern is never read from the ring.
 *
 * Sectors: while `sectors` holds no valid record, the map shows the default sectors
 * (`DEFAULT_SECTORS`, fixed ids). The first edit that needs a sector writes them with those ids,
 * so two clients doing it at once write the same records. "Andet" (`OTHER_SECTOR`) takes the
 * people of a removed sector; it is created when first needed.
 *
 * A link: `kind` (new in v2) `normal` (solid), `weak` (dashed: a weak or troubled relationship) or
 * `broken` (crossed by two strokes: contact broken); default `normal`.
 */
import * as v from 'valibot';
import { readRecords } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { compareOrder } from '../../board/order';
import { nestedMap } from '../data';
import { initials, readPeopleMap, roleOf, type PersonRecord } from '../people';
import type { ToolData } from '../types';

export const RESOURCE_KINDS = ['resource', 'concern', 'neutral'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const LINK_KINDS = ['normal', 'weak', 'broken'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const MIN_RINGS = 2;
export const MAX_RINGS = 5;
export const DEFAULT_RINGS = 3;
/** Ring values kept as stored up to this (a ring beyond the count is drawn in the outermost). */
export const MAX_STORED_RING = 99;
export const MAX_SECTORS = 8;
export const HELP_MAX = 500;
export const NOTE_MAX = 500;
export const SECTOR_NAME_MAX = 60;

/** The sector that takes the people of a removed sector. */
export const OTHER_SECTOR = 'andet';
export const OTHER_SECTOR_NAME = 'Andet';

/** The sectors a new map starts with (PRODUCT.md "Netværkskort"), with fixed ids and keys. */
export const DEFAULT_SECTORS: readonly { id: string; name: string; order: string }[] = [
	{ id: 'familie', name: 'Familie', order: 'a0' },
	{ id: 'venner', name: 'Venner og naboer', order: 'a1' },
	{ id: 'professionelle', name: 'Professionelle', order: 'a2' },
	{ id: 'skole', name: 'Skole, dagtilbud og fritid', order: 'a3' }
];

/** The root key of the ring count. */
export const RINGS_KEY = 'rings';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

export const PlacementSchema = v.object({
	/** The person's id (the key of the placement). */
	id,
	ring: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_STORED_RING)),
	sector: id,
	resource: v.optional(v.picklist(RESOURCE_KINDS), 'neutral'),
	help: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
	centre: v.optional(v.boolean(), false)
});
export type PlacementRecord = v.InferOutput<typeof PlacementSchema>;

export const SectorSchema = v.object({
	id,
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	order: v.pipe(v.string(), v.minLength(1), v.maxLength(200))
});
export type SectorRecord = v.InferOutput<typeof SectorSchema>;

export const LinkSchema = v.pipe(
	v.object({
		id,
		a: id,
		b: id,
		kind: v.optional(v.picklist(LINK_KINDS), 'normal'),
		note: v.optional(v.pipe(v.string(), v.maxLength(2_000)))
	}),
	v.check((link) => link.a !== link.b, 'self')
);
export type LinkRecord = v.InferOutput<typeof LinkSchema>;

export interface NetworkSector extends SectorRecord {
	/** Position in the drawing (0 = the first wedge, clockwise from the top). */
	index: number;
	/** Shown but not stored yet (the defaults, or "Andet" for people of an unknown sector). */
	virtual: boolean;
}

/** A person on the map: the placement with the person from the registry. */
export interface NetworkPerson extends PlacementRecord {
	person: PersonRecord;
	name: string;
	/** Relation or title. */
	role: string;
	initials: string;
	/** Where the person is drawn: a known sector (else "Andet") and a ring within the count. */
	shownSector: string;
	shownRing: number;
}

export interface NetworkLink extends LinkRecord {
	/** The names at both ends, for lists and summaries. */
	aName: string;
	bName: string;
}

export interface NetworkModel {
	rings: number;
	/** In drawing order. */
	sectors: NetworkSector[];
	/** Everyone on the map (the children in the centre too), by name then id. */
	people: NetworkPerson[];
	/** Valid links whose both ends are on the map, by id. */
	links: NetworkLink[];
	/** The whole people registry (valid people), by id. */
	registry: Map<string, PersonRecord>;
}

/** The ring count stored on a root (default when absent or invalid). */
export function ringCount(value: unknown): number {
	return typeof value === 'number' &&
		Number.isInteger(value) &&
		value >= MIN_RINGS &&
		value <= MAX_RINGS
		? value
		: DEFAULT_RINGS;
}

/** The valid sector records stored, in order (empty when the defaults are shown). */
export function storedSectors(data: ToolData): SectorRecord[] {
	return readRecords(nestedMap(data.root, NESTED.network.sectors), SectorSchema).sort(compareOrder);
}

function byName(a: NetworkPerson, b: NetworkPerson): number {
	return a.name.localeCompare(b.name, 'da') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Reads the network map; invalid records (and placements of unknown people) are skipped. */
export function readNetwork(data: ToolData): NetworkModel {
	const registry = readPeopleMap(data.people);
	const rings = ringCount(data.root.get(RINGS_KEY));
	const stored = storedSectors(data);
	const sectors: NetworkSector[] = (stored.length > 0 ? stored : DEFAULT_SECTORS).map((s, i) => ({
		id: s.id,
		name: s.name,
		order: s.order,
		index: i,
		virtual: stored.length === 0
	}));
	const known = new Set(sectors.map((s) => s.id));
	const people: NetworkPerson[] = [];
	for (const placement of readRecords(
		nestedMap(data.root, NESTED.network.placements),
		PlacementSchema
	)) {
		const person = registry.get(placement.id);
		if (!person) continue;
		people.push({
			...placement,
			person,
			name: person.name,
			role: roleOf(person),
			initials: initials(person.name),
			shownSector: known.has(placement.sector) ? placement.sector : OTHER_SECTOR,
			shownRing: Math.min(placement.ring, rings - 1)
		});
	}
	people.sort(byName);
	if (!known.has(OTHER_SECTOR) && people.some((p) => p.shownSector === OTHER_SECTOR && !p.centre))
		sectors.push({
			id: OTHER_SECTOR,
			name: OTHER_SECTOR_NAME,
			order: '~',
			index: sectors.length,
			virtual: true
		});
	const placed = new Map(people.map((p) => [p.id, p]));
	const links: NetworkLink[] = [];
	for (const link of readRecords(nestedMap(data.root, NESTED.network.links), LinkSchema)) {
		const a = placed.get(link.a);
		const b = placed.get(link.b);
		if (a && b) links.push(Object.assign({}, link, { aName: a.name, bName: b.name }));
	}
	links.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
	return { rings, sectors, people, links, registry };
}

/** A cell of the map: the centre (the children) or one ring of one sector. */
export type Cell = { centre: true } | { centre: false; sector: string; ring: number };

export const CENTRE_CELL = 'centre';

/** The id of a cell (`centre` or `<sectorId>:<ring>`), as hits and selections carry it. */
export function cellId(cell: Cell): string {
	return cell.centre ? CENTRE_CELL : `${cell.sector}:${cell.ring}`;
}

/** The cell of an id, or null when it is not one. */
export function parseCell(id: string): Cell | null {
	if (id === CENTRE_CELL) return { centre: true };
	const at = id.lastIndexOf(':');
	if (at <= 0) return null;
	const ring = Number(id.slice(at + 1));
	if (!Number.isInteger(ring) || ring < 0 || ring > MAX_STORED_RING) return null;
	return { centre: false, sector: id.slice(0, at), ring };
}

/** The cell a person is drawn in. */
export function cellOf(p: NetworkPerson): Cell {
	return p.centre ? { centre: true } : { centre: false, sector: p.shownSector, ring: p.shownRing };
}

/** The people drawn in a cell. */
export function peopleIn(model: NetworkModel, cell: Cell): NetworkPerson[] {
	const key = cellId(cell);
	return model.people.filter((p) => cellId(cellOf(p)) === key);
}

/** The registry's people who are not on the map yet, by name. */
export function unplaced(model: NetworkModel): PersonRecord[] {
	const on = new Set(model.people.map((p) => p.id));
	return [...model.registry.values()]
		.filter((p) => !on.has(p.id))
		.sort((a, b) => a.name.localeCompare(b.name, 'da') || (a.id < b.id ? -1 : 1));
}

export function sectorOf(model: NetworkModel, id: string): NetworkSector | undefined {
	return model.sectors.find((s) => s.id === id);
}

/** The resource mark's visual: colours (≥ 4.5:1 on white for the stroke) and an icon. */
export const RESOURCE_STYLE: Record<ResourceKind, { fill: string; stroke: string; icon: string }> =
	{
		resource: { fill: '#e3f4e8', stroke: '#1e6b3a', icon: 'M12 6v12M6 12h12' },
		concern: { fill: '#fde7e7', stroke: '#a4161a', icon: 'M12 5v9M12 18.5v.5' },
		neutral: { fill: '#ffffff', stroke: '#4a525c', icon: '' }
	};
