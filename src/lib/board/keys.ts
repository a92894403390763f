/**
 * The root keys of the board document (ARCHITECTURE.md §2), declared once. Every other module
 * reaches the shared types through the accessors in `doc.ts`, never by spelling a key itself.
 */

/** The schema version this code reads and writes. Bump only together with a migration. */
export const SCHEMA_VERSION = 2;

export const ROOT = {
	meta: 'meta',
	elements: 'elements',
	people: 'people',
	timeline: 'timeline',
	genogram: 'genogram',
	network: 'network',
	sos: 'sos',
	goals: 'goals',
	minutes: 'minutes',
	presentation: 'presentation'
} as const;

export type RootKey = (typeof ROOT)[keyof typeof ROOT];

/** Keys of nested collections inside the tool maps. */
export const NESTED = {
	timeline: { events: 'events', phases: 'phases' },
	genogram: { members: 'members', unions: 'unions', bonds: 'bonds', households: 'households' },
	network: { placements: 'placements', sectors: 'sectors', links: 'links' },
	sos: { items: 'items', scale: 'scale' },
	goals: { steps: 'steps' }
} as const;
