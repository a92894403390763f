/**
 * v1 → v2: the domain tools arrive on the board (ARCHITECTURE.md §2b). v2 adds the tool frame
 * element (`type: 'tool'`, `tool`) and richer tool records; every v1 record is valid v2 data, so
 * this step only makes sure the tool roots have their nested maps. The tools' own record
 * upgrades are further migrations of the same step (`from: 1, to: 2`) registered after it.
 * A v1 client opens a v2 board read-only (it does not know the new records), which is the point
 * of the version bump.
 */
import { initBoard } from '../doc';
import { MIGRATION_ORIGIN } from '../origin';
import type { Migration } from './registry';

export const v1ToV2: Migration = {
	id: 'board/0002-tool-frames',
	from: 1,
	to: 2,
	up: (doc) => initBoard(doc, {}, MIGRATION_ORIGIN)
};
