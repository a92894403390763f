/** Signs of Safety records (`sos.items`, `sos.scale`). */
import * as v from 'valibot';
import { id, longText, orderKey, scale010, shortText } from './common';

export const SOS_COLUMNS = ['worries', 'working', 'next'] as const;
export const SOS_KINDS = ['item', 'danger', 'safety-goal'] as const;
export const VOICES = ['parent', 'professional', 'child', 'network'] as const;

export const SosItemSchema = v.object({
	id,
	column: v.picklist(SOS_COLUMNS),
	kind: v.optional(v.picklist(SOS_KINDS), 'item'),
	/** Y.Text in the document, read as a string. */
	text: longText,
	voice: v.optional(v.picklist(VOICES)),
	order: orderKey,
	/** A danger statement's safety goal (and back). */
	pairedWith: v.optional(v.nullable(id)),
	/** The family's disagreement, written on the card. */
	disagreement: v.optional(shortText),
	/** Per-statement scale ratings, participant key → 0–10. */
	ratings: v.optional(v.record(v.string(), scale010))
});
export type SosItemRecord = v.InferOutput<typeof SosItemSchema>;

export const SosRatingSchema = v.object({
	/** Participant key (user id or person id). */
	id,
	value: scale010,
	group: v.picklist(VOICES),
	name: v.optional(shortText)
});
export type SosRatingRecord = v.InferOutput<typeof SosRatingSchema>;

export const SosScaleSchema = v.object({
	question: v.optional(shortText, ''),
	ratings: v.optional(v.record(v.string(), v.unknown()), {})
});
