/** Validator building blocks shared by the record types. */
import * as v from 'valibot';

export const finiteNumber = v.pipe(v.number(), v.finite());
export const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
export const shortText = v.pipe(v.string(), v.maxLength(2_000));
export const longText = v.pipe(v.string(), v.maxLength(100_000));
export const orderKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
export const year = v.pipe(v.number(), v.integer(), v.minValue(1800), v.maxValue(2200));
export const scale010 = v.pipe(v.number(), v.minValue(0), v.maxValue(10));
/** A calendar date `YYYY-MM-DD`. */
export const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
