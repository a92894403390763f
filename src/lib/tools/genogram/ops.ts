/**
 * Genogram edits, each one Yjs transaction with a typed origin. Structural edits are checked
 * against the current model first: one that would make an impossible family (someone their own
 * ancestor, a child with two sets of biological parents, more than two parents) changes nothing
 * and returns Danish message keys. Ops ignore ids that no longer exist (someone may have removed
 * the record meanwhile); the read repairs what concurrent edits combine into (see `model.ts`).
 */
import * as Y from 'yjs';
import { NESTED } from '../../board/keys';
import {
	upgradeHouseholdMembers,
	upgradeUnionChildren
} from '../../board/migrations/genogram-child-links';
import { keyBetween } from '../../board/order';
import { LOCAL_ORIGIN, type BoardOrigin } from '../../board/origin';
import type { MessageKey } from '../../i18n';
import { ensureMap, insertRecord, nestedMap, recordMap, setFields, transact } from '../data';
import { addPerson, personProblems, updatePerson, type NewPerson } from '../people';
import type { ToolData } from '../types';
import {
	BOND_KINDS,
	CHILD_KINDS,
	UNION_KINDS,
	birthUnion,
	isAncestor,
	parentIndex,
	readGenogram,
	type BondKind,
	type ChildKind,
	type GenoChild,
	type GenogramModel,
	type GenoUnion,
	type MemberKind,
	type Sex,
	type UnionKind
} from './model';

export type Relation = 'child' | 'partner' | 'parent' | 'sibling';
export const RELATIONS: readonly Relation[] = ['child', 'partner', 'parent', 'sibling'];

export type OpResult = { ok: true; id: string } | { ok: false; problems: MessageKey[] };

const fail = (...problems: MessageKey[]): OpResult => ({ ok: false, problems });

/** Who is added: a new person for the registry, a person already there, or a pregnancy etc. */
export interface MemberInput {
	/** A new person (id chosen by the caller). */
	person?: NewPerson;
	/** A person already in the registry (or already in the genogram). */
	existing?: string;
	/** A member that is not a person: its own id, kind, label, year, sex. */
	other?: {
		id: string;
		kind: Exclude<MemberKind, 'person'>;
		label?: string;
		year?: number | null;
		sex?: Sex;
	};
}

export interface RelativeInput extends MemberInput {
	/** The link kind for child / parent / sibling (default biological). */
	kind?: ChildKind;
	/** For a child: which of the anchor's unions (default: the latest). */
	union?: string;
	/** For a partner: the union's kind (default married). */
	unionKind?: UnionKind;
}

const members = (data: ToolData) => ensureMap(data.root, NESTED.genogram.members);
const unions = (data: ToolData) => ensureMap(data.root, NESTED.genogram.unions);
const bonds = (data: ToolData) => ensureMap(data.root, NESTED.genogram.bonds);
const households = (data: ToolData) => ensureMap(data.root, NESTED.genogram.households);

/** A union's child-link map (a v1 array is upgraded first). Inside a transaction. */
function linksOf(union: Y.Map<unknown>): Y.Map<Y.Map<unknown>> {
	upgradeUnionChildren(union);
	return union.get('children') as Y.Map<Y.Map<unknown>>;
}

const yearOk = (y: number | null | undefined) =>
	y === null || y === undefined || (Number.isInteger(y) && y >= 1850 && y <= 2100);

/** What is wrong with the member to add (message keys; empty: fine). */
export function memberProblems(model: GenogramModel, input: MemberInput): MessageKey[] {
	if (input.person) return personProblems(input.person) as MessageKey[];
	if (input.existing)
		return model.registry.has(input.existing) || model.members.has(input.existing)
			? []
			: ['genogram.error.personMissing'];
	if (input.other) {
		const problems: MessageKey[] = [];
		if ((input.other.label ?? '').length > 200) problems.push('tools.person.nameLong');
		if (!yearOk(input.other.year)) problems.push('tools.person.yearRange');
		return problems;
	}
	return ['tools.person.nameMissing'];
}

function memberId(input: MemberInput): string {
	return input.person?.id ?? input.existing ?? input.other?.id ?? '';
}

