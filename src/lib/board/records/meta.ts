/** The board's `meta` map. */
import * as v from 'valibot';
import { shortText } from './common';

export const MetaSchema = v.object({
	schemaVersion: v.pipe(v.number(), v.integer(), v.minValue(0)),
	caseId: v.optional(shortText),
	meetingId: v.optional(shortText),
	title: v.optional(shortText),
	/** Snapshot id or template name the board started from. */
	createdFrom: v.optional(shortText)
});
export type MetaRecord = v.InferOutput<typeof MetaSchema>;
