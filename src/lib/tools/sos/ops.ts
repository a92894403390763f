/**
 * Signs of Safety edits, each one Yjs transaction with a typed origin. Input is checked first
 * (`cardProblems`): an op given bad input changes nothing. Ops ignore ids that no longer exist
 * (someone may have deleted the card meanwhile). Card text and the family's disagreement are
 * Y.Text, changed by the smallest splice, so two people typing in one card keep both their words.
 * A rating is written only under the rater's own key.
 */
import * as Y from 'yjs';
import { ensureNested, nested } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { keyBetween } from '../../board/order';
import { LOCAL_ORIGIN, type BoardOrigin } from '../../board/origin';
import { diffText } from '../../board/text-diff';
import type { MessageKey } from '../../i18n';
import { ensureMap, nestedMap, recordMap, setFields, transact } from '../data';
import type { ToolData } from '../types';
import {
	COLUMN_KINDS,
	HIDE_NAMES,
	MAX_TEXT,
	OVERALL,
	SOS_COLUMNS,
	VOICES,
	isDay,
	kindIn,
	median,
	readRatings,
	type SosColumn,
	type SosKind,
	type Voice
} from './model';

export interface CardInput {
	column: SosColumn;
	kind?: SosKind;
	text: string;
	voice?: Voice | null;
	person?: string | null;
	disagreement?: string;
	owner?: string | null;
	due?: string | null;
}

/** What is wrong with a card's fields, as message keys (empty: fine). */
export function cardProblems(input: Partial<CardInput>): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.text !== undefined && !input.text.trim()) problems.push('sos.error.text');
	if (input.text !== undefined && input.text.length > MAX_TEXT) problems.push('sos.error.long');
	if (input.disagreement !== undefined && input.disagreement.length > MAX_TEXT)
		problems.push('sos.error.long');
	if (input.column !== undefined && !SOS_COLUMNS.includes(input.column))
		problems.push('sos.error.choice');
	if (
		input.kind !== undefined &&
		input.column !== undefined &&
		!(COLUMN_KINDS[input.column] as readonly string[] | undefined)?.includes(input.kind)
	)
		problems.push('sos.error.choice');
	if (input.voice != null && !VOICES.includes(input.voice)) problems.push('sos.error.choice');
	if (input.due != null && input.due !== '' && !isDay(input.due)) problems.push('sos.error.date');
	return [...new Set(problems)];
}

const items = (data: ToolData) => ensureMap(data.root, NESTED.sos.items);
const cardMap = (data: ToolData, id: string) =>
	recordMap(nestedMap(data.root, NESTED.sos.items), id);

/** The order keys of a kind section, sorted (from the document, not a model). */
function sectionKeys(data: ToolData, column: SosColumn, kind: SosKind, except?: string) {
	const out: { id: string; order: string }[] = [];
	for (const [key, map] of nestedMap(data.root, NESTED.sos.items)?.entries() ?? []) {
		if (key === except || !(map instanceof Y.Map)) continue;
		const order = map.get('order');
		if (map.get('column') !== column || typeof order !== 'string') continue;
		if (kindIn(column, map.get('kind') as string | undefined) !== kind) continue;
		out.push({ id: key, order });
	}
	return out.sort((a, b) =>
		a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1
	);
}

/**
 * Adds a card under `id` at the end of its kind's section. Its text, disagreement and ratings
 * maps are created with it, so nobody creates them concurrently later.
 */
export function addCard(
	data: ToolData,
	id: string,
	input: CardInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const problems = cardProblems({ ...input, kind: input.kind ?? kindIn(input.column, undefined) });
	if (problems.length > 0) return false;
	const kind = input.kind ?? kindIn(input.column, undefined);
	transact(
		data,
		() => {
			const last = sectionKeys(data, input.column, kind).at(-1);
			const map = new Y.Map<unknown>();
			items(data).set(id, map);
			map.set('column', input.column);
			map.set('kind', kind);
			map.set('text', new Y.Text(input.text.trim()));
			map.set('disagreement', new Y.Text(input.disagreement?.trim() ?? ''));
			map.set('ratings', new Y.Map());
			map.set('order', keyBetween(last?.order ?? null, null));
			if (input.voice) map.set('voice', input.voice);
			if (input.person) map.set('person', input.person);
			if (input.owner) map.set('owner', input.owner);
			if (input.due) map.set('due', input.due);
		},
		origin
	);
	return true;
}

export interface CardPatch {
	kind?: SosKind;
	voice?: Voice | null;
	person?: string | null;
	owner?: string | null;
	due?: string | null;
	scaleQuestion?: string;
	scaleLow?: string;
	scaleHigh?: string;
}

