/**
 * Typed transaction origins. The origin of a transaction decides what is stored, forwarded and
 * undoable: `Y.UndoManager` tracks only this client's `local` origin object, so undo never
 * reverts someone else's edit (remote updates arrive with the provider as origin).
 */
export type OriginSource = 'connection' | 'migration' | 'snapshot' | 'local';

export interface BoardOrigin {
	readonly source: OriginSource;
}

/**
 * The origin of every edit made through the board ops on this client. It is one object
 * (undo managers compare origins by identity), frozen so nobody mutates it.
 */
export const LOCAL_ORIGIN: BoardOrigin = Object.freeze({ source: 'local' });

/** The origin used by the migration runner. */
export const MIGRATION_ORIGIN: BoardOrigin = Object.freeze({ source: 'migration' });

export function isBoardOrigin(value: unknown): value is BoardOrigin {
	return (
		typeof value === 'object' &&
		value !== null &&
		'source' in value &&
		['connection', 'migration', 'snapshot', 'local'].includes(
			(value as { source: unknown }).source as string
		)
	);
}
