/**
 * The genogram's model (`genogram` root): record types, validators and the typed read.
 *
 * In the document (schema v2):
 * - `members`: person id → the genogram's own fields about that person (index child, placed,
 *   manual nudge). Name, sex and years live in the `people` registry. A member of another kind
 *   (pregnancy, miscarriage, stillbirth) has an id of its own and carries its label and year here.
 * - `unions`: union id → a parent set / couple: partners `a` and `b` (either may be missing: an
 *   unknown parent), `kind` (married … widowed) with years, and `children`, a nested Y.Map
 *   child id → child link (`kind` biological / adopted / foster, fractional `order` = birth
 *   order, `twin` group, years for a foster placement). Keyed by child, so two people adding
 *   children at once both land, and a child is at most once in one union.
 * - `bonds`: emotional lines (an optional layer); `households`: who lives together now, with
 *   `members` as a nested Y.Map person id → true.
 * - `showBonds`: whether the emotional layer is drawn – one flag for the board, so the room,
 *   everyone following the presenter, the snapshot and the PDF show the same picture.
 *
 * The read is where concurrent structural edits are repaired: whatever the validators would
 * have refused (a child in two biological parent sets, someone their own ancestor, a link to a
 * removed person) is skipped deterministically and reported in `repaired`, so every client draws
 * the same valid genogram and nothing throws. Pure: Yjs and valibot only.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { NESTED } from '../../board/keys';
import { compareOrder } from '../../board/order';
import { id, orderKey, shortText, year } from '../../board/records/common';
import { SEXES } from '../../board/records/person';
import type { MessageKey } from '../../i18n';
import { nestedMap } from '../data';
import { readPeopleMap, type PersonRecord } from '../people';
import type { ToolData } from '../types';

export const MEMBER_KINDS = ['person', 'pregnancy', 'miscarriage', 'stillbirth'] as const;
export const UNION_KINDS = [
	'married',
	'cohabiting',
	'engaged',
	'separated',
	'divorced',
	'widowed'
] as const;
export const CHILD_KINDS = ['biological', 'adopted', 'foster'] as const;
export const BOND_KINDS = [
	'close',
	'very-close',
	'distant',
	'conflict',
	'cut-off',
	'hostile',
	'abuse',
	'focused'
] as const;
/** Bonds with a direction (from `a` to `b`): drawn with an arrow head. */
export const DIRECTED_BONDS: ReadonlySet<BondKind> = new Set(['abuse', 'focused']);

export type MemberKind = (typeof MEMBER_KINDS)[number];
export type UnionKind = (typeof UNION_KINDS)[number];
export type ChildKind = (typeof CHILD_KINDS)[number];
export type BondKind = (typeof BOND_KINDS)[number];
export type Sex = (typeof SEXES)[number];

/** Largest manual nudge, in layout units. */
const MAX_NUDGE = 20_000;
const nudge = v.pipe(v.number(), v.finite(), v.minValue(-MAX_NUDGE), v.maxValue(MAX_NUDGE));

export const MemberSchema = v.object({
	/** The person id (or, for another kind, the member's own id): the member map's key. */
	id,
	kind: v.optional(v.picklist(MEMBER_KINDS), 'person'),
	indexChild: v.optional(v.boolean(), false),
	placed: v.optional(v.boolean(), false),
	/** Manual nudge from the automatic layout, in layout units (kept across re-layouts). */
	dx: v.optional(nudge, 0),
	dy: v.optional(nudge, 0),
	/** Members that are not people (pregnancy …): their label, year and sex, if known. */
	label: v.optional(v.pipe(v.string(), v.maxLength(200))),
	year: v.optional(v.nullable(year)),
	sex: v.optional(v.picklist(SEXES))
});
export type MemberRecord = v.InferOutput<typeof MemberSchema>;

export const UnionSchema = v.object({
	id,
	a: v.optional(v.nullable(id)),
	b: v.optional(v.nullable(id)),
	kind: v.optional(v.picklist(UNION_KINDS), 'married'),
	startYear: v.optional(v.nullable(year)),
	endYear: v.optional(v.nullable(year)),
	/** Among one person's unions: which came first (after the years). */
	order: v.optional(orderKey, 'a0')
});
export type UnionRecord = v.InferOutput<typeof UnionSchema>;

export const ChildLinkSchema = v.object({
	/** The child's member id (the link's key in its union's `children`). */
	id,
	kind: v.optional(v.picklist(CHILD_KINDS), 'biological'),
	/** Birth order among the union's children. */
	order: v.optional(orderKey, 'a0'),
	/** Twins share a group id (and their parents). */
	twin: v.optional(v.nullable(id)),
	identical: v.optional(v.boolean(), false),
	/** A foster placement's (or an adoption's) years. */
	startYear: v.optional(v.nullable(year)),
	endYear: v.optional(v.nullable(year))
});
export type ChildLinkRecord = v.InferOutput<typeof ChildLinkSchema>;

