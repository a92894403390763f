/**
 * One seeded, deterministic generator of random board edits (schema v1, ARCHITECTURE.md §2) for
 * tests and benchmarks. Pure Yjs: plain root keys, no accessors, no DOM, no server imports.
 *
 * The same seed applied to the same document state always makes the same edits, so a failing
 * fuzz run is reproduced by its seed. Each edit is one transaction with the given origin.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as prng from 'lib0/prng';
import * as Y from 'yjs';

export type EditKind =
	| 'element.create'
	| 'element.move'
	| 'element.text'
	| 'element.style'
	| 'element.delete'
	| 'person.upsert'
	| 'sos.item'
	| 'goal.upsert'
	| 'minutes.paragraph';

const ELEMENT_TYPES = ['sticky', 'text', 'rect', 'ellipse', 'arrow'] as const;
const COLORS = ['yellow', 'pink', 'blue', 'green', 'orange', 'violet'] as const;
const SOS_COLUMNS = ['worries', 'working-well', 'next-steps'] as const;
const WEIGHTS: [EditKind, number][] = [
	['element.create', 20],
	['element.move', 25],
	['element.text', 25],
	['element.style', 8],
	['element.delete', 5],
	['person.upsert', 6],
	['sos.item', 5],
	['goal.upsert', 4],
	['minutes.paragraph', 2]
];
const TOTAL_WEIGHT = WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

export interface RandomEditor {
	/** Makes one random edit in one transaction and returns what kind it was. */
	edit(): EditKind;
	/** Makes `count` edits. */
	edits(count: number): void;
}

export interface RandomEditorOptions {
	/** Transaction origin of every edit (default null). */
	origin?: unknown;
	/** Author written into created elements (default `fuzz-<seed>`). */
	author?: string;
}

