/**
 * Network map edits, each one Yjs transaction with a typed origin. Input is checked first
 * (`…Problems` give Danish message keys): an op given bad input changes nothing and returns
 * false. Ops ignore ids that no longer exist (someone may have removed the record meanwhile).
 *
 * A person added here is written to the registry (`people`) and placed in the same transaction;
 * removing someone from the map keeps them in the registry (other tools may refer to them).
 */
import * as Y from 'yjs';
import { readRecords, type Collection } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { keyBetween } from '../../board/order';
import { LOCAL_ORIGIN, type BoardOrigin } from '../../board/origin';
import type { MessageKey } from '../../i18n';
import { ensureMap, insertRecord, nestedMap, recordMap, setFields, transact } from '../data';
import { addPerson, personProblems, type NewPerson } from '../people';
import type { ToolData } from '../types';
import {
	DEFAULT_SECTORS,
	HELP_MAX,
	LINK_KINDS,
	MAX_RINGS,
	MAX_SECTORS,
	MIN_RINGS,
	NOTE_MAX,
	OTHER_SECTOR,
	OTHER_SECTOR_NAME,
	readNetwork,
	RESOURCE_KINDS,
	RINGS_KEY,
	SECTOR_NAME_MAX,
	SectorSchema,
	storedSectors,
	type Cell,
	type LinkKind,
	type NetworkModel,
	type ResourceKind
} from './model';

/** Where and how a person stands on the map. */
export interface PlacementInput {
	cell: Cell;
	resource?: ResourceKind;
	help?: string;
}

const placementsOf = (data: ToolData) => nestedMap(data.root, NESTED.network.placements);
const linksOf = (data: ToolData) => nestedMap(data.root, NESTED.network.links);

/** What is wrong with a cell on this map (an unknown sector, a ring outside the count). */
export function cellProblems(model: NetworkModel, cell: Cell): MessageKey[] {
	if (cell.centre) return [];
	const problems: MessageKey[] = [];
	if (!model.sectors.some((s) => s.id === cell.sector)) problems.push('network.error.sector');
	if (!Number.isInteger(cell.ring) || cell.ring < 0 || cell.ring >= model.rings)
		problems.push('network.error.ring');
	return problems;
}

/** What is wrong with a placement's fields. */
export function placementProblems(
	model: NetworkModel,
	input: Partial<PlacementInput>
): MessageKey[] {
	const problems: MessageKey[] = input.cell ? cellProblems(model, input.cell) : [];
	if (input.resource !== undefined && !RESOURCE_KINDS.includes(input.resource))
		problems.push('network.error.resource');
	if (input.help !== undefined && (typeof input.help !== 'string' || input.help.length > HELP_MAX))
		problems.push('network.error.help');
	return problems;
}

/**
 * Writes the default sectors (their fixed ids and keys) when no valid sector is stored, so a
 * first edit on a new map stores what it showed. Inside a transaction.
 */
function storeSectors(data: ToolData): Collection {
	const map = ensureMap(data.root, NESTED.network.sectors);
	if (readRecords(map, SectorSchema).length === 0)
		for (const s of DEFAULT_SECTORS) insertRecord(map, s.id, { name: s.name, order: s.order });
	return map;
}

/** Makes sure the shown sector `id` is stored ("Andet" is added last when missing). */
function storeSector(data: ToolData, id: string): boolean {
	const map = storeSectors(data);
	const stored = storedSectors(data);
	if (stored.some((s) => s.id === id)) return true;
	if (id !== OTHER_SECTOR) return false;
	insertRecord(map, OTHER_SECTOR, {
		name: OTHER_SECTOR_NAME,
		order: keyBetween(stored.at(-1)?.order ?? null, null)
	});
	return true;
}

/**
 * Writes a placement's position. Centre, sector and ring are always written together, so that
 * two people dragging the same token at once end with one of the two positions, not a mix.
 */
function writePosition(map: Y.Map<unknown>, cell: Cell, fallbackSector: string): void {
	const sector = map.get('sector');
	const ring = map.get('ring');
	map.set('centre', cell.centre);
	map.set(
		'sector',
		cell.centre ? (typeof sector === 'string' ? sector : fallbackSector) : cell.sector
	);
	map.set('ring', cell.centre ? (typeof ring === 'number' ? ring : 0) : cell.ring);
}

/**
 * Adds a new person to the registry and places them on the map, in one transaction. The person's
 * problems use the registry's message keys (`tools.person.*`).
 */