export const BondSchema = v.object({
	id,
	a: id,
	b: id,
	kind: v.picklist(BOND_KINDS),
	note: v.optional(shortText)
});
export type BondRecord = v.InferOutput<typeof BondSchema>;

export const HouseholdSchema = v.object({
	id,
	name: v.optional(v.pipe(v.string(), v.maxLength(200)), ''),
	/** The foster family's household (drawn in the foster colour). */
	foster: v.optional(v.boolean(), false)
});
export type HouseholdRecord = v.InferOutput<typeof HouseholdSchema>;

/** A member as the views use it: the registry's fields and the genogram's together. */
export interface GenoMember {
	id: string;
	kind: MemberKind;
	name: string;
	sex: Sex;
	birthYear: number | null;
	deathYear: number | null;
	deceased: boolean;
	indexChild: boolean;
	placed: boolean;
	relation: string;
	note: string;
	dx: number;
	dy: number;
}

export interface GenoChild {
	union: string;
	child: string;
	kind: ChildKind;
	order: string;
	twin: string | null;
	identical: boolean;
	startYear: number | null;
	endYear: number | null;
}

export interface GenoUnion {
	id: string;
	/** 0–2 member ids, in the record's order (`a` first). */
	partners: string[];
	kind: UnionKind;
	startYear: number | null;
	endYear: number | null;
	order: string;
	/** In birth order (twins next to each other). */
	children: GenoChild[];
}

export type GenoBond = BondRecord;

export interface GenoHousehold {
	id: string;
	name: string;
	foster: boolean;
	/** Member ids, sorted. */
	members: string[];
}

/** Something the read skipped or questions, in words (a message key) and the records involved. */
export interface GenogramProblem {
	key: MessageKey;
	params?: Record<string, string | number>;
	ids: string[];
}

export interface GenogramModel {
	/** Members by id (sorted by id: deterministic iteration). */
	members: Map<string, GenoMember>;
	/** Unions in chronological order (years, then order, then id). */
	unions: GenoUnion[];
	bonds: GenoBond[];
	households: GenoHousehold[];
	showBonds: boolean;
	/** Everyone in the case's registry (for pickers), by id. */
	registry: Map<string, PersonRecord>;
	/** Each member's links as a child (biological first). */
	parentsOf: Map<string, GenoChild[]>;
	/** Each member's unions as a partner (chronological). */
	unionsOf: Map<string, GenoUnion[]>;
	/** What the read skipped (concurrent edits that together made an impossible structure). */
	repaired: GenogramProblem[];
	/** What practitioners would question (a parent younger than the child). */
	warnings: GenogramProblem[];
	/** The year ages are counted to. */
	year: number;
}

const KIND_RANK: Record<ChildKind, number> = { biological: 0, adopted: 1, foster: 2 };

/** Chronological order of unions: start (or end) year, then order key, then id. */
export function compareUnions(a: GenoUnion, b: GenoUnion): number {
	const ya = a.startYear ?? a.endYear ?? Infinity;
	const yb = b.startYear ?? b.endYear ?? Infinity;
	if (ya !== yb) return ya < yb ? -1 : 1;
	return compareOrder(a, b);
}

const compareLinks = (a: GenoChild, b: GenoChild): number =>
	compareOrder({ id: a.child, order: a.order }, { id: b.child, order: b.order });

function plainRecord(value: unknown): Record<string, unknown> | null {
	const obj = value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
	return typeof obj === 'object' && obj !== null && !Array.isArray(obj)
		? (obj as Record<string, unknown>)
		: null;
}

function parse<S extends v.GenericSchema>(
	schema: S,
	key: string,
	obj: Record<string, unknown>
): v.InferOutput<S> | null {
	const result = v.safeParse(schema, Object.assign({}, obj, { id: key }));
	return result.success ? result.output : null;
}

/** The member ids of a household's `members` (v2 map, or v1 array). */
function householdMembers(value: unknown): string[] {
	if (Array.isArray(value)) return value.filter((x): x is string => typeof x === 'string');
	if (value && typeof value === 'object')
		return Object.entries(value as Record<string, unknown>)
			.filter(([, on]) => on === true)
			.map(([key]) => key);
	return [];
}

