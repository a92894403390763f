/**
 * The migration registry. A migration has a namespaced id (`board/<nnnn>-<name>`), the schema
 * version it reads and the one it writes, and `up`, which changes the document in place. The
 * runner applies them in a single transaction with origin `{ source: 'migration' }`.
 *
 * Only one party should migrate a stored board (the server, when it loads the board): migrations
 * write deterministic keys and values, so a concurrent run elsewhere converges to the same
 * content, but it would still send its writes twice.
 */
import type * as Y from 'yjs';
import { v0ToV1 } from './v0-to-v1';
import { genogramChildLinks } from './genogram-child-links';
import { goalsSteps } from './goals-steps';
import { sosCards } from './sos-cards';
import { v1ToV2 } from './v1-to-v2';

export interface Migration {
	/** Namespaced, never reused: `board/0001-elements-map`. */
	id: string;
	from: number;
	to: number;
	up: (doc: Y.Doc) => void;
}

/**
 * Every migration, in order. `to` of one step is `from` of the next; a step may hold several
 * migrations with the same `from` and `to` (run in this order).
 */
export const MIGRATIONS: readonly Migration[] = [
	v0ToV1,
	v1ToV2,
	genogramChildLinks,
	sosCards,
	goalsSteps
];
