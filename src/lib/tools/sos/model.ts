/**
 * The Signs of Safety columns' model (`sos` root: `items`, `scale`, `hideNames`), PRODUCT.md
 * "Signs of Safety": record shapes, validators and the typed read. Readers skip what does not
 * validate, and a rating stored under one participant's key but written by another is ignored
 * by every view. Pure: Yjs and valibot only.
 *
 * Document shape (schema v2, after migration board/0005):
 * - `items`: Y.Map<id, Y.Map> – a card: `column`, `kind`, `text` (Y.Text), `voice`, `person`,
 *   `order` (fractional key within its kind), `disagreement` (Y.Text), `owner` and `due` (next
 *   steps), `pairedWith` (a danger statement's safety goal), `ratings` (Y.Map, a danger
 *   statement's scale) with `scaleQuestion`, `scaleLow`, `scaleHigh`, `previous`.
 * - `scale`: Y.Map – the overall scale: `question`, `low`, `high`, `ratings` (Y.Map), `previous`.
 * - `hideNames`: boolean – the facilitator hides the raters' names on the shared screen.
 * - ratings: participant key → `{ value, by, group, name? }` (plain object, written whole).
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { nested } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { compareOrder } from '../../board/order';
import { nestedMap } from '../data';
import { readPeopleMap, type PersonRecord } from '../people';
import { parseDate } from '../timeline/dates';
import type { ParticipantRole, ToolData } from '../types';

export const SOS_COLUMNS = ['worries', 'working', 'next'] as const;
export type SosColumn = (typeof SOS_COLUMNS)[number];

/**
 * The card kinds of each column, in the order their sections are shown. Harm (what has
 * happened) is kept apart from danger statements (what we fear will happen); existing safety is
 * its own list next to strengths.
 */
export const COLUMN_KINDS = {
	worries: ['harm', 'worry', 'complicating', 'danger'],
	working: ['strength', 'safety', 'exception'],
	next: ['safety-goal', 'next-step']
} as const satisfies Record<SosColumn, readonly string[]>;
export type SosKind = (typeof COLUMN_KINDS)[SosColumn][number];
export const SOS_KINDS: readonly SosKind[] = SOS_COLUMNS.flatMap((c) => COLUMN_KINDS[c]);

/** The kind a card gets in a column when its own kind does not belong there. */
export const DEFAULT_KIND: Record<SosColumn, SosKind> = {
	worries: 'worry',
	working: 'strength',
	next: 'next-step'
};

/** Whose voice a card is in, and the role groups ratings are told apart by. */
export const VOICES = ['parent', 'child', 'professional', 'network'] as const;
export type Voice = (typeof VOICES)[number];

/** The id of the overall scale (a danger statement's scale has the card's id). */
export const OVERALL = 'overall';
export const HIDE_NAMES = 'hideNames';
/** Longest card text (characters). */
export const MAX_TEXT = 5_000;

/** The rating group of a participant's role: parents apart from professionals. */
export function groupOfRole(role: ParticipantRole | null | undefined): Voice {
	if (role === 'parent') return 'parent';
	if (role === 'facilitator' || role === 'professional') return 'professional';
	return 'network';
}

/**
 * The key a participant's rating is stored under: the user id, or `invite:<inviteId>` for a
 * guest (the board page calls a guest `guest-<inviteId>`).
 */
export function participantKey(userId: string): string {
	return userId.startsWith('guest-') ? `invite:${userId.slice('guest-'.length)}` : userId;
}

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const shortText = v.pipe(v.string(), v.maxLength(2_000));
/** Whether `s` is a real calendar day `YYYY-MM-DD` (1900–2100). */
export function isDay(s: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDate(s) !== null;
}
const isoDate = v.pipe(v.string(), v.check(isDay, 'date'));
const orderKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const rating = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10));

/** One stored rating (the value under a participant's key in a `ratings` map). */
export const RatingSchema = v.object({
	value: rating,
	/** Who wrote it: must equal the key it is stored under, or the rating is ignored. */
	by: id,
	group: v.picklist(VOICES),
	name: v.optional(v.pipe(v.string(), v.maxLength(200)))
});
export type RatingRecord = v.InferOutput<typeof RatingSchema>;

