/**
 * The goal steps' model (måltrappe, PRODUCT.md "Goal steps"): the `goals` root holds one Y.Map
 * per goal keyed by id, each with its steps (trædesten) in a nested Y.Map keyed by id. Record
 * shapes, validators, the typed read, and the rule of at most three active goals. Pure: Yjs and
 * valibot only.
 *
 * Goal fields: `title` (in the parents' words), `why`, `status` (active | reached | paused),
 * `progress` (0–10), `order` (fractional key), `owner` (person id), `activeSince` (epoch ms, when
 * it last became active), `reachedAt` (YYYY-MM-DD), `source` (the Signs of Safety card it was
 * made from), `previousProgress` (the last meeting's, kept when goals carry forward), `steps`.
 * Step fields: `text`, `who` (person id of who helps), `due`, `done`, `doneAt`, `order`.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { NESTED } from '../../board/keys';
import { compareOrder } from '../../board/order';
import { readPeopleMap, type PersonRecord } from '../people';
import { parseDate } from '../timeline/dates';
import type { ToolData } from '../types';

export const GOAL_STATUSES = ['active', 'reached', 'paused'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
/** How a goal is shown: an active goal beyond the first three waits ("venter"). */
export type GoalState = 'active' | 'waiting' | 'paused' | 'reached';

/** The practice: at most three active goals for the next one to two months. */
export const MAX_ACTIVE_GOALS = 3;
export const MAX_TITLE = 500;
export const MAX_WHY = 2_000;
export const MAX_STEP = 1_000;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const orderKey = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
/** Whether `s` is a real calendar day `YYYY-MM-DD` (1900–2100). */
export function isDay(s: string): boolean {
	return /^\d{4}-\d{2}-\d{2}$/.test(s) && parseDate(s) !== null;
}
const isoDate = v.pipe(v.string(), v.check(isDay, 'date'));
const scale = v.pipe(v.number(), v.minValue(0), v.maxValue(10));

export const StepSchema = v.object({
	id,
	text: v.pipe(v.string(), v.maxLength(MAX_STEP)),
	who: v.optional(v.nullable(id)),
	due: v.optional(v.nullable(isoDate)),
	done: v.optional(v.boolean(), false),
	doneAt: v.optional(v.nullable(isoDate)),
	order: orderKey
});
export type StepRecord = v.InferOutput<typeof StepSchema>;

export const GoalSchema = v.object({
	id,
	title: v.pipe(v.string(), v.maxLength(MAX_TITLE)),
	why: v.optional(v.pipe(v.string(), v.maxLength(MAX_WHY)), ''),
	status: v.optional(v.picklist(GOAL_STATUSES), 'active'),
	progress: v.optional(scale, 0),
	order: orderKey,
	owner: v.optional(v.nullable(id)),
	activeSince: v.optional(v.pipe(v.number(), v.finite(), v.minValue(0)), 0),
	reachedAt: v.optional(v.nullable(isoDate)),
	source: v.optional(v.nullable(id)),
	previousProgress: v.optional(v.nullable(scale))
});
export type GoalRecord = v.InferOutput<typeof GoalSchema>;

export interface GoalStep extends StepRecord {
	goal: string;
}

export interface Goal extends GoalRecord {
	/** How it is shown (the three-active rule applied). */
	state: GoalState;
	/** Steps in order: the first (today) first, the last just below the goal. */
	steps: GoalStep[];
}

export interface GoalsModel {
	/** Shown order: active, waiting, paused, reached; each by order (then id). */
	goals: Goal[];
	people: Map<string, PersonRecord>;
	/**
	 * The goals are not shared with this viewer (the foster family without the parents' consent,
	 * docs/consent.md): there are none to show, and the tool says why.
	 */
	withheld?: boolean;
}

function plain(value: unknown): unknown {
	return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
}