/** Writes the person (when new) and the member record (when missing). Inside a transaction. */
function ensureMember(data: ToolData, input: MemberInput, origin: BoardOrigin): void {
	const id = memberId(input);
	if (input.person) addPerson(data, input.person, origin);
	if (members(data).has(id)) return;
	if (input.other)
		insertRecord(members(data), id, {
			kind: input.other.kind,
			label: input.other.label?.trim() || undefined,
			year: input.other.year ?? undefined,
			sex: input.other.sex && input.other.sex !== 'unknown' ? input.other.sex : undefined
		});
	else insertRecord(members(data), id, {});
}

function birthYearOf(model: GenogramModel, input: MemberInput): number | null {
	if (input.person) return input.person.birthYear ?? null;
	if (input.other) return input.other.year ?? null;
	const id = input.existing ?? '';
	return model.members.get(id)?.birthYear ?? model.registry.get(id)?.birthYear ?? null;
}

/**
 * The birth-order key for a new child of `union`: by birth year among siblings with known years,
 * else right after `after` (a sibling), else last (the youngest).
 */
function childOrder(
	model: GenogramModel,
	union: GenoUnion | null,
	birthYear: number | null,
	after?: string
): string {
	const list = union?.children ?? [];
	let index = list.length;
	if (birthYear !== null) {
		const later = list.findIndex((l) => {
			const y = model.members.get(l.child)?.birthYear;
			return y != null && y > birthYear;
		});
		if (later !== -1) index = later;
	} else if (after) {
		const at = list.findIndex((l) => l.child === after);
		if (at !== -1) index = at + 1;
	}
	return keyBetween(list[index - 1]?.order ?? null, list[index]?.order ?? null);
}

/** Why `child` cannot become a `kind` child of `union` (empty: it can). */
export function childLinkProblems(
	model: GenogramModel,
	union: GenoUnion | null,
	child: string,
	kind: ChildKind,
	partners: readonly string[] = union?.partners ?? []
): MessageKey[] {
	if (partners.includes(child)) return ['genogram.error.ownChild'];
	if (union?.children.some((l) => l.child === child)) return ['genogram.error.alreadyChild'];
	const links = model.parentsOf.get(child) ?? [];
	if (kind === 'biological' && links.some((l) => l.kind === 'biological'))
		return ['genogram.error.twoBiological'];
	const parents = parentIndex(model);
	if (partners.some((p) => isAncestor(parents, child, p))) return ['genogram.error.ownAncestor'];
	return [];
}

function newUnion(
	data: ToolData,
	id: string,
	fields: { a?: string; b?: string; kind?: UnionKind; order: string }
): Y.Map<unknown> {
	const union = insertRecord(unions(data), id, {
		a: fields.a,
		b: fields.b,
		kind: fields.kind ?? 'married',
		order: fields.order
	});
	union.set('children', new Y.Map());
	return union;
}

function addLink(
	union: Y.Map<unknown>,
	child: string,
	fields: { kind: ChildKind; order: string }
): void {
	const links = linksOf(union);
	const link = new Y.Map<unknown>();
	links.set(child, link);
	link.set('kind', fields.kind);
	link.set('order', fields.order);
}

/** Fills the empty partner slot of a union that has one partner. */
function fillSlot(union: Y.Map<unknown>, partner: string): void {
	if (!union.get('a')) union.set('a', partner);
	else union.set('b', partner);
}

const lastUnionOrder = (model: GenogramModel, person: string): string | null =>
	(model.unionsOf.get(person) ?? []).reduce<string | null>(
		(max, u) => (max === null || u.order > max ? u.order : max),
		null
	);

/** Adds a person to the genogram on their own (the first person, or someone to connect later). */
export function addMember(
	data: ToolData,
	input: MemberInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): OpResult {
	const model = readGenogram(data);
	const problems = memberProblems(model, input);
	if (problems.length > 0) return fail(...problems);
	const id = memberId(input);
	if (model.members.has(id)) return fail('genogram.error.alreadyMember');
	transact(data, () => ensureMember(data, input, origin), origin);
	return { ok: true, id };
}

/**
 * Adds a person as child, partner, parent or sibling of `anchor`, with the union and child link
 * that takes: a child hangs from the anchor's latest union (or a new one with an unknown other
 * parent), a partner fills an unknown parent's place or starts a new union (the latest), a parent
 * fills the anchor's parent set or starts one, a sibling joins the anchor's parents' children
 * right after the anchor (or by birth year).
 */
