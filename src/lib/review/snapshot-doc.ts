/**
 * A saved board opened for reading: its bytes decoded into a fresh Y.Doc and, when it was saved
 * by an older schema, migrated there – in that copy only. Nothing is ever written back to the
 * snapshot (it is immutable and its SHA-256 covers the bytes as saved).
 */
import * as Y from 'yjs';
import { migrateBoard } from '../board/migrations';
import { schemaVersionOf } from '../board/doc';
import { combineGoals, docFromUpdate, dropGoals } from '../board/parts';

/**
 * How a snapshot is opened: with the goals document's goals combined in (`goals`, for readers
 * who may see them), or with every goal left out (`withhold`, for the placement without the
 * parents' consent – also goals an older snapshot kept in its main document).
 */
export interface OpenOptions {
	goals?: Uint8Array | null;
	withhold?: boolean;
}

export interface OpenedSnapshot {
	doc: Y.Doc;
	/** The schema version the bytes were saved with (null: no version, an empty or v0 board). */
	savedVersion: number | null;
	/** Migrations run on the copy, in order (empty when it was current). */
	migrated: string[];
	/** Saved by a newer schema than this code knows: shown as is, possibly incomplete. */
	newer: boolean;
}

/**
 * Decodes and, if needed, migrates a snapshot's state, then combines or withholds the goals.
 * Throws only on bytes Yjs cannot read.
 */
export function openSnapshot(state: Uint8Array, options: OpenOptions = {}): OpenedSnapshot {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const savedVersion = schemaVersionOf(doc);
	try {
		const result = migrateBoard(doc);
		if (options.withhold) dropGoals(doc);
		else if (options.goals) {
			const goals = docFromUpdate(options.goals);
			combineGoals(doc, goals);
			goals.destroy();
		}
		return {
			doc,
			savedVersion,
			migrated: result.status === 'migrated' ? result.applied : [],
			newer: result.status === 'newer' || result.status === 'unknown'
		};
	} catch {
		// A migration that fails on odd data leaves the copy as far as it got; readers are tolerant.
		if (options.withhold) dropGoals(doc);
		return { doc, savedVersion, migrated: [], newer: false };
	}
}
