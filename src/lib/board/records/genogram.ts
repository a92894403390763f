/**
 * Genogram records (`genogram.*`). People live in `people`; the genogram keeps only its own
 * fields about them (members keyed by person id).
 */
import * as v from 'valibot';
import { finiteNumber, id, shortText, year } from './common';

export const GenogramMemberSchema = v.object({
	/** The person id (the member map's key). */
	id,
	indexChild: v.optional(v.boolean(), false),
	placed: v.optional(v.boolean(), false),
	adopted: v.optional(v.boolean(), false),
	foster: v.optional(v.boolean(), false),
	/** Manual nudge from the automatic layout, in world units. */
	dx: v.optional(finiteNumber, 0),
	dy: v.optional(finiteNumber, 0)
});
export type GenogramMemberRecord = v.InferOutput<typeof GenogramMemberSchema>;

export const UNION_KINDS = ['married', 'cohabiting', 'engaged', 'separated', 'divorced'] as const;

export const GenogramUnionSchema = v.object({
	id,
	a: id,
	b: v.optional(v.nullable(id)),
	kind: v.optional(v.picklist(UNION_KINDS), 'married'),
	startYear: v.optional(v.nullable(year)),
	endYear: v.optional(v.nullable(year)),
	/** Children as person ids in birth order. */
	children: v.optional(v.array(id), [])
});
export type GenogramUnionRecord = v.InferOutput<typeof GenogramUnionSchema>;

export const BOND_KINDS = [
	'close',
	'very-close',
	'distant',
	'conflict',
	'cut-off',
	'hostile',
	'abuse'
] as const;

export const GenogramBondSchema = v.object({
	id,
	a: id,
	b: id,
	kind: v.picklist(BOND_KINDS),
	note: v.optional(shortText)
});
export type GenogramBondRecord = v.InferOutput<typeof GenogramBondSchema>;

export const GenogramHouseholdSchema = v.object({
	id,
	name: v.optional(shortText, ''),
	members: v.array(id),
	foster: v.optional(v.boolean(), false)
});
export type GenogramHouseholdRecord = v.InferOutput<typeof GenogramHouseholdSchema>;