export function addRelative(
	data: ToolData,
	anchor: string,
	relation: Relation,
	input: RelativeInput,
	newUnionId: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): OpResult {
	const model = readGenogram(data);
	if (!model.members.has(anchor)) return fail('genogram.error.personMissing');
	const problems = memberProblems(model, input);
	if (problems.length > 0) return fail(...problems);
	const id = memberId(input);
	if (id === anchor)
		return fail(relation === 'partner' ? 'genogram.error.selfPartner' : 'genogram.error.ownChild');
	const kind = input.kind ?? 'biological';
	if (!CHILD_KINDS.includes(kind)) return fail('genogram.error.kind');
	const parents = parentIndex(model);
	const born = birthYearOf(model, input);
	const unionById = new Map(model.unions.map((u) => [u.id, u]));
	let write: () => void;

	switch (relation) {
		case 'child': {
			const own = model.unionsOf.get(anchor) ?? [];
			const union = input.union ? own.find((u) => u.id === input.union) : own.at(-1);
			if (input.union && !union) return fail('genogram.error.unionMissing');
			const p = childLinkProblems(model, union ?? null, id, kind, union?.partners ?? [anchor]);
			if (p.length > 0) return fail(...p);
			const order = childOrder(model, union ?? null, born);
			write = () => {
				const map = union ? recordMap(unions(data), union.id) : null;
				const target =
					map ??
					newUnion(data, newUnionId, {
						a: anchor,
						order: keyBetween(lastUnionOrder(model, anchor), null)
					});
				addLink(target, id, { kind, order });
			};
			break;
		}
		case 'partner': {
			const unionKind = input.unionKind ?? 'married';
			if (!UNION_KINDS.includes(unionKind)) return fail('genogram.error.kind');
			const own = model.unionsOf.get(anchor) ?? [];
			if (own.some((u) => u.partners.includes(id))) return fail('genogram.error.alreadyPartners');
			if (isAncestor(parents, id, anchor) || isAncestor(parents, anchor, id))
				return fail('genogram.error.partnerRelative');
			const open = own.find((u) => u.partners.length === 1);
			write = () => {
				const map = open ? recordMap(unions(data), open.id) : null;
				if (map) {
					fillSlot(map, id);
					if (input.unionKind) map.set('kind', input.unionKind);
				} else
					newUnion(data, newUnionId, {
						a: anchor,
						b: id,
						kind: unionKind,
						order: keyBetween(lastUnionOrder(model, anchor), null)
					});
			};
			break;
		}
		case 'parent': {
			if (isAncestor(parents, anchor, id)) return fail('genogram.error.ownAncestor');
			const links = model.parentsOf.get(anchor) ?? [];
			if (kind === 'foster') {
				const carer = (model.unionsOf.get(id) ?? []).filter(
					(u) => u.partners.length === 1 || u.children.some((l) => l.kind === 'foster')
				);
				const union = carer.find((u) => u.children.some((l) => l.kind === 'foster')) ?? carer[0];
				if (union?.children.some((l) => l.child === anchor))
					return fail('genogram.error.alreadyChild');
				write = () => {
					const map = union ? recordMap(unions(data), union.id) : null;
					const target =
						map ??
						newUnion(data, newUnionId, {
							a: id,
							order: keyBetween(lastUnionOrder(model, id), null)
						});
					addLink(target, anchor, {
						kind: 'foster',
						order: childOrder(model, union ?? null, model.members.get(anchor)?.birthYear ?? null)
					});
				};
				break;
			}
			const link = links.find((l) => l.kind === kind);
			const union = link ? unionById.get(link.union) : undefined;
			if (union) {
				if (union.partners.includes(id)) return fail('genogram.error.alreadyParent');
				if (union.partners.length >= 2) return fail('genogram.error.twoParents');
			}
			write = () => {
				const map = union ? recordMap(unions(data), union.id) : null;
				if (map) fillSlot(map, id);
				else {
					const target = newUnion(data, newUnionId, {
						a: id,
						order: keyBetween(lastUnionOrder(model, id), null)
					});
					addLink(target, anchor, { kind, order: keyBetween(null, null) });
				}
			};
			break;
		}
		case 'sibling': {
			const link = birthUnion(model, anchor);
			const union = link ? unionById.get(link.union) : undefined;
			const p = childLinkProblems(model, union ?? null, id, kind);
			if (p.length > 0) return fail(...p);
			const order = union ? childOrder(model, union, born, anchor) : null;
			write = () => {
				const map = union ? recordMap(unions(data), union.id) : null;
				if (map && order) addLink(map, id, { kind, order });
				else {
					const target = newUnion(data, newUnionId, { order: keyBetween(null, null) });
					const first = keyBetween(null, null);
					const anchorYear = model.members.get(anchor)?.birthYear ?? null;
					const second = keyBetween(first, null);
					const olderFirst = born === null || anchorYear === null || anchorYear <= born;
					addLink(target, anchor, { kind: 'biological', order: olderFirst ? first : second });
					addLink(target, id, { kind, order: olderFirst ? second : first });
				}
			};
			break;
		}
	}
	transact(
		data,
		() => {
			ensureMember(data, input, origin);
			write();
		},
		origin
	);
	return { ok: true, id };
}