/** A union's child links (v2 map of link records; a v1 array reads as biological children). */
function childLinks(unionId: string, value: unknown): GenoChild[] {
	const out: GenoChild[] = [];
	if (Array.isArray(value)) {
		value.forEach((child, i) => {
			if (typeof child !== 'string' || !child || child.length > 128) return;
			if (out.some((l) => l.child === child)) return;
			out.push({
				union: unionId,
				child,
				kind: 'biological',
				order: `a${String(i).padStart(4, '0')}`,
				twin: null,
				identical: false,
				startYear: null,
				endYear: null
			});
		});
		return out;
	}
	if (!value || typeof value !== 'object') return out;
	for (const [child, raw] of Object.entries(value as Record<string, unknown>)) {
		const obj = plainRecord(raw);
		const link = obj ? parse(ChildLinkSchema, child, obj) : null;
		if (!link) continue;
		out.push({
			union: unionId,
			child,
			kind: link.kind,
			order: link.order,
			twin: link.twin ?? null,
			identical: link.identical,
			startYear: link.startYear ?? null,
			endYear: link.endYear ?? null
		});
	}
	return out;
}

function toMember(record: MemberRecord, person: PersonRecord | undefined): GenoMember | null {
	if (record.kind === 'person') {
		if (!person) return null;
		return {
			id: record.id,
			kind: 'person',
			name: person.name,
			sex: person.sex,
			birthYear: person.birthYear ?? null,
			deathYear: person.deathYear ?? null,
			deceased: person.deceased === true || typeof person.deathYear === 'number',
			indexChild: record.indexChild,
			placed: record.placed,
			relation: person.relation ?? '',
			note: person.note ?? '',
			dx: record.dx,
			dy: record.dy
		};
	}
	return {
		id: record.id,
		kind: record.kind,
		name: record.label ?? '',
		sex: record.sex ?? 'unknown',
		birthYear: record.year ?? null,
		deathYear: null,
		deceased: record.kind !== 'pregnancy',
		indexChild: false,
		placed: false,
		relation: '',
		note: '',
		dx: record.dx,
		dy: record.dy
	};
}

/** Ancestry over accepted links: `parentsOf` child → parent member ids. */
export function isAncestor(
	parents: ReadonlyMap<string, readonly string[]>,
	ancestor: string,
	of: string
): boolean {
	const seen = new Set<string>();
	const stack = [...(parents.get(of) ?? [])];
	while (stack.length > 0) {
		const next = stack.pop()!;
		if (next === ancestor) return true;
		if (seen.has(next)) continue;
		seen.add(next);
		for (const p of parents.get(next) ?? []) stack.push(p);
	}
	return false;
}