export function addNetworkPerson(
	data: ToolData,
	person: NewPerson,
	placement: PlacementInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const model = readNetwork(data);
	if (personProblems(person).length > 0 || placementProblems(model, placement).length > 0)
		return false;
	if (data.people.has(person.id)) return false;
	transact(
		data,
		() => {
			addPerson(data, person, origin);
			writePlacement(data, model, person.id, placement);
		},
		origin
	);
	return true;
}

function writePlacement(
	data: ToolData,
	model: NetworkModel,
	personId: string,
	placement: PlacementInput
): void {
	const fallback = model.sectors[0]?.id ?? DEFAULT_SECTORS[0]!.id;
	storeSector(data, placement.cell.centre ? fallback : placement.cell.sector);
	const map = insertRecord(ensureMap(data.root, NESTED.network.placements), personId, {
		resource: placement.resource ?? 'neutral',
		help: placement.help?.trim() || undefined
	});
	writePosition(map, placement.cell, fallback);
}

/** Places someone already in the registry (or places them anew, replacing their placement). */
export function placePerson(
	data: ToolData,
	personId: string,
	placement: PlacementInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const model = readNetwork(data);
	if (!model.registry.has(personId) || placementProblems(model, placement).length > 0) return false;
	transact(data, () => writePlacement(data, model, personId, placement), origin);
	return true;
}

/** Moves a person to another cell (a drag, the arrow keys, the Panel). */
export function movePerson(
	data: ToolData,
	personId: string,
	cell: Cell,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const model = readNetwork(data);
	const p = model.people.find((x) => x.id === personId);
	const map = recordMap(placementsOf(data), personId);
	if (!p || !map || cellProblems(model, cell).length > 0) return false;
	const same = cell.centre
		? p.centre
		: !p.centre && p.sector === cell.sector && p.ring === cell.ring;
	if (same) return true;
	transact(
		data,
		() => {
			if (!cell.centre) storeSector(data, cell.sector);
			writePosition(map, cell, model.sectors[0]?.id ?? DEFAULT_SECTORS[0]!.id);
		},
		origin
	);
	return true;
}