/** Removes a person from the genogram with their unions' places, child links, bonds and households. */
export function removeMember(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const memberMap = nestedMap(data.root, NESTED.genogram.members);
	if (!memberMap?.has(id)) return;
	transact(
		data,
		() => {
			memberMap.delete(id);
			const unionMap = nestedMap(data.root, NESTED.genogram.unions);
			for (const [unionId, union] of [...(unionMap?.entries() ?? [])]) {
				if (!(union instanceof Y.Map)) continue;
				for (const key of ['a', 'b']) if (union.get(key) === id) union.delete(key);
				const children = union.get('children');
				if (children instanceof Y.Map && children.has(id)) children.delete(id);
				else if (Array.isArray(children) && children.includes(id))
					union.set(
						'children',
						children.filter((c) => c !== id)
					);
				pruneUnion(unionMap!, unionId, union);
			}
			const bondMap = nestedMap(data.root, NESTED.genogram.bonds);
			for (const [bondId, bond] of [...(bondMap?.entries() ?? [])])
				if (bond instanceof Y.Map && (bond.get('a') === id || bond.get('b') === id))
					bondMap!.delete(bondId);
			const householdMap = nestedMap(data.root, NESTED.genogram.households);
			for (const [householdId, household] of [...(householdMap?.entries() ?? [])]) {
				if (!(household instanceof Y.Map)) continue;
				upgradeHouseholdMembers(household);
				const list = household.get('members') as Y.Map<unknown>;
				if (list.has(id)) list.delete(id);
				if (list.size === 0) householdMap!.delete(householdId);
			}
		},
		origin
	);
}

/**
 * Tidies a union after someone left it: with no partners left, its foster and adoptive links go
 * (nobody is caring for those children there); a union with no children and fewer than two
 * partners joins nobody any more and goes too.
 */
function pruneUnion(unionMap: Y.Map<Y.Map<unknown>>, id: string, union: Y.Map<unknown>): void {
	const partners = ['a', 'b'].filter((k) => typeof union.get(k) === 'string').length;
	const children = union.get('children');
	if (partners === 0 && children instanceof Y.Map)
		for (const [child, link] of [...children.entries()])
			if (
				link instanceof Y.Map &&
				link.get('kind') !== 'biological' &&
				link.get('kind') !== undefined
			)
				children.delete(child);
	const count =
		children instanceof Y.Map ? children.size : Array.isArray(children) ? children.length : 0;
	if (count === 0 && partners < 2) unionMap.delete(id);
}

export interface UnionPatch {
	kind?: UnionKind;
	startYear?: number | null;
	endYear?: number | null;
}

/** What is wrong with a union's fields (message keys). */
export function unionProblems(patch: UnionPatch): MessageKey[] {
	const problems: MessageKey[] = [];
	if (patch.kind !== undefined && !UNION_KINDS.includes(patch.kind))
		problems.push('genogram.error.kind');
	if (!yearOk(patch.startYear) || !yearOk(patch.endYear)) problems.push('tools.person.yearRange');
	if (
		typeof patch.startYear === 'number' &&
		typeof patch.endYear === 'number' &&
		patch.endYear < patch.startYear
	)
		problems.push('genogram.error.endBeforeStart');
	return problems;
}