/** Changes plain fields of a card (`null` clears). A kind from another column changes nothing. */
export function updateCard(
	data: ToolData,
	id: string,
	patch: CardPatch,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = cardMap(data, id);
	const column = map?.get('column') as SosColumn | undefined;
	if (!map || !column || !SOS_COLUMNS.includes(column)) return false;
	if (cardProblems({ column, kind: patch.kind, voice: patch.voice, due: patch.due }).length > 0)
		return false;
	const long = [patch.scaleQuestion, patch.scaleLow, patch.scaleHigh].some(
		(s) => s !== undefined && s.length > 2_000
	);
	if (long) return false;
	const clear = (s: string | null | undefined) => (s === '' ? null : s);
	transact(
		data,
		() =>
			setFields(map, {
				kind: patch.kind,
				voice: patch.voice,
				person: clear(patch.person),
				owner: clear(patch.owner),
				due: clear(patch.due),
				scaleQuestion: patch.scaleQuestion === undefined ? undefined : clear(patch.scaleQuestion),
				scaleLow: patch.scaleLow === undefined ? undefined : clear(patch.scaleLow),
				scaleHigh: patch.scaleHigh === undefined ? undefined : clear(patch.scaleHigh)
			}),
		origin
	);
	return true;
}

/**
 * Types into a card's `text` or `disagreement`: the smallest splice from what the Y.Text holds
 * to `value` (`cursor`: where the caret is, to place a repeated character right). Text over the
 * limit changes nothing.
 */
export function setCardText(
	data: ToolData,
	id: string,
	field: 'text' | 'disagreement',
	value: string,
	cursor?: number,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = cardMap(data, id);
	if (!map || value.length > MAX_TEXT) return false;
	transact(
		data,
		() => {
			let text = map.get(field);
			if (!(text instanceof Y.Text)) {
				// A card from an older or foreign client without the Y.Text: keep what it had.
				const before = typeof text === 'string' ? text : '';
				text = new Y.Text(before);
				map.set(field, text);
			}
			const ytext = text as Y.Text;
			const splice = diffText(ytext.toString(), value, cursor);
			if (!splice) return;
			if (splice.deleteCount > 0) ytext.delete(splice.index, splice.deleteCount);
			if (splice.insert) ytext.insert(splice.index, splice.insert);
		},
		origin
	);
	return true;
}

export interface CardPlace {
	column: SosColumn;
	kind?: SosKind;
	/** The card it goes after and the one it goes before, in the kind's section (null: the end). */
	after: string | null;
	before: string | null;
}

/**
 * Moves a card to a column, kind section and place between two neighbours (a fractional key
 * between theirs; neighbours that are gone or from elsewhere count as the section's ends).
 */
export function moveCard(
	data: ToolData,
	id: string,
	place: CardPlace,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = cardMap(data, id);
	if (!map || !SOS_COLUMNS.includes(place.column)) return false;
	const kind = kindIn(place.column, place.kind ?? (map.get('kind') as string | undefined));
	const section = sectionKeys(data, place.column, kind, id);
	const at = (key: string | null) => (key ? section.findIndex((c) => c.id === key) : -1);
	let lo = section.at(-1)?.order ?? null;
	let hi: string | null = null;
	const a = at(place.after);
	const b = at(place.before);
	if (a >= 0) {
		lo = section[a]!.order;
		hi = section[a + 1]?.order ?? null;
	} else if (b >= 0) {
		lo = section[b - 1]?.order ?? null;
		hi = section[b]!.order;
	}
	transact(
		data,
		() => setFields(map, { column: place.column, kind, order: keyBetween(lo, hi) }),
		origin
	);
	return true;
}

/** Deletes a card; a danger statement paired with it forgets the pairing. */
export function removeCard(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const list = nestedMap(data.root, NESTED.sos.items);
	if (!list?.has(id)) return;
	transact(
		data,
		() => {
			list.delete(id);
			for (const map of list.values())
				if (map instanceof Y.Map && map.get('pairedWith') === id) map.delete('pairedWith');
		},
		origin
	);
}

/**
 * Pairs a danger statement with a safety goal (or unpairs it with `goal: null`). A goal pairs
 * with one danger statement: another pointing at it lets go.
 */
export function pairCards(
	data: ToolData,
	danger: string,
	goal: string | null,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const list = nestedMap(data.root, NESTED.sos.items);
	const map = recordMap(list, danger);
	if (!list || !map) return false;
	if (goal !== null && !list.has(goal)) return false;
	transact(
		data,
		() => {
			if (goal === null) {
				map.delete('pairedWith');
				return;
			}
			for (const [key, other] of list.entries())
				if (key !== danger && other instanceof Y.Map && other.get('pairedWith') === goal)
					other.delete('pairedWith');
			map.set('pairedWith', goal);
		},
		origin
	);
	return true;
}

/** Adds a safety goal card paired with a danger statement, in one transaction. */
export function addPairedGoal(
	data: ToolData,
	danger: string,
	id: string,
	input: Omit<CardInput, 'column' | 'kind'>,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (!cardMap(data, danger)) return false;
	if (cardProblems({ ...input, column: 'next', kind: 'safety-goal' }).length > 0) return false;
	transact(
		data,
		() => {
			addCard(data, id, { ...input, column: 'next', kind: 'safety-goal' }, origin);
			pairCards(data, danger, id, origin);
		},
		origin
	);
	return true;
}

