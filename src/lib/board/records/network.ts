/** Network map records (`network.*`); placements are keyed by person id. */
import * as v from 'valibot';
import { id, orderKey, shortText } from './common';

export const NetworkPlacementSchema = v.object({
	/** The person id (the placement map's key). */
	id,
	/** 0 = innermost (closest) ring. */
	ring: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(5)),
	sector: id,
	resource: v.optional(v.picklist(['resource', 'concern', 'neutral']), 'neutral'),
	/** What the person can help with. */
	help: v.optional(shortText)
});
export type NetworkPlacementRecord = v.InferOutput<typeof NetworkPlacementSchema>;

export const NetworkSectorSchema = v.object({
	id,
	name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
	order: orderKey
});
export type NetworkSectorRecord = v.InferOutput<typeof NetworkSectorSchema>;

export const NetworkLinkSchema = v.object({ id, a: id, b: id, note: v.optional(shortText) });
export type NetworkLinkRecord = v.InferOutput<typeof NetworkLinkSchema>;
