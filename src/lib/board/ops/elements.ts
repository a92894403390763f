/**
 * Operations on free canvas elements. Each is `(doc, args, origin?) => void` and runs in one
 * `doc.transact` with a typed origin (default: this client's `LOCAL_ORIGIN`, which the undo
 * manager tracks). Ids are chosen by the caller (`newId()`), so ops stay deterministic in tests.
 * Ops ignore ids that do not exist (they may have been deleted concurrently by someone else).
 */
import * as Y from 'yjs';
import { elements, getElement, readElements } from '../doc';
import { centerOf } from '../geometry';
import { LOCAL_ORIGIN, type BoardOrigin } from '../origin';
import { keyBetween, keysBetween } from '../order';
import {
	TEXT_ELEMENT_TYPES,
	type ElementRecord,
	type ElementType,
	toolFrameId,
	type ToolId
} from '../records/element';
import { diffText } from '../text-diff';

export interface NewElement {
	id: string;
	type: ElementType;
	x: number;
	y: number;
	w?: number;
	h?: number;
	rotation?: number;
	color?: string;
	text?: string;
	points?: number[];
	from?: string | null;
	to?: string | null;
	src?: string;
	tool?: ToolId;
	fontSize?: number;
	author?: string;
	createdAt?: number;
	/** Paint order; default: on top of everything. */
	z?: string;
}

function topZ(doc: Y.Doc): string | null {
	let top: string | null = null;
	for (const map of elements(doc).values()) {
		const z = map.get('z');
		if (typeof z === 'string' && (top === null || z > top)) top = z;
	}
	return top;
}

function fillMap(map: Y.Map<unknown>, el: NewElement, z: string): void {
	map.set('type', el.type);
	map.set('x', el.x);
	map.set('y', el.y);
	map.set('w', el.w ?? 0);
	map.set('h', el.h ?? 0);
	map.set('rotation', el.rotation ?? 0);
	map.set('color', el.color ?? '');
	map.set('z', z);
	if (TEXT_ELEMENT_TYPES.has(el.type)) map.set('text', new Y.Text(el.text ?? ''));
	if (el.points) map.set('points', el.points);
	if (el.from) map.set('from', el.from);
	if (el.to) map.set('to', el.to);
	if (el.src) map.set('src', el.src);
	if (el.tool) map.set('tool', el.tool);
	if (el.fontSize !== undefined) map.set('fontSize', el.fontSize);
	if (el.author !== undefined) map.set('author', el.author);
	map.set('createdAt', el.createdAt ?? Date.now());
}

/** Adds one element (on top unless `z` is given). */
export function createElement(
	doc: Y.Doc,
	el: NewElement,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		elements(doc).set(el.id, map);
		fillMap(map, el, el.z ?? keyBetween(topZ(doc), null));
	}, origin);
}

/** Adds several elements in one transaction, stacked on top in the given order. */
export function createElements(
	doc: Y.Doc,
	els: NewElement[],
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	doc.transact(() => {
		const keys = keysBetween(topZ(doc), null, els.length);
		els.forEach((el, i) => {
			const map = new Y.Map<unknown>();
			elements(doc).set(el.id, map);
			fillMap(map, el, el.z ?? keys[i] ?? keyBetween(topZ(doc), null));
		});
	}, origin);
}

function mapOf(doc: Y.Doc, id: string): Y.Map<unknown> | null {
	const map = elements(doc).get(id);
	return map instanceof Y.Map ? map : null;
}

/** Moves elements by (dx, dy). A bound arrow end follows its element and needs no move. */
export function moveElements(
	doc: Y.Doc,
	args: { ids: string[]; dx: number; dy: number },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	if (!Number.isFinite(args.dx) || !Number.isFinite(args.dy) || (args.dx === 0 && args.dy === 0))
		return;
	doc.transact(() => {
		for (const id of args.ids) {
			const map = mapOf(doc, id);
			const el = getElement(doc, id);
			if (!map || !el) continue;
			map.set('x', el.x + args.dx);
			map.set('y', el.y + args.dy);
		}
	}, origin);
}

export interface GeometryChange {
	id: string;
	x?: number;
	y?: number;
	w?: number;
	h?: number;
	rotation?: number;
	points?: number[];
	fontSize?: number;
}

