/** The migration runner: brings a stored board up to `SCHEMA_VERSION`. */
import * as Y from 'yjs';
import { meta, schemaVersionOf } from '../doc';
import { ROOT, SCHEMA_VERSION } from '../keys';
import { MIGRATION_ORIGIN } from '../origin';
import { MIGRATIONS, type Migration } from './registry';
import { V0_ITEMS_KEY } from './v0-to-v1';

export { MIGRATIONS, type Migration } from './registry';

/** Key in `meta` of the Y.Map recording applied migration ids (id → epoch ms). */
export const APPLIED_KEY = 'migrations';

/**
 * The version a document is at: `meta.schemaVersion`, or 0 for a document that has content but
 * no version (the pre-release shape), or null for an empty document (a new board: nothing to do).
 */
export function storedVersion(doc: Y.Doc): number | null {
	const version = schemaVersionOf(doc);
	if (version !== null) return version;
	const hasV0Items = doc.share.has(V0_ITEMS_KEY) && doc.getArray(V0_ITEMS_KEY).length > 0;
	const hasElements = doc.share.has(ROOT.elements) && doc.getMap(ROOT.elements).size > 0;
	return hasV0Items || hasElements ? 0 : null;
}

/**
 * The migrations that would run on `doc`, in order. One version step may consist of several
 * migrations (each tool upgrades its own records): all with `from` equal to the version run, in
 * registry order, and together lead to their common `to`.
 */
export function pendingMigrations(
	doc: Y.Doc,
	registry: readonly Migration[] = MIGRATIONS
): Migration[] {
	let version = storedVersion(doc);
	if (version === null) return [];
	const out: Migration[] = [];
	for (;;) {
		const step = registry.filter((m) => m.from === version);
		const next = step[0];
		if (!next || step.some((m) => m.to !== next.to)) break;
		out.push(...step);
		version = next.to;
	}
	return out;
}

export type MigrationResult =
	| { status: 'current' | 'empty'; applied: [] }
	| { status: 'migrated'; applied: string[] }
	/** Written by a newer schema: open read-only and ask for a reload. */
	| { status: 'newer'; applied: []; version: number }
	| { status: 'unknown'; applied: []; version: number };

/** Runs every pending migration in one transaction with origin `{ source: 'migration' }`. */
export function migrateBoard(
	doc: Y.Doc,
	registry: readonly Migration[] = MIGRATIONS,
	now = Date.now()
): MigrationResult {
	const version = storedVersion(doc);
	if (version === null) return { status: 'empty', applied: [] };
	if (version > SCHEMA_VERSION) return { status: 'newer', applied: [], version };
	if (version === SCHEMA_VERSION) return { status: 'current', applied: [] };
	const pending = pendingMigrations(doc, registry);
	if (pending.at(-1)?.to !== SCHEMA_VERSION) return { status: 'unknown', applied: [], version };
	doc.transact(() => {
		for (const migration of pending) {
			migration.up(doc);
			let applied = meta(doc).get(APPLIED_KEY);
			if (!(applied instanceof Y.Map)) {
				applied = new Y.Map<number>();
				meta(doc).set(APPLIED_KEY, applied);
			}
			(applied as Y.Map<number>).set(migration.id, now);
			meta(doc).set('schemaVersion', migration.to);
		}
	}, MIGRATION_ORIGIN);
	return { status: 'migrated', applied: pending.map((m) => m.id) };
}