/** Reads the genogram; invalid records are skipped and impossible structures repaired. */
export function readGenogram(data: ToolData, year = new Date().getFullYear()): GenogramModel {
	const registry = readPeopleMap(data.people);
	const repaired: GenogramProblem[] = [];
	const warnings: GenogramProblem[] = [];

	const members = new Map<string, GenoMember>();
	const memberMap = nestedMap(data.root, NESTED.genogram.members);
	const memberIds = memberMap ? [...memberMap.keys()].sort() : [];
	for (const key of memberIds) {
		const obj = plainRecord(memberMap?.get(key));
		const record = obj ? parse(MemberSchema, key, obj) : null;
		const member = record ? toMember(record, registry.get(key)) : null;
		if (member) members.set(key, member);
	}

	// Unions: partners that are members, at most once each.
	const unions: GenoUnion[] = [];
	const unionMap = nestedMap(data.root, NESTED.genogram.unions);
	const rawLinks: GenoChild[] = [];
	for (const [key, raw] of unionMap?.entries() ?? []) {
		const obj = plainRecord(raw);
		const record = obj ? parse(UnionSchema, key, obj) : null;
		if (!record || !obj) continue;
		const partners = [record.a, record.b].filter(
			(p, i, all): p is string => !!p && members.has(p) && all.indexOf(p) === i
		);
		unions.push({
			id: key,
			partners,
			kind: record.kind,
			startYear: record.startYear ?? null,
			endYear: record.endYear ?? null,
			order: record.order,
			children: []
		});
		rawLinks.push(...childLinks(key, obj.children));
	}
	unions.sort(compareUnions);
	const unionById = new Map(unions.map((u) => [u.id, u]));

	// Child links, biological first, then by union and child id: a deterministic order in which
	// each link is accepted only if the structure stays possible.
	rawLinks.sort(
		(a, b) =>
			KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
			(a.union < b.union ? -1 : a.union > b.union ? 1 : 0) ||
			(a.child < b.child ? -1 : a.child > b.child ? 1 : 0)
	);
	const parentIds = new Map<string, string[]>();
	const parentsOf = new Map<string, GenoChild[]>();
	for (const link of rawLinks) {
		const union = unionById.get(link.union);
		if (!union || !members.has(link.child)) continue;
		const own = parentsOf.get(link.child) ?? [];
		if (union.partners.includes(link.child)) {
			repaired.push({ key: 'genogram.repaired.ownChild', ids: [link.child, link.union] });
			continue;
		}
		if (link.kind === 'biological' && own.some((l) => l.kind === 'biological')) {
			repaired.push({ key: 'genogram.repaired.twoBiological', ids: [link.child, link.union] });
			continue;
		}
		if (union.partners.some((p) => isAncestor(parentIds, link.child, p))) {
			repaired.push({ key: 'genogram.repaired.ownAncestor', ids: [link.child, link.union] });
			continue;
		}
		own.push(link);
		parentsOf.set(link.child, own);
		parentIds.set(link.child, [...(parentIds.get(link.child) ?? []), ...union.partners]);
		union.children.push(link);
	}

	// Birth order; twins of a group share a union and stand together (at the first one's place).
	for (const union of unions) {
		union.children.sort(compareLinks);
		const groups = new Map<string, GenoChild[]>();
		for (const link of union.children)
			if (link.twin) groups.set(link.twin, [...(groups.get(link.twin) ?? []), link]);
		for (const links of groups.values()) if (links.length < 2) for (const l of links) l.twin = null;
		const ordered: GenoChild[] = [];
		for (const link of union.children) {
			if (ordered.includes(link)) continue;
			if (link.twin) ordered.push(...union.children.filter((l) => l.twin === link.twin));
			else ordered.push(link);
		}
		union.children = ordered;
	}

	const unionsOf = new Map<string, GenoUnion[]>();
	for (const union of unions)
		for (const p of union.partners) unionsOf.set(p, [...(unionsOf.get(p) ?? []), union]);

	// A parent younger than (or as old as) the child is questioned, not refused.
	for (const union of unions)
		for (const link of union.children) {
			if (link.kind === 'foster') continue;
			const child = members.get(link.child);
			for (const p of union.partners) {
				const parent = members.get(p);
				if (
					child?.birthYear != null &&
					parent?.birthYear != null &&
					parent.birthYear >= child.birthYear
				)
					warnings.push({
						key: 'genogram.warning.parentYounger',
						params: { parent: parent.name, child: child.name },
						ids: [p, link.child]
					});
			}
		}

	const bonds: GenoBond[] = [];
	const bondMap = nestedMap(data.root, NESTED.genogram.bonds);
	for (const [key, raw] of bondMap?.entries() ?? []) {
		const obj = plainRecord(raw);
		const bond = obj ? parse(BondSchema, key, obj) : null;
		if (bond && bond.a !== bond.b && members.has(bond.a) && members.has(bond.b)) bonds.push(bond);
	}
	bonds.sort((a, b) => (a.id < b.id ? -1 : 1));

	const households: GenoHousehold[] = [];
	const householdMap = nestedMap(data.root, NESTED.genogram.households);
	for (const [key, raw] of householdMap?.entries() ?? []) {
		const obj = plainRecord(raw);
		const record = obj ? parse(HouseholdSchema, key, obj) : null;
		if (!record || !obj) continue;
		const list = [...new Set(householdMembers(obj.members))].filter((m) => members.has(m)).sort();
		households.push({ id: key, name: record.name, foster: record.foster, members: list });
	}
	households.sort((a, b) => (a.id < b.id ? -1 : 1));

	const show = data.root.get('showBonds');
	return {
		members,
		unions,
		bonds,
		households,
		showBonds: show !== false,
		registry,
		parentsOf,
		unionsOf,
		repaired,
		warnings,
		year
	};
}

/** The union a child is drawn under: biological, else adopted, else none (foster only). */
export function birthUnion(model: GenogramModel, child: string): GenoChild | null {
	return (model.parentsOf.get(child) ?? []).find((l) => l.kind !== 'foster') ?? null;
}

/** Age in whole years at `year` (or at death), when the birth year is known. */
export function ageOf(member: GenoMember, year: number): number | null {
	if (member.birthYear == null || member.kind !== 'person') return null;
	const until = member.deathYear ?? (member.deceased ? null : year);
	if (until == null) return null;
	const age = until - member.birthYear;
	return age >= 0 && age < 130 ? age : null;
}

/** Parent ids by child (every accepted link), for ancestry checks. */
export function parentIndex(model: GenogramModel): Map<string, string[]> {
	const out = new Map<string, string[]>();
	const byId = new Map(model.unions.map((u) => [u.id, u]));
	for (const [child, links] of model.parentsOf)
		out.set(
			child,
			links.flatMap((l) => byId.get(l.union)?.partners ?? [])
		);
	return out;
}

/** A member's name for text (a pregnancy without a label gets its kind's word). */
export function displayName(member: GenoMember, t: (key: MessageKey) => string): string {
	if (member.name) return member.name;
	return t(`genogram.kind.${member.kind}`);
}