/** Who is rating: their participant key, role group and name. */
export interface Rater {
	key: string;
	group: Voice;
	name: string;
}

function ratingsMap(data: ToolData, scaleId: string): Y.Map<unknown> | null {
	if (scaleId === OVERALL) {
		const scale = nested(data.root, NESTED.sos.scale);
		return scale ? ensureNested(scale, 'ratings') : null;
	}
	const map = cardMap(data, scaleId);
	return map ? ensureNested(map, 'ratings') : null;
}

/**
 * Places (or with `value: null` removes) the rater's own marker on a scale: 0–10, whole
 * numbers. It is stored under the rater's key with the rater as writer; nothing else is touched.
 */
export function rate(
	data: ToolData,
	scaleId: string,
	rater: Rater,
	value: number | null,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= 10)) return false;
	if (!rater.key || !VOICES.includes(rater.group)) return false;
	if (scaleId === OVERALL ? !nested(data.root, NESTED.sos.scale) : !cardMap(data, scaleId))
		return false;
	transact(
		data,
		() => {
			const ratings = ratingsMap(data, scaleId);
			if (!ratings) return;
			if (value === null) ratings.delete(rater.key);
			else
				ratings.set(rater.key, {
					value,
					by: rater.key,
					group: rater.group,
					...(rater.name ? { name: rater.name.slice(0, 200) } : {})
				});
		},
		origin
	);
	return true;
}

/** Changes the overall scale's question or end texts ('' = back to the default wording). */
export function setScaleText(
	data: ToolData,
	patch: { question?: string; low?: string; high?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const scale = nested(data.root, NESTED.sos.scale);
	if (!scale) return false;
	if (Object.values(patch).some((s) => s !== undefined && s.length > 2_000)) return false;
	const clear = (s: string | undefined) => (s === undefined ? undefined : s.trim() ? s : null);
	transact(
		data,
		() =>
			setFields(scale, {
				question: clear(patch.question),
				low: clear(patch.low),
				high: clear(patch.high)
			}),
		origin
	);
	return true;
}

/** The facilitator hides (or shows) the raters' names on the shared screen. */
export function setHideNames(data: ToolData, hide: boolean, origin: BoardOrigin = LOCAL_ORIGIN) {
	transact(data, () => setFields(data.root, { [HIDE_NAMES]: hide ? true : null }), origin);
}

/** The medians of a ratings map, for the next meeting (null when nobody rated). */
export function previousOf(ratings: unknown): Record<string, unknown> | null {
	const list = readRatings(ratings);
	const all = median(list.map((r) => r.value));
	if (all === null) return null;
	const groups: Record<string, number> = {};
	for (const group of VOICES) {
		const m = median(list.filter((r) => r.group === group).map((r) => r.value));
		if (m !== null) groups[group] = m;
	}
	return { median: all, count: list.length, groups };
}

/**
 * The Signs of Safety rule for a new meeting (PRODUCT.md: each meeting rates anew): the cards
 * and the scales' wording carry forward; the ratings do not – each scale keeps the previous
 * meeting's medians (`previous`, none when nobody rated), shown faintly beside the new markers. Writes fresh Yjs items
 * into `target` (call inside the transaction that creates the new board).
 */
export function carrySosForward(source: ToolData, target: ToolData): void {
	const from = nestedMap(source.root, NESTED.sos.items);
	const to = ensureMap(target.root, NESTED.sos.items);
	for (const [key, value] of from?.entries() ?? []) {
		if (!(value instanceof Y.Map)) continue;
		const card = new Y.Map<unknown>();
		to.set(key, card);
		for (const [field, content] of value.entries()) {
			if (field === 'ratings' || field === 'previous') continue;
			card.set(field, content instanceof Y.AbstractType ? content.clone() : content);
		}
		for (const field of ['text', 'disagreement'])
			if (!(card.get(field) instanceof Y.Text))
				card.set(field, new Y.Text(String(card.get(field) ?? '')));
		card.set('ratings', new Y.Map());
		const previous = previousOf(value.get('ratings'));
		if (previous) card.set('previous', previous);
	}
	const scaleFrom = nested(source.root, NESTED.sos.scale);
	const scaleTo = ensureNested(target.root, NESTED.sos.scale);
	if (!(scaleTo.get('ratings') instanceof Y.Map)) scaleTo.set('ratings', new Y.Map());
	if (scaleFrom) {
		for (const field of ['question', 'low', 'high']) {
			const value = scaleFrom.get(field);
			if (typeof value === 'string' && value) scaleTo.set(field, value);
		}
		const previous = previousOf(scaleFrom.get('ratings'));
		if (previous) scaleTo.set('previous', previous);
	}
	if (source.root.get(HIDE_NAMES) === true) target.root.set(HIDE_NAMES, true);
}
