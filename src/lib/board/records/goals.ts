/** Goal steps records (`goals` root, each goal with its `steps`). */
import * as v from 'valibot';
import { id, isoDate, orderKey, scale010, shortText } from './common';

export const GOAL_STATUSES = ['active', 'reached', 'paused'] as const;
/** The practice: at most three active goals at a time. */
export const MAX_ACTIVE_GOALS = 3;

export const GoalStepSchema = v.object({
	id,
	text: shortText,
	/** Person id of who helps. */
	who: v.optional(v.nullable(id)),
	due: v.optional(v.nullable(isoDate)),
	done: v.optional(v.boolean(), false),
	order: orderKey
});
export type GoalStepRecord = v.InferOutput<typeof GoalStepSchema>;

export const GoalSchema = v.object({
	id,
	title: shortText,
	why: v.optional(shortText, ''),
	status: v.optional(v.picklist(GOAL_STATUSES), 'active'),
	progress: v.optional(scale010, 0),
	order: orderKey,
	/** The parent the goal belongs to (person id). */
	owner: v.optional(v.nullable(id))
});
export type GoalRecord = v.InferOutput<typeof GoalSchema>;