/** Changes a placement's resource mark or what the person can help with (`''` clears it). */
export function updatePlacement(
	data: ToolData,
	personId: string,
	patch: { resource?: ResourceKind; help?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(placementsOf(data), personId);
	if (!map || placementProblems(readNetwork(data), patch).length > 0) return false;
	transact(
		data,
		() =>
			setFields(map, {
				resource: patch.resource,
				help: patch.help === undefined ? undefined : patch.help.trim() || null
			}),
		origin
	);
	return true;
}

/** Takes a person off the map with their lines; they stay in the registry. */
export function removePlacement(
	data: ToolData,
	personId: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const placements = placementsOf(data);
	if (!placements?.has(personId)) return;
	const links = linksOf(data);
	transact(
		data,
		() => {
			placements.delete(personId);
			const ends = [...(links?.entries() ?? [])].filter(
				([, link]) =>
					link instanceof Y.Map && (link.get('a') === personId || link.get('b') === personId)
			);
			for (const [id] of ends) links?.delete(id);
		},
		origin
	);
}

// Sectors and rings.

export function sectorNameProblems(name: string): MessageKey[] {
	if (typeof name !== 'string' || !name.trim()) return ['network.error.sectorName'];
	if (name.trim().length > SECTOR_NAME_MAX) return ['network.error.sectorNameLong'];
	return [];
}

/** Adds a sector (before "Andet" when that is last). */
export function addSector(
	data: ToolData,
	id: string,
	name: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const model = readNetwork(data);
	const problems = sectorNameProblems(name);
	if (model.sectors.filter((s) => !s.virtual || s.id !== OTHER_SECTOR).length >= MAX_SECTORS)
		problems.push('network.error.tooManySectors');
	if (problems.length > 0) return problems;
	transact(
		data,
		() => {
			const map = storeSectors(data);
			const stored = storedSectors(data);
			const last = stored.at(-1);
			const beforeOther = last?.id === OTHER_SECTOR && stored.length > 1;
			const order = beforeOther
				? keyBetween(stored.at(-2)?.order ?? null, last.order)
				: keyBetween(last?.order ?? null, null);
			insertRecord(map, id, { name: name.trim(), order });
		},
		origin
	);
	return [];
}

export function renameSector(
	data: ToolData,
	id: string,
	name: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const problems = sectorNameProblems(name);
	if (problems.length > 0) return problems;
	if (!readNetwork(data).sectors.some((s) => s.id === id)) return ['network.error.sector'];
	transact(
		data,
		() => {
			storeSector(data, id);
			const map = recordMap(nestedMap(data.root, NESTED.network.sectors), id);
			if (map) setFields(map, { name: name.trim() });
		},
		origin
	);
	return [];
}

/** Moves a sector one place earlier (−1) or later (+1) around the map. */
export function moveSector(
	data: ToolData,
	id: string,
	delta: -1 | 1,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const shown = readNetwork(data).sectors;
	const at = shown.findIndex((s) => s.id === id);
	const to = at + delta;
	if (at < 0 || to < 0 || to >= shown.length) return false;
	transact(
		data,
		() => {
			for (const s of shown) storeSector(data, s.id);
			const stored = storedSectors(data);
			const rest = stored.filter((s) => s.id !== id);
			const index = Math.min(rest.length, Math.max(0, to));
			const order = keyBetween(rest[index - 1]?.order ?? null, rest[index]?.order ?? null);
			const map = recordMap(nestedMap(data.root, NESTED.network.sectors), id);
			map?.set('order', order);
		},
		origin
	);
	return true;
}

/**
 * Removes a sector; its people move to "Andet" (created when missing), keeping their ring. The
 * last sector cannot be removed, nor "Andet" while people are in it.
 */
export function removeSector(
	data: ToolData,
	id: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const model = readNetwork(data);
	if (!model.sectors.some((s) => s.id === id)) return ['network.error.sector'];
	if (model.sectors.length <= 1) return ['network.error.lastSector'];
	const members = model.people.filter((p) => p.sector === id || p.shownSector === id);
	if (id === OTHER_SECTOR && members.length > 0) return ['network.error.otherNotEmpty'];
	transact(
		data,
		() => {
			const map = storeSectors(data);
			const moving = model.people.filter((p) => p.sector === id);
			if (moving.length > 0) {
				storeSector(data, OTHER_SECTOR);
				for (const p of moving) recordMap(placementsOf(data), p.id)?.set('sector', OTHER_SECTOR);
			}
			map.delete(id);
		},
		origin
	);
	return [];
}

export function ringsProblems(rings: number): MessageKey[] {
	return Number.isInteger(rings) && rings >= MIN_RINGS && rings <= MAX_RINGS
		? []
		: ['network.error.rings'];
}

/** Sets how many rings are drawn; placements beyond are shown in the outermost, never lost. */
export function setRings(
	data: ToolData,
	rings: number,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (ringsProblems(rings).length > 0) return false;
	if (data.root.get(RINGS_KEY) === rings) return true;
	transact(data, () => data.root.set(RINGS_KEY, rings), origin);
	return true;
}

// Links.

export interface LinkInput {
	a: string;
	b: string;
	kind?: LinkKind;
	note?: string;
}

export function linkProblems(model: NetworkModel, input: Partial<LinkInput>): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.a !== undefined || input.b !== undefined) {
		const on = new Set(model.people.map((p) => p.id));
		if (!input.a || !input.b || !on.has(input.a) || !on.has(input.b))
			problems.push('network.error.linkEnds');
		else if (input.a === input.b) problems.push('network.error.linkSelf');
		else if (
			model.links.some(
				(l) => (l.a === input.a && l.b === input.b) || (l.a === input.b && l.b === input.a)
			)
		)
			problems.push('network.error.linkExists');
	}
	if (input.kind !== undefined && !LINK_KINDS.includes(input.kind))
		problems.push('network.error.linkKind');
	if (input.note !== undefined && (typeof input.note !== 'string' || input.note.length > NOTE_MAX))
		problems.push('network.error.note');
	return problems;
}

export function addLink(
	data: ToolData,
	id: string,
	input: LinkInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (linkProblems(readNetwork(data), input).length > 0) return false;
	transact(
		data,
		() =>
			insertRecord(ensureMap(data.root, NESTED.network.links), id, {
				a: input.a,
				b: input.b,
				kind: input.kind ?? 'normal',
				note: input.note?.trim() || undefined
			}),
		origin
	);
	return true;
}

export function updateLink(
	data: ToolData,
	id: string,
	patch: { kind?: LinkKind; note?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(linksOf(data), id);
	if (!map || linkProblems(readNetwork(data), patch).length > 0) return false;
	transact(
		data,
		() =>
			setFields(map, {
				kind: patch.kind,
				note: patch.note === undefined ? undefined : patch.note.trim() || null
			}),
		origin
	);
	return true;
}

export function removeLink(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const links = linksOf(data);
	if (!links?.has(id)) return;
	transact(data, () => links.delete(id), origin);
}