/** The medians of the previous meeting, kept when the cards carry forward. */
export const PreviousSchema = v.object({
	median: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
	count: v.pipe(v.number(), v.integer(), v.minValue(1)),
	groups: v.optional(
		v.record(v.picklist(VOICES), v.pipe(v.number(), v.minValue(0), v.maxValue(10))),
		{}
	)
});
export type PreviousRatings = v.InferOutput<typeof PreviousSchema>;

export const CardSchema = v.object({
	id,
	column: v.picklist(SOS_COLUMNS),
	kind: v.optional(v.string(), ''),
	text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
	voice: v.optional(v.nullable(v.picklist(VOICES))),
	/** A person from the registry whose voice it is. */
	person: v.optional(v.nullable(id)),
	order: orderKey,
	disagreement: v.optional(v.pipe(v.string(), v.maxLength(MAX_TEXT)), ''),
	/** Next steps: who does it (person id) and by when. */
	owner: v.optional(v.nullable(id)),
	due: v.optional(v.nullable(isoDate)),
	/** A danger statement's safety goal (card id). */
	pairedWith: v.optional(v.nullable(id)),
	scaleQuestion: v.optional(shortText, ''),
	scaleLow: v.optional(shortText, ''),
	scaleHigh: v.optional(shortText, '')
});
type CardRecord = v.InferOutput<typeof CardSchema>;

export interface Rating {
	/** The participant key (user id or `invite:<id>`). */
	key: string;
	value: number;
	group: Voice;
	name: string;
}

/** A safety scale: the overall one, or a danger statement's. */
export interface SosScale {
	/** `OVERALL` or the danger statement's card id. */
	id: string;
	/** The question as written ('' = the Danish default). */
	question: string;
	low: string;
	high: string;
	/** Valid ratings, by participant key. */
	ratings: Rating[];
	/** The previous meeting's medians, shown faintly. */
	previous: PreviousRatings | null;
}

export interface SosCard {
	id: string;
	column: SosColumn;
	/** The card's kind (one of its column's; a kind from elsewhere reads as the column's default). */
	kind: SosKind;
	text: string;
	voice: Voice | null;
	person: string | null;
	order: string;
	disagreement: string;
	owner: string | null;
	due: string | null;
	/** Danger statement → its safety goal; safety goal → its danger statement (valid pairs only). */
	pairedWith: string | null;
	/** The pair's number (1, 2, …) on a danger statement and on its safety goal. */
	pair: number | null;
	/** A danger statement's own scale. */
	scale: SosScale | null;
}

export interface SosModel {
	/** Every card: by column, then kind section, then order (then id). */
	cards: SosCard[];
	columns: Record<SosColumn, SosCard[]>;
	overall: SosScale;
	/** The danger statements with their safety goals, numbered in the order they are shown. */
	pairs: { number: number; danger: SosCard; goal: SosCard | null }[];
	hideNames: boolean;
	people: Map<string, PersonRecord>;
}

function textOf(value: unknown): unknown {
	if (value instanceof Y.Text) return value.toString();
	return value;
}

