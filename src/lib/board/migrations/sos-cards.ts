/**
 * board/0005 (v1 → v2, after board/0002): Signs of Safety cards in the v2 shape (the sos tool,
 * `src/lib/tools/sos/model.ts`). In v1 a card's `text` and `disagreement` could be plain strings,
 * `kind` was `item` | `danger` | `safety-goal`, a statement's ratings were a plain record
 * (participant → number) and the overall scale's ratings `{ value, group, name }` without their
 * writer. v2 keeps both texts as Y.Text (two people typing in one card keep both their words),
 * names each card's kind within its column, and keeps every scale's ratings in a Y.Map of
 * `{ value (whole 0–10), by, group, name? }` under the rater's key, which every view checks
 * (`by` must equal the key). A pairing written on the safety goal's side moves to its danger
 * statement.
 *
 * Deterministic (keys in sorted order, values derived only from the document) and tolerant: what
 * cannot be read is left out (a rating with no value or no known role group) or left as it was
 * (readers skip it). Written with plain Yjs, so later changes to the tool do not change it.
 */
import * as Y from 'yjs';
import { ROOT } from '../keys';
import type { Migration } from './registry';

const COLUMNS = ['worries', 'working', 'next'] as const;
const KINDS: Record<string, readonly string[]> = {
	worries: ['harm', 'worry', 'complicating', 'danger'],
	working: ['strength', 'safety', 'exception'],
	next: ['safety-goal', 'next-step']
};
const DEFAULT_KIND: Record<string, string> = {
	worries: 'worry',
	working: 'strength',
	next: 'next-step'
};
const GROUPS = ['parent', 'child', 'professional', 'network'];

const plain = (value: unknown): unknown =>
	value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;

const sortedEntries = (map: Y.Map<unknown>): [string, unknown][] =>
	[...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function toText(value: unknown): Y.Text {
	if (value instanceof Y.Text) return value;
	return new Y.Text(typeof value === 'string' ? value : '');
}

/** A rating's value as a whole number 0–10, or null. */
function ratingValue(value: unknown): number | null {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) return null;
	return Math.round(value);
}

/** The role group of a participant key, from the people registry (a parent by relation). */
function groupFromPeople(doc: Y.Doc, key: string): string | null {
	const people = doc.getMap<unknown>(ROOT.people);
	for (const [id, raw] of sortedEntries(people)) {
		const person = plain(raw) as Record<string, unknown> | null;
		if (!person || typeof person !== 'object') continue;
		if (id !== key && person.userId !== key) continue;
		const relation = String(person.relation ?? '').toLowerCase();
		if (/\b(mor|far|forælder)\b/.test(relation)) return 'parent';
		if (/\b(barn|søn|datter)\b/.test(relation)) return 'child';
		if (person.title && !person.relation) return 'professional';
		return 'network';
	}
	return null;
}

/** A v2 rating record, or null when it cannot be read. */
function migrateRating(
	key: string,
	raw: unknown,
	groupOf: (key: string) => string | null
): Record<string, unknown> | null {
	const obj = plain(raw);
	if (typeof obj === 'number') {
		const value = ratingValue(obj);
		const group = groupOf(key);
		return value === null || !group ? null : { value, by: key, group };
	}
	if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return null;
	const record = obj as Record<string, unknown>;
	const value = ratingValue(record.value);
	const group = GROUPS.includes(record.group as string) ? (record.group as string) : groupOf(key);
	if (value === null || !group) return null;
	const name = typeof record.name === 'string' && record.name ? record.name.slice(0, 200) : null;
	return { value, by: key, group, ...(name ? { name } : {}) };
}

/**
 * Brings a ratings value to v2: a Y.Map is rewritten in place (entries that cannot be read are
 * removed), a plain record (or nothing) becomes a new Y.Map.
 */
function migrateRatings(owner: Y.Map<unknown>, groupOf: (key: string) => string | null): void {
	const before = owner.get('ratings');
	if (before instanceof Y.Map) {
		for (const [key, raw] of sortedEntries(before)) {
			const rating = key ? migrateRating(key, raw, groupOf) : null;
			if (!rating) before.delete(key);
			else if (JSON.stringify(plain(raw)) !== JSON.stringify(rating)) before.set(key, rating);
		}
		return;
	}
	const entries =
		before && typeof before === 'object' && !Array.isArray(before)
			? Object.entries(before as Record<string, unknown>).sort(([a], [b]) =>
					a < b ? -1 : a > b ? 1 : 0
				)
			: [];
	const ratings = new Y.Map<unknown>();
	owner.set('ratings', ratings);
	for (const [key, raw] of entries) {
		const rating = key ? migrateRating(key, raw, groupOf) : null;
		if (rating) ratings.set(key, rating);
	}
}

export const sosCards: Migration = {
	id: 'board/0005-sos-cards',
	from: 1,
	to: 2,
	up(doc) {
		const sos = doc.getMap<unknown>(ROOT.sos);
		let scale = sos.get('scale');
		if (!(scale instanceof Y.Map)) {
			scale = new Y.Map<unknown>();
			sos.set('scale', scale);
		}
		const overall = scale as Y.Map<unknown>;
		// The overall scale's groups, to place a statement's rating by the same participant.
		const known = new Map<string, string>();
		const overallRatings = plain(overall.get('ratings'));
		if (overallRatings && typeof overallRatings === 'object')
			for (const [key, raw] of Object.entries(overallRatings as Record<string, unknown>)) {
				const group = (raw as { group?: unknown } | null)?.group;
				if (typeof group === 'string' && GROUPS.includes(group)) known.set(key, group);
			}
		const groupOf = (key: string) => known.get(key) ?? groupFromPeople(doc, key);
		migrateRatings(overall, groupOf);

		let items = sos.get('items');
		if (!(items instanceof Y.Map)) {
			items = new Y.Map<unknown>();
			sos.set('items', items);
		}
		const cards = items as Y.Map<unknown>;
		const migrated = new Map<string, Y.Map<unknown>>();
		for (const [id, raw] of sortedEntries(cards)) {
			let card: Y.Map<unknown>;
			if (raw instanceof Y.Map) card = raw;
			else if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
				card = new Y.Map<unknown>();
				cards.set(id, card);
				for (const [k, value] of Object.entries(raw as Record<string, unknown>))
					if (k !== 'id') card.set(k, value);
			} else continue;
			const column = card.get('column');
			if (typeof column !== 'string' || !(COLUMNS as readonly string[]).includes(column)) continue;
			const kind = card.get('kind');
			if (typeof kind !== 'string' || !KINDS[column]!.includes(kind))
				card.set('kind', DEFAULT_KIND[column]!);
			if (!(card.get('text') instanceof Y.Text)) card.set('text', toText(card.get('text')));
			if (!(card.get('disagreement') instanceof Y.Text))
				card.set('disagreement', toText(card.get('disagreement')));
			migrateRatings(card, groupOf);
			migrated.set(id, card);
		}
		// Pairings: the danger statement names its safety goal.
		for (const [id, card] of migrated) {
			if (card.get('kind') !== 'safety-goal') continue;
			const danger = card.get('pairedWith');
			const target = typeof danger === 'string' ? migrated.get(danger) : undefined;
			if (target?.get('kind') === 'danger' && typeof target.get('pairedWith') !== 'string')
				target.set('pairedWith', id);
			if (card.has('pairedWith')) card.delete('pairedWith');
		}
	}
};
