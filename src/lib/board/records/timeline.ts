/** Timeline records (`timeline.events`, `timeline.phases`). */
import * as v from 'valibot';
import { id, isoDate, shortText } from './common';

export const EVENT_CATEGORIES = [
	'anbringelse',
	'samvaer',
	'moede',
	'krise',
	'succes',
	'skole-sundhed',
	'beslutning',
	'andet'
] as const;

export const TimelineEventSchema = v.object({
	id,
	title: v.pipe(v.string(), v.maxLength(500)),
	date: isoDate,
	/** End of a period; absent for a single day. */
	endDate: v.optional(v.nullable(isoDate)),
	category: v.optional(v.picklist(EVENT_CATEGORIES), 'andet'),
	note: v.optional(shortText)
});
export type TimelineEventRecord = v.InferOutput<typeof TimelineEventSchema>;

export const PHASE_KINDS = ['opstart', 'forandring', 'vedligeholdelse'] as const;

export const TimelinePhaseSchema = v.object({
	id,
	kind: v.picklist(PHASE_KINDS),
	start: isoDate,
	end: isoDate
});
export type TimelinePhaseRecord = v.InferOutput<typeof TimelinePhaseSchema>;