function plain(value: unknown): unknown {
	return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

/**
 * The valid ratings of a `ratings` map. A rating is kept only when its writer (`by`) is the
 * participant it is stored under: a client that writes someone else's rating is ignored.
 */
export function readRatings(map: unknown): Rating[] {
	if (!(map instanceof Y.Map)) return [];
	const out: Rating[] = [];
	for (const [key, raw] of (map as Y.Map<unknown>).entries()) {
		const result = v.safeParse(RatingSchema, plain(raw));
		if (!result.success || result.output.by !== key) continue;
		const { value, group, name } = result.output;
		out.push({ key, value, group, name: name ?? '' });
	}
	return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function readPrevious(value: unknown): PreviousRatings | null {
	const result = v.safeParse(PreviousSchema, plain(value));
	return result.success ? result.output : null;
}

/** The kind a record's kind reads as in its column. */
export function kindIn(column: SosColumn, kind: string | undefined): SosKind {
	return (COLUMN_KINDS[column] as readonly string[]).includes(kind ?? '')
		? (kind as SosKind)
		: DEFAULT_KIND[column];
}

/** The column a kind belongs to. */
export function columnOf(kind: SosKind): SosColumn {
	return SOS_COLUMNS.find((c) => (COLUMN_KINDS[c] as readonly string[]).includes(kind))!;
}

function readCardRecord(key: string, raw: unknown): CardRecord | null {
	if (!(raw instanceof Y.Map)) return null;
	const map = raw as Y.Map<unknown>;
	const fields: Record<string, unknown> = { id: key };
	for (const [k, value] of map.entries()) {
		if (k === 'ratings' || k === 'previous') continue;
		fields[k] = textOf(value);
	}
	const result = v.safeParse(CardSchema, fields);
	return result.success ? result.output : null;
}

/** Sorts cards for display: column, kind section, order, id. */
export function compareCards(
	a: Pick<SosCard, 'column' | 'kind' | 'id' | 'order'>,
	b: Pick<SosCard, 'column' | 'kind' | 'id' | 'order'>
): number {
	const col = SOS_COLUMNS.indexOf(a.column) - SOS_COLUMNS.indexOf(b.column);
	if (col !== 0) return col;
	const kinds = COLUMN_KINDS[a.column] as readonly SosKind[];
	return kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || compareOrder(a, b);
}

function readScaleMap(scaleId: string, map: Y.Map<unknown> | null): SosScale {
	const str = (key: string) => {
		const value = textOf(map?.get(key));
		return typeof value === 'string' ? value.slice(0, 2_000) : '';
	};
	return {
		id: scaleId,
		question: str('question'),
		low: str('low'),
		high: str('high'),
		ratings: readRatings(map?.get('ratings')),
		previous: readPrevious(map?.get('previous'))
	};
}

/** Reads the Signs of Safety columns; invalid records are skipped. */
export function readSos(data: ToolData): SosModel {
	const items = nestedMap(data.root, NESTED.sos.items);
	const raw = new Map<string, Y.Map<unknown>>();
	const cards: SosCard[] = [];
	for (const [key, value] of items?.entries() ?? []) {
		const record = readCardRecord(key, value);
		if (!record) continue;
		raw.set(key, value);
		cards.push({
			id: record.id,
			column: record.column,
			kind: kindIn(record.column, record.kind),
			text: record.text,
			voice: record.voice ?? null,
			person: record.person ?? null,
			order: record.order,
			disagreement: record.disagreement,
			owner: record.owner ?? null,
			due: record.due ?? null,
			pairedWith: record.pairedWith ?? null,
			pair: null,
			scale: null
		});
	}
	cards.sort(compareCards);
	const byId = new Map(cards.map((c) => [c.id, c]));

	// Pairs: a danger statement names its safety goal; each goal pairs with one danger statement
	// (the first shown). A link written on the goal's side (older boards) counts where the danger
	// statement names none.
	const dangers = cards.filter((c) => c.kind === 'danger');
	const claimed = new Map<string, string>();
	const isGoal = (cardId: string | null) => {
		const goal = cardId ? byId.get(cardId) : undefined;
		return goal && goal.kind === 'safety-goal' ? goal : undefined;
	};
	for (const danger of dangers) {
		const goal = isGoal(danger.pairedWith);
		if (goal && !claimed.has(goal.id)) claimed.set(goal.id, danger.id);
	}
	for (const goal of cards.filter((c) => c.kind === 'safety-goal')) {
		const danger = goal.pairedWith ? byId.get(goal.pairedWith) : undefined;
		if (
			!claimed.has(goal.id) &&
			danger?.kind === 'danger' &&
			![...claimed.values()].includes(danger.id) &&
			!isGoal(danger.pairedWith)
		)
			claimed.set(goal.id, danger.id);
	}
	const goalOf = new Map([...claimed].map(([goal, danger]) => [danger, goal]));
	for (const card of cards) {
		if (card.kind === 'danger') card.pairedWith = goalOf.get(card.id) ?? null;
		else if (card.kind === 'safety-goal') card.pairedWith = claimed.get(card.id) ?? null;
		else card.pairedWith = null;
	}
	const pairs = dangers.map((danger, i) => {
		danger.pair = i + 1;
		const map = raw.get(danger.id)!;
		danger.scale = {
			id: danger.id,
			question: stringField(map, 'scaleQuestion'),
			low: stringField(map, 'scaleLow'),
			high: stringField(map, 'scaleHigh'),
			ratings: readRatings(map.get('ratings')),
			previous: readPrevious(map.get('previous'))
		};
		const goal = danger.pairedWith ? (byId.get(danger.pairedWith) ?? null) : null;
		if (goal) goal.pair = i + 1;
		return { number: i + 1, danger, goal };
	});

	const columns = Object.fromEntries(
		SOS_COLUMNS.map((c) => [c, cards.filter((card) => card.column === c)])
	) as Record<SosColumn, SosCard[]>;
	return {
		cards,
		columns,
		overall: readScaleMap(OVERALL, nested(data.root, NESTED.sos.scale)),
		pairs,
		hideNames: data.root.get(HIDE_NAMES) === true,
		people: readPeopleMap(data.people)
	};
}

function stringField(map: Y.Map<unknown>, key: string): string {
	const value = textOf(map.get(key));
	return typeof value === 'string' ? value.slice(0, 2_000) : '';
}

/** A scale of the model by id (`OVERALL` or a danger statement's id). */
export function scaleById(model: SosModel, scaleId: string): SosScale | null {
	if (scaleId === OVERALL) return model.overall;
	return model.cards.find((c) => c.id === scaleId)?.scale ?? null;
}

/** The median of `values` (the mean of the middle two for an even count), or null. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RatingStats {
	count: number;
	median: number;
	min: number;
	max: number;
}

function statsOf(values: number[]): RatingStats | null {
	const m = median(values);
	if (m === null) return null;
	return { count: values.length, median: m, min: Math.min(...values), max: Math.max(...values) };
}

/** Median and spread of a scale: everyone, and each role group that rated. */
export function scaleStats(ratings: readonly Rating[]): {
	all: RatingStats | null;
	groups: Partial<Record<Voice, RatingStats>>;
} {
	const groups: Partial<Record<Voice, RatingStats>> = {};
	for (const group of VOICES) {
		const stats = statsOf(ratings.filter((r) => r.group === group).map((r) => r.value));
		if (stats) groups[group] = stats;
	}
	return { all: statsOf(ratings.map((r) => r.value)), groups };
}

/** A participant's own rating on a scale, if they gave one. */
export function ownRating(scale: SosScale, key: string): Rating | undefined {
	return scale.ratings.find((r) => r.key === key);
}

/** A median for people: "5" or "5,5". */
export function formatScore(value: number, locale: 'da' | 'en'): string {
	const rounded = Math.round(value * 10) / 10;
	return locale === 'da' ? String(rounded).replace('.', ',') : String(rounded);
}

/** The voice's visual: a colour with ≥ 4.5:1 contrast on its fill, and a shape – never colour alone. */
export const VOICE_STYLE: Record<Voice, { color: string; fill: string; icon: string }> = {
	// The parents' voice stands out: the strongest colour and a speech bubble.
	parent: {
		color: '#7a2a00',
		fill: '#fff0e0',
		icon: 'M4 5h16v10H9l-5 4z'
	},
	child: {
		color: '#5b2a86',
		fill: '#f3ebfb',
		icon: 'M12 4a3 3 0 110 6 3 3 0 010-6zM7 20c0-3 2-6 5-6s5 3 5 6'
	},
	professional: {
		color: '#1d4e89',
		fill: '#e8eef6',
		icon: 'M5 8h14v11H5zM9 8V5h6v3'
	},
	network: {
		color: '#1e5b3a',
		fill: '#e6f3ea',
		icon: 'M6 12a3 3 0 100-6 3 3 0 000 6zM18 12a3 3 0 100-6 3 3 0 000 6zM12 20a3 3 0 100-6 3 3 0 000 6zM8 10l3 5M16 10l-3 5'
	}
};

/** Each column's colours and icon. */
export const COLUMN_STYLE: Record<SosColumn, { color: string; fill: string; icon: string }> = {
	worries: { color: '#8f1d21', fill: '#fdf0f0', icon: 'M12 3l10 18H2zM12 10v5M12 18v.5' },
	working: {
		color: '#1e5b3a',
		fill: '#eef8f1',
		icon: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z'
	},
	next: { color: '#1d4e89', fill: '#eef3fa', icon: 'M4 12h13M12 6l6 6-6 6' }
};

/** A person's voice group guessed from the registry (for a card written in their voice). */
export function voiceOfPerson(person: PersonRecord | undefined): Voice {
	if (!person) return 'network';
	const relation = (person.relation ?? '').toLowerCase();
	if (/\b(mor|far|forælder|mother|father|parent)\b/.test(relation)) return 'parent';
	if (/\b(barn|child|søn|datter)\b/.test(relation)) return 'child';
	if (person.title && !person.relation) return 'professional';
	return 'network';
}