/** A deterministic editor for `doc`, seeded with `seed`. Use one seed per simulated client. */
export function createRandomEditor(
	doc: Y.Doc,
	seed: number,
	options: RandomEditorOptions = {}
): RandomEditor {
	const gen = prng.create(seed);
	const author = options.author ?? `fuzz-${seed}`;
	const origin = options.origin ?? null;
	let counter = 0;
	const newId = () =>
		`${author}-${(counter++).toString(36)}-${prng.uint32(gen, 0, 0xffffff).toString(36)}`;

	const pickKey = <T>(map: Y.Map<T>): string | undefined => {
		if (map.size === 0) return undefined;
		// Sorted so the pick depends on the document state only, not on insertion history.
		const keys = Array.from(map.keys()).sort();
		return prng.oneOf(gen, keys);
	};
	const elements = () => doc.getMap<Y.Map<unknown>>('elements');
	const pickElement = () => {
		const id = pickKey(elements());
		return id === undefined ? undefined : elements().get(id);
	};

	const ops: Record<EditKind, () => boolean> = {
		'element.create': () => {
			const type = prng.oneOf(gen, [...ELEMENT_TYPES]);
			const el = new Y.Map<unknown>();
			const others = Array.from(elements().keys());
			const id = newId();
			let maxZ: string | null = null;
			for (const other of elements().values()) {
				const z = other.get('z');
				if (typeof z === 'string' && (maxZ === null || z > maxZ)) maxZ = z;
			}
			el.set('type', type);
			el.set('x', prng.int32(gen, -2000, 2000));
			el.set('y', prng.int32(gen, -2000, 2000));
			el.set('w', prng.int32(gen, 40, 400));
			el.set('h', prng.int32(gen, 40, 300));
			el.set('rotation', 0);
			el.set('color', prng.oneOf(gen, [...COLORS]));
			el.set('z', generateKeyBetween(maxZ, null));
			el.set('author', author);
			el.set('createdAt', 1_700_000_000_000 + counter);
			if (type === 'sticky' || type === 'text') el.set('text', new Y.Text(prng.word(gen, 1, 12)));
			if (type === 'arrow' && others.length >= 2) {
				el.set('from', prng.oneOf(gen, others));
				el.set('to', prng.oneOf(gen, others));
			}
			elements().set(id, el);
			return true;
		},
		'element.move': () => {
			const el = pickElement();
			if (!el) return false;
			el.set('x', prng.int32(gen, -2000, 2000));
			el.set('y', prng.int32(gen, -2000, 2000));
			return true;
		},
		'element.text': () => {
			const el = pickElement();
			const text = el?.get('text');
			if (!(text instanceof Y.Text)) return false;
			if (text.length > 0 && prng.bool(gen)) {
				const at = prng.int32(gen, 0, text.length - 1);
				text.delete(at, Math.min(prng.int32(gen, 1, 3), text.length - at));
			} else {
				text.insert(prng.int32(gen, 0, text.length), prng.word(gen, 1, 6));
			}
			return true;
		},
		'element.style': () => {
			const el = pickElement();
			if (!el) return false;
			el.set('color', prng.oneOf(gen, [...COLORS]));
			el.set('w', prng.int32(gen, 40, 400));
			return true;
		},
		'element.delete': () => {
			const id = pickKey(elements());
			if (id === undefined) return false;
			elements().delete(id);
			return true;
		},
		'person.upsert': () => {
			const people = doc.getMap<Y.Map<unknown>>('people');
			const id = prng.bool(gen) ? pickKey(people) : undefined;
			const person = (id !== undefined ? people.get(id) : undefined) ?? new Y.Map<unknown>();
			person.set('name', prng.word(gen, 3, 10));
			person.set('birthYear', prng.int32(gen, 1940, 2024));
			person.set('relation', prng.oneOf(gen, ['mor', 'far', 'moster', 'lærer', 'nabo']));
			if (id === undefined) people.set(newId(), person);
			return true;
		},
		'sos.item': () => {
			const sos = doc.getMap<unknown>('sos');
			let items = sos.get('items');
			if (!(items instanceof Y.Map)) {
				items = new Y.Map<unknown>();
				sos.set('items', items);
			}
			const item = new Y.Map<unknown>();
			item.set('column', prng.oneOf(gen, [...SOS_COLUMNS]));
			item.set('kind', 'statement');
			item.set('text', new Y.Text(prng.word(gen, 3, 20)));
			item.set('order', generateKeyBetween(null, null) + prng.word(gen, 1, 3));
			(items as Y.Map<unknown>).set(newId(), item);
			return true;
		},
		'goal.upsert': () => {
			const goals = doc.getMap<Y.Map<unknown>>('goals');
			const id = prng.bool(gen) ? pickKey(goals) : undefined;
			const goal = (id !== undefined ? goals.get(id) : undefined) ?? new Y.Map<unknown>();
			goal.set('title', prng.word(gen, 3, 16));
			goal.set('status', prng.oneOf(gen, ['open', 'in-progress', 'done']));
			goal.set('progress', prng.int32(gen, 0, 10));
			if (id === undefined) {
				goal.set('order', `a${prng.word(gen, 1, 3)}`);
				goal.set('steps', new Y.Map<unknown>());
				goals.set(newId(), goal);
			}
			return true;
		},
		'minutes.paragraph': () => {
			const minutes = doc.getXmlFragment('minutes');
			const paragraph = new Y.XmlElement('paragraph');
			paragraph.insert(0, [new Y.XmlText(prng.word(gen, 3, 30))]);
			minutes.insert(prng.int32(gen, 0, minutes.length), [paragraph]);
			return true;
		}
	};

	const pickKind = (): EditKind => {
		let roll = prng.int32(gen, 0, TOTAL_WEIGHT - 1);
		for (const [kind, weight] of WEIGHTS) {
			if (roll < weight) return kind;
			roll -= weight;
		}
		return 'element.create';
	};

	const edit = (): EditKind => {
		let kind = pickKind();
		doc.transact(() => {
			// Edits of existing records fall back to creating one on an empty board.
			if (!ops[kind]()) {
				kind = 'element.create';
				ops[kind]();
			}
		}, origin);
		return kind;
	};
	return {
		edit,
		edits(count) {
			for (let i = 0; i < count; i++) edit();
		}
	};
}

const ROOT_MAPS = [
	'meta',
	'elements',
	'people',
	'timeline',
	'genogram',
	'network',
	'sos',
	'goals',
	'presentation'
];

function sortKeys(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sortKeys);
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(value).sort())
			out[key] = sortKeys((value as Record<string, unknown>)[key]);
		return out;
	}
	return value;
}

/**
 * The board's content as canonical JSON (map keys sorted, minutes as XML), for comparing
 * documents in convergence tests: map iteration order differs between replicas.
 */
export function canonicalBoard(doc: Y.Doc): string {
	const maps = Object.fromEntries(ROOT_MAPS.map((key) => [key, doc.getMap(key).toJSON()]));
	return JSON.stringify(sortKeys({ ...maps, minutes: doc.getXmlFragment('minutes').toString() }));
}
