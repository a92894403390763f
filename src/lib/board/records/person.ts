/** People around the case (`people` root): entered once, referenced by id from every tool. */
import * as v from 'valibot';
import { id, shortText, year } from './common';

export const SEXES = ['male', 'female', 'other', 'unknown'] as const;

export const PersonSchema = v.object({
	id,
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	sex: v.optional(v.picklist(SEXES), 'unknown'),
	birthYear: v.optional(v.nullable(year)),
	deathYear: v.optional(v.nullable(year)),
	/** Has died (also when the year of death is not known). */
	deceased: v.optional(v.boolean()),
	/** Family relation in plain words ("mor", "mormor"), for family and network. */
	relation: v.optional(shortText),
	/** Professional title ("familiebehandler"). */
	title: v.optional(shortText),
	/** The person's user account, where they have one. */
	userId: v.optional(v.nullable(id)),
	note: v.optional(shortText)
});

export type PersonRecord = v.InferOutput<typeof PersonSchema>;