function readSteps(goal: string, steps: unknown): GoalStep[] {
	if (!(steps instanceof Y.Map)) return [];
	const out: GoalStep[] = [];
	for (const [key, raw] of (steps as Y.Map<unknown>).entries()) {
		const obj = plain(raw);
		if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) continue;
		const result = v.safeParse(StepSchema, Object.assign({}, obj, { id: key }));
		if (result.success) out.push(Object.assign({}, result.output, { goal }));
	}
	return out.sort(compareOrder);
}

/**
 * The ids of the goals shown as active: of the goals whose status is active, the first three by
 * when they became active (then id). The rest wait until one is reached or paused. Every client
 * computes the same from the same document, so concurrent additions resolve alike everywhere.
 */
export function activeGoalIds(
	goals: readonly Pick<GoalRecord, 'id' | 'status' | 'activeSince'>[]
): Set<string> {
	const active = goals
		.filter((g) => g.status === 'active')
		.sort((a, b) => a.activeSince - b.activeSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	return new Set(active.slice(0, MAX_ACTIVE_GOALS).map((g) => g.id));
}

const STATE_RANK: Record<GoalState, number> = { active: 0, waiting: 1, paused: 2, reached: 3 };

/** Reads the goals; invalid goals and steps are skipped. */
export function readGoals(data: ToolData): GoalsModel {
	if (data.withheld) return { goals: [], people: readPeopleMap(data.people), withheld: true };
	const records: (GoalRecord & { steps: GoalStep[] })[] = [];
	for (const [key, raw] of data.root.entries()) {
		if (!(raw instanceof Y.Map)) continue;
		const map = raw as Y.Map<unknown>;
		const fields: Record<string, unknown> = { id: key };
		for (const [k, value] of map.entries())
			if (k !== NESTED.goals.steps) fields[k] = value instanceof Y.Text ? value.toString() : value;
		const result = v.safeParse(GoalSchema, fields);
		if (!result.success) continue;
		records.push(
			Object.assign({}, result.output, { steps: readSteps(key, map.get(NESTED.goals.steps)) })
		);
	}
	const active = activeGoalIds(records);
	const goals: Goal[] = records.map((g) => ({
		...g,
		state: g.status === 'active' ? (active.has(g.id) ? 'active' : 'waiting') : g.status
	}));
	goals.sort((a, b) => {
		const rank = STATE_RANK[a.state] - STATE_RANK[b.state];
		if (rank !== 0) return rank;
		// Waiting goals by when they became active: the next to move up first.
		if (a.state === 'waiting') return a.activeSince - b.activeSince || (a.id < b.id ? -1 : 1);
		return compareOrder(a, b);
	});
	return { goals, people: readPeopleMap(data.people) };
}

/** How many goals are shown as active (at most three). */
export function activeCount(model: GoalsModel): number {
	return model.goals.filter((g) => g.state === 'active').length;
}

/** A goal and its step by step id. */
export function findStep(
	model: GoalsModel,
	stepId: string
): { goal: Goal; step: GoalStep } | undefined {
	for (const goal of model.goals) {
		const step = goal.steps.find((s) => s.id === stepId);
		if (step) return { goal, step };
	}
	return undefined;
}

export function stepsDone(goal: Goal): number {
	return goal.steps.filter((s) => s.done).length;
}

export const STATE_STYLE: Record<GoalState, { color: string; fill: string; icon: string }> = {
	active: { color: '#1d4e89', fill: '#ffffff', icon: 'M5 21V4M5 4h12l-3 4 3 4H5' },
	waiting: {
		color: '#6b4500',
		fill: '#fff8e6',
		icon: 'M12 7v5l3 3M12 3a9 9 0 110 18 9 9 0 010-18z'
	},
	paused: { color: '#4a525c', fill: '#f3f4f6', icon: 'M9 5v14M15 5v14' },
	reached: {
		color: '#1e6b3a',
		fill: '#e3f4e8',
		icon: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z'
	}
};
