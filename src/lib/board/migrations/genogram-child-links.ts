/**
 * v1 → v2 for the genogram (`board/0004-genogram-child-links`). A v1 union kept its children as
 * a plain array of person ids (`children: ['p1', 'p2']`), and a v1 household its members the
 * same way: two people adding a child (or a household member) at once would lose one of them.
 * v2 keys both by person id in a nested Y.Map – a union's `children` holds one Y.Map per child
 * link (`kind` biological / adopted / foster, fractional `order` for birth order), a household's
 * `members` maps person id → true – and moves v1's member flags `adopted` / `foster` onto the
 * child's links. Deterministic (keys from the array order) and tolerant: entries that are not
 * ids, duplicates and records that are not maps are left out or left alone.
 *
 * The genogram tool runs the same upgrade on a union it edits, for v1 content that reached a v2
 * board without this migration (carried forward from an old snapshot).
 */
import * as Y from 'yjs';
import { genogram, nested } from '../doc';
import { NESTED } from '../keys';
import { keysBetween } from '../order';
import type { Migration } from './registry';

const MAX_ID = 128;

function ids(value: unknown): string[] {
	const list = value instanceof Y.Array ? value.toArray() : Array.isArray(value) ? value : [];
	const out: string[] = [];
	for (const item of list)
		if (typeof item === 'string' && item.length > 0 && item.length <= MAX_ID && !out.includes(item))
			out.push(item);
	return out;
}

/**
 * Replaces a v1 union's `children` array by child-link maps (inside the caller's transaction).
 * `kindOf` names the link kind of a child (from v1's member flags). Returns whether it changed
 * anything; a union already in the v2 shape is left as it is.
 */
export function upgradeUnionChildren(
	union: Y.Map<unknown>,
	kindOf: (childId: string) => 'biological' | 'adopted' | 'foster' = () => 'biological'
): boolean {
	const value = union.get('children');
	if (value instanceof Y.Map) return false;
	if (value === undefined) {
		union.set('children', new Y.Map());
		return true;
	}
	const children = ids(value);
	const keys = keysBetween(null, null, children.length);
	const links = new Y.Map<unknown>();
	children.forEach((child, i) => {
		const link = new Y.Map<unknown>();
		link.set('kind', kindOf(child));
		link.set('order', keys[i] as string);
		links.set(child, link);
	});
	union.set('children', links);
	return true;
}

/** Replaces a v1 household's `members` array by a map person id → true. */
export function upgradeHouseholdMembers(household: Y.Map<unknown>): boolean {
	const value = household.get('members');
	if (value instanceof Y.Map) return false;
	const members = new Y.Map<unknown>();
	for (const id of ids(value)) members.set(id, true);
	household.set('members', members);
	return true;
}

export const genogramChildLinks: Migration = {
	id: 'board/0004-genogram-child-links',
	from: 1,
	to: 2,
	up(doc) {
		const root = genogram(doc);
		const members = nested(root, NESTED.genogram.members);
		const kind = new Map<string, 'adopted' | 'foster'>();
		for (const [id, member] of members?.entries() ?? []) {
			if (!(member instanceof Y.Map)) continue;
			if (member.get('foster') === true) kind.set(id, 'foster');
			else if (member.get('adopted') === true) kind.set(id, 'adopted');
			if (member.has('foster')) member.delete('foster');
			if (member.has('adopted')) member.delete('adopted');
		}
		const unions = nested(root, NESTED.genogram.unions);
		for (const union of unions?.values() ?? [])
			if (union instanceof Y.Map) upgradeUnionChildren(union, (id) => kind.get(id) ?? 'biological');
		const households = nested(root, NESTED.genogram.households);
		for (const household of households?.values() ?? [])
			if (household instanceof Y.Map) upgradeHouseholdMembers(household);
	}
};