/** Sets position, size, rotation or points of elements (the transformer's result). */
export function transformElements(
	doc: Y.Doc,
	args: { changes: GeometryChange[] },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	doc.transact(() => {
		for (const change of args.changes) {
			const map = mapOf(doc, change.id);
			if (!map) continue;
			for (const key of ['x', 'y', 'w', 'h', 'rotation', 'fontSize'] as const) {
				const value = change[key];
				if (value === undefined || !Number.isFinite(value)) continue;
				const next = key === 'w' || key === 'h' ? Math.max(1, value) : value;
				if (map.get(key) !== next) map.set(key, next);
			}
			if (change.points && change.points.every(Number.isFinite)) map.set('points', change.points);
		}
	}, origin);
}

/** Resizes one element to a new box. */
export function resizeElement(
	doc: Y.Doc,
	args: { id: string; x: number; y: number; w: number; h: number },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	transformElements(doc, { changes: [args] }, origin);
}

/** Rotates one element (degrees, around its origin; pass the new x/y when rotating about the centre). */
export function rotateElement(
	doc: Y.Doc,
	args: { id: string; rotation: number; x?: number; y?: number },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	transformElements(doc, { changes: [args] }, origin);
}

/** Sets the colour of elements. */
export function setColor(
	doc: Y.Doc,
	args: { ids: string[]; color: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	doc.transact(() => {
		for (const id of args.ids) mapOf(doc, id)?.set('color', args.color);
	}, origin);
}

/**
 * Deletes elements. Arrows bound to a deleted element keep their place: the bound end is turned
 * into a free end where the element's centre was.
 */
export function deleteElements(
	doc: Y.Doc,
	args: { ids: string[] },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const gone = new Set(args.ids);
	doc.transact(() => {
		const all = elements(doc);
		const centers = new Map<string, { x: number; y: number }>();
		for (const id of gone) {
			const el = getElement(doc, id);
			if (el) centers.set(id, centerOf(el));
		}
		for (const [id, map] of all.entries()) {
			if (gone.has(id) || !(map instanceof Y.Map) || map.get('type') !== 'arrow') continue;
			const from = map.get('from');
			const to = map.get('to');
			const fromGone = typeof from === 'string' && gone.has(from);
			const toGone = typeof to === 'string' && gone.has(to);
			if (!fromGone && !toGone) continue;
			const el = getElement(doc, id);
			if (!el) continue;
			const points = [...(el.points ?? [0, 0, 0, 0])];
			while (points.length < 4) points.push(0);
			const setEnd = (index: number, p: { x: number; y: number } | undefined) => {
				if (!p) return;
				points[index] = p.x - el.x;
				points[index + 1] = p.y - el.y;
			};
			if (fromGone) {
				setEnd(0, centers.get(from));
				map.delete('from');
			}
			if (toGone) {
				setEnd(points.length - 2, centers.get(to));
				map.delete('to');
			}
			map.set('points', points);
		}
		for (const id of gone) all.delete(id);
	}, origin);
}

/**
 * Duplicates elements under the ids given in `newIds` (old id → new id), offset by (dx, dy) and
 * stacked on top in their old order. Arrows between duplicated elements are rebound to the copies.
 */
export function duplicateElements(
	doc: Y.Doc,
	args: { newIds: Record<string, string>; dx: number; dy: number; author?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const sources = readElements(doc).filter((el) => args.newIds[el.id] !== undefined);
	pasteElements(
		doc,
		{ records: sources, newIds: args.newIds, dx: args.dx, dy: args.dy, author: args.author },
		origin
	);
}

/**
 * Inserts copies of element records (from a clipboard or `duplicateElements`) under new ids,
 * offset by (dx, dy). Bindings to elements that are not copied stay on the originals when those
 * still exist, and are dropped otherwise.
 */
export function pasteElements(
	doc: Y.Doc,
	args: {
		records: ElementRecord[];
		newIds: Record<string, string>;
		dx: number;
		dy: number;
		author?: string;
	},
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	// A tool exists once per board: its frame is never copied.
	const records = args.records.filter((r) => args.newIds[r.id] !== undefined && r.type !== 'tool');
	if (records.length === 0) return;
	doc.transact(() => {
		const rebind = (target: string | null | undefined): string | null => {
			if (!target) return null;
			return args.newIds[target] ?? (elements(doc).has(target) ? target : null);
		};
		const keys = keysBetween(topZ(doc), null, records.length);
		records.forEach((r, i) => {
			const id = args.newIds[r.id];
			if (!id) return;
			const map = new Y.Map<unknown>();
			elements(doc).set(id, map);
			fillMap(
				map,
				{
					...r,
					id,
					x: r.x + args.dx,
					y: r.y + args.dy,
					points: r.points ? [...r.points] : undefined,
					from: r.type === 'arrow' ? rebind(r.from) : undefined,
					to: r.type === 'arrow' ? rebind(r.to) : undefined,
					author: args.author ?? r.author,
					createdAt: Date.now()
				},
				keys[i] ?? keyBetween(topZ(doc), null)
			);
		});
	}, origin);
}

/**
 * Places a tool's frame (one per board, under the fixed id `toolFrameId(tool)`). Does nothing when
 * the frame is there already; the tool's content is never touched, so a tool whose frame was
 * deleted shows its data again when placed anew. Returns the frame's id.
 */
export function placeToolFrame(
	doc: Y.Doc,
	args: { tool: ToolId; x: number; y: number; w: number; h: number; author?: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): string {
	const id = toolFrameId(args.tool);
	if (getElement(doc, id)) return id;
	createElement(doc, { ...args, id, type: 'tool', color: '' }, origin);
	return id;
}

export type ReorderDirection = 'front' | 'back' | 'forward' | 'backward';

/**
 * Changes the paint order of the given elements as a group, keeping their relative order:
 * to the front or back, or one step past the nearest other element above or below.
 */
export function reorderElements(
	doc: Y.Doc,
	args: { ids: string[]; direction: ReorderDirection },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const chosen = new Set(args.ids);
	const list = readElements(doc);
	const selected = list.filter((el) => chosen.has(el.id));
	if (selected.length === 0) return;
	const others = list.filter((el) => !chosen.has(el.id));
	let before: string | null = null;
	let after: string | null = null;
	const firstIdx = list.findIndex((el) => chosen.has(el.id));
	const lastIdx = list.length - 1 - [...list].reverse().findIndex((el) => chosen.has(el.id));
	switch (args.direction) {
		case 'front':
			before = others.at(-1)?.z ?? null;
			break;
		case 'back':
			after = others[0]?.z ?? null;
			break;
		case 'forward': {
			const above = list.slice(lastIdx + 1).filter((el) => !chosen.has(el.id));
			if (above.length === 0) return;
			before = above[0]?.z ?? null;
			after = above[1]?.z ?? null;
			break;
		}
		case 'backward': {
			const below = list.slice(0, firstIdx).filter((el) => !chosen.has(el.id));
			if (below.length === 0) return;
			after = below.at(-1)?.z ?? null;
			before = below.at(-2)?.z ?? null;
			break;
		}
	}
	const keys = keysBetween(before, after, selected.length);
	doc.transact(() => {
		selected.forEach((el, i) => {
			const key = keys[i];
			if (key) mapOf(doc, el.id)?.set('z', key);
		});
	}, origin);
}

/** Applies one splice to an element's Y.Text (collaborative: merges with concurrent edits). */
export function editText(
	doc: Y.Doc,
	args: { id: string; index: number; deleteCount: number; insert: string },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const text = mapOf(doc, args.id)?.get('text');
	if (!(text instanceof Y.Text)) return;
	doc.transact(() => {
		const index = Math.max(0, Math.min(args.index, text.length));
		const deleteCount = Math.max(0, Math.min(args.deleteCount, text.length - index));
		if (deleteCount > 0) text.delete(index, deleteCount);
		if (args.insert) text.insert(index, args.insert);
	}, origin);
}

/**
 * Makes an element's text equal `text` with the smallest splice (what a textarea overlay calls on
 * input; `cursor` is the caret after the input, to place the splice right when letters repeat).
 */
export function setText(
	doc: Y.Doc,
	args: { id: string; text: string; cursor?: number },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const text = mapOf(doc, args.id)?.get('text');
	if (!(text instanceof Y.Text)) return;
	const splice = diffText(text.toString(), args.text, args.cursor);
	if (splice) editText(doc, { id: args.id, ...splice }, origin);
}

/** Binds (or with `target: null` unbinds) an arrow end; an unbound end gets `point` (world). */
export function bindArrow(
	doc: Y.Doc,
	args: { id: string; end: 'from' | 'to'; target: string | null; point?: { x: number; y: number } },
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const map = mapOf(doc, args.id);
	const el = getElement(doc, args.id);
	if (!map || !el || el.type !== 'arrow' || args.target === args.id) return;
	doc.transact(() => {
		if (args.target && elements(doc).has(args.target)) map.set(args.end, args.target);
		else map.delete(args.end);
		if (args.point) {
			const points = [...(el.points ?? [0, 0, 0, 0])];
			const i = args.end === 'from' ? 0 : points.length - 2;
			points[i] = args.point.x - el.x;
			points[i + 1] = args.point.y - el.y;
			map.set('points', points);
		}
	}, origin);
}