/** Changes a union's status and years (`null` clears a year). */
export function updateUnion(
	data: ToolData,
	id: string,
	patch: UnionPatch,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.unions), id);
	if (!map) return ['genogram.error.unionMissing'];
	const merged = {
		kind: patch.kind,
		startYear:
			patch.startYear === undefined
				? (map.get('startYear') as number | undefined)
				: patch.startYear,
		endYear:
			patch.endYear === undefined ? (map.get('endYear') as number | undefined) : patch.endYear
	};
	const problems = unionProblems(merged);
	if (problems.length > 0) return problems;
	transact(data, () => setFields(map, { ...patch }), origin);
	return [];
}

/** Removes a union that has no children (a union with children keeps them together). */
export function removeUnion(
	data: ToolData,
	id: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const unionMap = nestedMap(data.root, NESTED.genogram.unions);
	const map = recordMap(unionMap, id);
	if (!map) return [];
	const model = readGenogram(data);
	if (model.unions.find((u) => u.id === id)?.children.length)
		return ['genogram.error.unionHasChildren'];
	transact(data, () => unionMap!.delete(id), origin);
	return [];
}

export interface LinkPatch {
	kind?: ChildKind;
	startYear?: number | null;
	endYear?: number | null;
}

/** Changes a child link's kind (biological / adopted / foster) or its years. */
export function updateChildLink(
	data: ToolData,
	unionId: string,
	child: string,
	patch: LinkPatch,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const union = recordMap(nestedMap(data.root, NESTED.genogram.unions), unionId);
	if (!union) return ['genogram.error.unionMissing'];
	const model = readGenogram(data);
	const current = model.unions
		.find((u) => u.id === unionId)
		?.children.find((l) => l.child === child);
	if (!current) return ['genogram.error.personMissing'];
	if (patch.kind !== undefined && !CHILD_KINDS.includes(patch.kind)) return ['genogram.error.kind'];
	if (
		patch.kind === 'biological' &&
		current.kind !== 'biological' &&
		(model.parentsOf.get(child) ?? []).some((l) => l.kind === 'biological')
	)
		return ['genogram.error.twoBiological'];
	const problems = unionProblems({
		startYear: patch.startYear === undefined ? current.startYear : patch.startYear,
		endYear: patch.endYear === undefined ? current.endYear : patch.endYear
	});
	if (problems.length > 0) return problems;
	transact(
		data,
		() => {
			const link = linksOf(union).get(child);
			if (link instanceof Y.Map) setFields(link, { ...patch });
		},
		origin
	);
	return [];
}

/** Takes a child out of a union (the child stays in the genogram). */
export function removeChildLink(
	data: ToolData,
	unionId: string,
	child: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const unionMap = nestedMap(data.root, NESTED.genogram.unions);
	const union = recordMap(unionMap, unionId);
	if (!union) return;
	transact(
		data,
		() => {
			const links = linksOf(union);
			if (links.has(child)) links.delete(child);
			pruneUnion(unionMap!, unionId, union);
		},
		origin
	);
}

/** Moves a child one place older (−1, left) or younger (+1, right) among the union's children. */
export function moveChild(
	data: ToolData,
	unionId: string,
	child: string,
	step: -1 | 1,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const union = recordMap(nestedMap(data.root, NESTED.genogram.unions), unionId);
	const list = readGenogram(data).unions.find((u) => u.id === unionId)?.children ?? [];
	const at = list.findIndex((l) => l.child === child);
	if (!union || at === -1) return;
	const target = at + step;
	if (target < 0 || target >= list.length) return;
	const before = step < 0 ? list[target - 1] : list[target];
	const after = step < 0 ? list[target] : list[target + 1];
	const order = keyBetween(before?.order ?? null, after?.order ?? null);
	transact(
		data,
		() => {
			const link = linksOf(union).get(child);
			if (link instanceof Y.Map) link.set('order', order);
		},
		origin
	);
}

/**
 * Makes `other` the twin of `child` (both children of `unionId`: twins share their parents), or
 * takes `child` out of its twin pair (`other` null). `identical`: one egg (a bar between them).
 */
