/**
 * Typed accessors for the board document (ARCHITECTURE.md §2). Reading never writes: nested maps
 * that do not exist yet read as empty. Writers create nested maps through `ensureNested`, but a
 * board should get them up front from `initBoard` (run once, by the server, when a board is
 * created): two clients creating the same nested map concurrently would lose one side's writes.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { NESTED, ROOT, SCHEMA_VERSION } from './keys';
import { MIGRATION_ORIGIN, type BoardOrigin } from './origin';
import { compareOrder } from './order';
import { readElement, type ElementRecord } from './records/element';
import { MetaSchema, type MetaRecord } from './records/meta';
import { PersonSchema } from './records/person';
import {
	AgendaItemSchema,
	PresentationSchema,
	type PresentationRecord
} from './records/presentation';

export type RecordMap = Y.Map<unknown>;
/** A collection of records keyed by id. */
export type Collection = Y.Map<RecordMap>;

export const meta = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.meta);
export const elements = (doc: Y.Doc): Collection => doc.getMap(ROOT.elements);
export const people = (doc: Y.Doc): Collection => doc.getMap(ROOT.people);
export const timeline = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.timeline);
export const genogram = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.genogram);
export const network = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.network);
export const sos = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.sos);
export const goals = (doc: Y.Doc): Collection => doc.getMap(ROOT.goals);
export const minutes = (doc: Y.Doc): Y.XmlFragment => doc.getXmlFragment(ROOT.minutes);
export const presentation = (doc: Y.Doc): Y.Map<unknown> => doc.getMap(ROOT.presentation);

/** A nested map of a root map, or null when it does not exist (yet). Never writes. */
export function nested(parent: Y.Map<unknown>, key: string): Y.Map<unknown> | null {
	const value = parent.get(key);
	return value instanceof Y.Map ? value : null;
}

/** A nested map, created if missing. Call only inside a transaction. */
export function ensureNested(parent: Y.Map<unknown>, key: string): Y.Map<unknown> {
	const existing = nested(parent, key);
	if (existing) return existing;
	const created = new Y.Map<unknown>();
	parent.set(key, created);
	return created;
}

/**
 * Gives a new, empty board its meta and every nested map, in one transaction. Idempotent: what
 * exists already is kept. Run it where a board is created (server), not in every client.
 */
export function initBoard(
	doc: Y.Doc,
	info: { caseId?: string; meetingId?: string; title?: string; createdFrom?: string } = {},
	origin: BoardOrigin = MIGRATION_ORIGIN
): void {
	doc.transact(() => {
		const m = meta(doc);
		if (m.get('schemaVersion') === undefined) m.set('schemaVersion', SCHEMA_VERSION);
		for (const [key, value] of Object.entries(info)) {
			if (value !== undefined && m.get(key) === undefined) m.set(key, value);
		}
		for (const key of Object.values(NESTED.timeline)) ensureNested(timeline(doc), key);
		for (const key of Object.values(NESTED.genogram)) ensureNested(genogram(doc), key);
		for (const key of Object.values(NESTED.network)) ensureNested(network(doc), key);
		for (const key of Object.values(NESTED.sos)) ensureNested(sos(doc), key);
		const scale = nested(sos(doc), NESTED.sos.scale);
		if (scale && !(scale.get('ratings') instanceof Y.Map)) scale.set('ratings', new Y.Map());
		ensureNested(presentation(doc), 'agenda');
	}, origin);
}

/** The schema version stored in `meta`, or null when there is none (a v0 or empty document). */
export function schemaVersionOf(doc: Y.Doc): number | null {
	const value = meta(doc).get('schemaVersion');
	return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** True when the document was written by a newer schema than this code knows: open read-only. */
export function isNewerSchema(doc: Y.Doc): boolean {
	const version = schemaVersionOf(doc);
	return version !== null && version > SCHEMA_VERSION;
}

export function readMeta(doc: Y.Doc): MetaRecord | null {
	const result = v.safeParse(MetaSchema, meta(doc).toJSON());
	return result.success ? result.output : null;
}

function plain(value: unknown): unknown {
	if (value instanceof Y.AbstractType) return value.toJSON() as unknown;
	return value;
}

/**
 * Reads every valid record of a collection (a Y.Map of Y.Maps or plain objects keyed by id),
 * skipping invalid and unknown ones. The key is the record's `id`.
 */
export function readRecords<S extends v.GenericSchema>(
	collection: { entries(): Iterable<[string, unknown]> } | null,
	schema: S
): v.InferOutput<S>[] {
	if (!collection) return [];
	const out: v.InferOutput<S>[] = [];
	for (const [key, value] of collection.entries()) {
		const obj = plain(value);
		if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) continue;
		// Object.assign, not a spread: V8 copies records of varying shapes many times faster so.
		const result = v.safeParse(schema, Object.assign({}, obj, { id: key }));
		if (result.success) out.push(result.output);
	}
	return out;
}

/** One element by id, or null when missing or invalid. */
export function getElement(doc: Y.Doc, id: string): ElementRecord | null {
	return readElement(id, elements(doc).get(id));
}

/** All valid elements in paint order (z, then id). */
export function readElements(doc: Y.Doc): ElementRecord[] {
	const out: ElementRecord[] = [];
	for (const [id, map] of elements(doc).entries()) {
		const el = readElement(id, map);
		if (el) out.push(el);
	}
	return out.sort((a, b) => compareOrder({ id: a.id, order: a.z }, { id: b.id, order: b.z }));
}

const byOrder = <T extends { id: string; order: string }>(list: T[]): T[] =>
	list.sort(compareOrder);

export const readPeople = (doc: Y.Doc) => readRecords(people(doc), PersonSchema);
export const readAgenda = (doc: Y.Doc) =>
	byOrder(readRecords(nested(presentation(doc), 'agenda'), AgendaItemSchema));

export function readPresentation(doc: Y.Doc): PresentationRecord {
	const p = presentation(doc);
	const result = v.safeParse(PresentationSchema, {
		currentItem: p.get('currentItem') ?? undefined,
		presentedFrame: p.get('presentedFrame') ?? undefined,
		timer: plain(p.get('timer')) ?? undefined
	});
	return result.success ? result.output : {};
}
