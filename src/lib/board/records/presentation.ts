/** The meeting's presentation state (`presentation` root): agenda, current item, timer, frame. */
import * as v from 'valibot';
import { finiteNumber, id, orderKey, shortText } from './common';

export const AgendaItemSchema = v.object({
	id,
	title: shortText,
	minutes: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0), v.maxValue(1440)))),
	order: orderKey,
	/** Seconds spent on the item so far, while it is not the current one (optional, additive). */
	usedSec: v.optional(v.pipe(finiteNumber, v.minValue(0)))
});
export type AgendaItemRecord = v.InferOutput<typeof AgendaItemSchema>;

export const TimerSchema = v.object({
	/** Epoch ms when the running timer started, or null when paused. */
	startedAt: v.nullable(finiteNumber),
	durationSec: v.pipe(finiteNumber, v.minValue(0)),
	/** Seconds already elapsed before `startedAt`. */
	elapsedSec: v.optional(v.pipe(finiteNumber, v.minValue(0)), 0)
});
export type TimerRecord = v.InferOutput<typeof TimerSchema>;

export const PresentationSchema = v.object({
	currentItem: v.optional(v.nullable(id)),
	presentedFrame: v.optional(v.nullable(id)),
	timer: v.optional(v.nullable(TimerSchema))
});
export type PresentationRecord = v.InferOutput<typeof PresentationSchema>;