export function setTwin(
	data: ToolData,
	unionId: string,
	child: string,
	other: string | null,
	identical: boolean,
	groupId: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const union = recordMap(nestedMap(data.root, NESTED.genogram.unions), unionId);
	const model = readGenogram(data);
	const list = model.unions.find((u) => u.id === unionId)?.children ?? [];
	const self = list.find((l) => l.child === child);
	if (!union || !self) return ['genogram.error.personMissing'];
	if (other === null) {
		transact(
			data,
			() => {
				const links = linksOf(union);
				for (const l of list)
					if (self.twin && l.twin === self.twin) {
						const m = links.get(l.child);
						if (m instanceof Y.Map) setFields(m, { twin: null, identical: null });
					}
			},
			origin
		);
		return [];
	}
	const twin = list.find((l) => l.child === other);
	if (!twin) return ['genogram.error.twinsShareParents'];
	if (other === child) return ['genogram.error.twinsShareParents'];
	const group = self.twin ?? twin.twin ?? groupId;
	const rest = list.filter((l) => l !== twin);
	const at = rest.indexOf(self);
	const order = keyBetween(self.order, rest[at + 1]?.order ?? null);
	transact(
		data,
		() => {
			const links = linksOf(union);
			for (const l of list) {
				if (l !== self && l !== twin && l.twin !== group) continue;
				const m = links.get(l.child);
				if (m instanceof Y.Map) setFields(m, { twin: group, identical: identical || null });
			}
			const m = links.get(other);
			if (m instanceof Y.Map) m.set('order', order);
		},
		origin
	);
	return [];
}

export interface MemberPatch {
	indexChild?: boolean;
	placed?: boolean;
	label?: string;
	year?: number | null;
}

/** Changes the genogram's own fields of a member. */
export function updateMember(
	data: ToolData,
	id: string,
	patch: MemberPatch,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.members), id);
	if (!map) return ['genogram.error.personMissing'];
	if (!yearOk(patch.year)) return ['tools.person.yearRange'];
	if ((patch.label ?? '').length > 200) return ['tools.person.nameLong'];
	transact(
		data,
		() =>
			setFields(map, {
				indexChild: patch.indexChild === undefined ? undefined : patch.indexChild || null,
				placed: patch.placed === undefined ? undefined : patch.placed || null,
				label: patch.label === undefined ? undefined : patch.label.trim() || null,
				year: patch.year
			}),
		origin
	);
	return [];
}

export interface PersonPatch {
	name?: string;
	sex?: Sex;
	birthYear?: number | null;
	deathYear?: number | null;
	deceased?: boolean;
	note?: string;
}

/** Changes a person's registry fields (name, sex, years, deceased, note); bad input changes nothing. */
export function updatePersonFields(
	data: ToolData,
	id: string,
	patch: PersonPatch,
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const map = recordMap(data.people, id);
	if (!map) return ['genogram.error.personMissing'];
	const merged = {
		name: patch.name ?? (map.get('name') as string),
		birthYear:
			patch.birthYear === undefined
				? (map.get('birthYear') as number | undefined)
				: patch.birthYear,
		deathYear:
			patch.deathYear === undefined ? (map.get('deathYear') as number | undefined) : patch.deathYear
	};
	const problems = personProblems(merged) as MessageKey[];
	if ((patch.note ?? '').length > 2000) problems.push('genogram.error.note');
	if (problems.length > 0) return problems;
	const { deceased, ...fields } = patch;
	transact(
		data,
		() => {
			updatePerson(
				data,
				id,
				{ ...fields, note: fields.note === undefined ? undefined : fields.note },
				origin
			);
			if (patch.birthYear === null && map.has('birthYear')) map.delete('birthYear');
			if (patch.deathYear === null && map.has('deathYear')) map.delete('deathYear');
			if (patch.note === '' && map.has('note')) map.delete('note');
			if (deceased !== undefined) setFields(map, { deceased: deceased || null });
		},
		origin
	);
	return [];
}

/** Moves a member's symbol by (dx, dy) layout units from where the automatic layout puts it. */
export function nudgeMember(
	data: ToolData,
	id: string,
	dx: number,
	dy: number,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.members), id);
	if (!map || !Number.isFinite(dx) || !Number.isFinite(dy) || (dx === 0 && dy === 0)) return;
	const clamp = (n: number) => Math.round(Math.max(-20_000, Math.min(20_000, n)));
	const x = clamp((typeof map.get('dx') === 'number' ? (map.get('dx') as number) : 0) + dx);
	const y = clamp((typeof map.get('dy') === 'number' ? (map.get('dy') as number) : 0) + dy);
	transact(data, () => setFields(map, { dx: x || null, dy: y || null }), origin);
}

/** Puts a member back where the automatic layout places it. */
export function resetNudge(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.members), id);
	if (!map || (!map.has('dx') && !map.has('dy'))) return;
	transact(data, () => setFields(map, { dx: null, dy: null }), origin);
}

/** Adds an emotional bond between two members (from `a` to `b` for the directed kinds). */
export function addBond(
	data: ToolData,
	id: string,
	input: { a: string; b: string; kind: BondKind; note?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const model = readGenogram(data);
	if (!BOND_KINDS.includes(input.kind)) return ['genogram.error.kind'];
	if (input.a === input.b) return ['genogram.error.bondSelf'];
	if (!model.members.has(input.a) || !model.members.has(input.b))
		return ['genogram.error.personMissing'];
	if ((input.note ?? '').length > 2000) return ['genogram.error.note'];
	transact(
		data,
		() =>
			insertRecord(bonds(data), id, {
				a: input.a,
				b: input.b,
				kind: input.kind,
				note: input.note || undefined
			}),
		origin
	);
	return [];
}

export function updateBond(
	data: ToolData,
	id: string,
	patch: { kind?: BondKind; note?: string; reverse?: boolean },
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.bonds), id);
	if (!map) return ['genogram.error.bondMissing'];
	if (patch.kind !== undefined && !BOND_KINDS.includes(patch.kind)) return ['genogram.error.kind'];
	if ((patch.note ?? '').length > 2000) return ['genogram.error.note'];
	transact(
		data,
		() => {
			setFields(map, {
				kind: patch.kind,
				note: patch.note === undefined ? undefined : patch.note || null
			});
			if (patch.reverse) {
				const a = map.get('a');
				map.set('a', map.get('b'));
				map.set('b', a);
			}
		},
		origin
	);
	return [];
}

export function removeBond(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const map = nestedMap(data.root, NESTED.genogram.bonds);
	if (!map?.has(id)) return;
	transact(data, () => map.delete(id), origin);
}

/** Adds a household (who lives together now) with its first members. */
export function addHousehold(
	data: ToolData,
	id: string,
	input: { name: string; foster?: boolean; members: string[] },
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	if (input.name.length > 200) return ['tools.person.nameLong'];
	transact(
		data,
		() => {
			const map = insertRecord(households(data), id, {
				name: input.name.trim(),
				foster: input.foster || undefined
			});
			const list = new Y.Map<unknown>();
			map.set('members', list);
			for (const m of input.members) list.set(m, true);
		},
		origin
	);
	return [];
}

export function updateHousehold(
	data: ToolData,
	id: string,
	patch: { name?: string; foster?: boolean },
	origin: BoardOrigin = LOCAL_ORIGIN
): MessageKey[] {
	const map = recordMap(nestedMap(data.root, NESTED.genogram.households), id);
	if (!map) return ['genogram.error.householdMissing'];
	if ((patch.name ?? '').length > 200) return ['tools.person.nameLong'];
	transact(
		data,
		() =>
			setFields(map, {
				name: patch.name?.trim(),
				foster: patch.foster === undefined ? undefined : patch.foster || null
			}),
		origin
	);
	return [];
}

/** Puts a member into a household or takes them out (an emptied household goes). */
export function setHouseholdMember(
	data: ToolData,
	id: string,
	member: string,
	on: boolean,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const householdMap = nestedMap(data.root, NESTED.genogram.households);
	const map = recordMap(householdMap, id);
	if (!map) return;
	transact(
		data,
		() => {
			upgradeHouseholdMembers(map);
			const list = map.get('members') as Y.Map<unknown>;
			if (on) list.set(member, true);
			else if (list.has(member)) list.delete(member);
			if (list.size === 0) householdMap!.delete(id);
		},
		origin
	);
}

export function removeHousehold(
	data: ToolData,
	id: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const map = nestedMap(data.root, NESTED.genogram.households);
	if (!map?.has(id)) return;
	transact(data, () => map.delete(id), origin);
}

/** Shows or hides the emotional layer, for everyone on the board. */
export function setShowBonds(
	data: ToolData,
	show: boolean,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	if ((data.root.get('showBonds') !== false) === show) return;
	transact(data, () => data.root.set('showBonds', show), origin);
}

/** The links a union's children have, for views (birth order). */
export function childrenOf(model: GenogramModel, unionId: string): GenoChild[] {
	return model.unions.find((u) => u.id === unionId)?.children ?? [];
}
