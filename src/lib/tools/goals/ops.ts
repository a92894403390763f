/**
 * Goal steps edits, each one Yjs transaction with a typed origin. Input is checked first
 * (`goalProblems`, `stepProblems`): an op given bad input changes nothing. A fourth active goal
 * is refused (`goals.error.tooMany`); when concurrent edits still make four, the model shows the
 * newest as waiting (`activeGoalIds`). Ops ignore ids that no longer exist.
 */
import * as Y from 'yjs';
import type { Collection } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { keyBetween } from '../../board/order';
import { LOCAL_ORIGIN, type BoardOrigin } from '../../board/origin';
import type { MessageKey } from '../../i18n';
import { ensureMap, nestedMap, recordMap, setFields, transact } from '../data';
import type { ToolData } from '../types';
import {
	GOAL_STATUSES,
	MAX_ACTIVE_GOALS,
	MAX_STEP,
	MAX_TITLE,
	MAX_WHY,
	activeGoalIds,
	isDay,
	type GoalStatus
} from './model';

/** The goals root: goal records keyed by id. */
const goalsOf = (data: ToolData) => data.root as Collection;

/** Today as YYYY-MM-DD (local time). */
export function isoToday(now = new Date()): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export interface GoalInput {
	title: string;
	why?: string;
	owner?: string | null;
	status?: GoalStatus;
	progress?: number;
	/** The Signs of Safety card it was made from. */
	source?: string | null;
}

/** The goals as the three-active rule sees them, straight from the document. */
function goalStates(data: ToolData) {
	const list: { id: string; status: GoalStatus; activeSince: number }[] = [];
	for (const [key, map] of data.root.entries()) {
		if (!(map instanceof Y.Map)) continue;
		const status = (map.get('status') ?? 'active') as GoalStatus;
		const since = map.get('activeSince');
		if (!GOAL_STATUSES.includes(status) || typeof map.get('order') !== 'string') continue;
		if (typeof map.get('title') !== 'string') continue;
		list.push({ id: key, status, activeSince: typeof since === 'number' ? since : 0 });
	}
	return list;
}

/** How many goals are active now (as shown: at most three). */
export function activeGoals(data: ToolData): number {
	return activeGoalIds(goalStates(data)).size;
}

/**
 * What is wrong with a goal's fields, as message keys. `becomesActive`: the goal would be (or
 * become) active – refused when three are active already.
 */
export function goalProblems(
	data: ToolData,
	input: Partial<GoalInput>,
	becomesActive = false
): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.title !== undefined && !input.title.trim()) problems.push('goals.error.title');
	if (input.title !== undefined && input.title.length > MAX_TITLE)
		problems.push('goals.error.long');
	if (input.why !== undefined && input.why.length > MAX_WHY) problems.push('goals.error.long');
	if (input.status !== undefined && !GOAL_STATUSES.includes(input.status))
		problems.push('goals.error.choice');
	if (
		input.progress !== undefined &&
		!(Number.isInteger(input.progress) && input.progress >= 0 && input.progress <= 10)
	)
		problems.push('goals.error.progress');
	if (becomesActive && activeGoals(data) >= MAX_ACTIVE_GOALS) problems.push('goals.error.tooMany');
	return [...new Set(problems)];
}

function lastOrder(
	collection: { entries(): Iterable<[string, unknown]> } | null,
	except?: string
): string | null {
	let last: string | null = null;
	for (const [key, map] of collection?.entries() ?? []) {
		if (key === except || !(map instanceof Y.Map)) continue;
		const order = map.get('order');
		if (typeof order === 'string' && (last === null || order > last)) last = order;
	}
	return last;
}

/**
 * Adds a goal under `id` (after the others), with its steps map. Refused, changing nothing, when
 * the input has problems – among them a fourth active goal.
 */
export function addGoal(
	data: ToolData,
	id: string,
	input: GoalInput,
	now = Date.now(),
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const status = input.status ?? 'active';
	if (goalProblems(data, { ...input, status }, status === 'active').length > 0) return false;
	transact(
		data,
		() => {
			const map = new Y.Map<unknown>();
			const order = keyBetween(lastOrder(data.root), null);
			data.root.set(id, map);
			map.set('title', input.title.trim());
			map.set('status', status);
			map.set('progress', input.progress ?? 0);
			map.set('order', order);
			map.set('activeSince', now);
			map.set(NESTED.goals.steps, new Y.Map());
			if (input.why?.trim()) map.set('why', input.why.trim());
			if (input.owner) map.set('owner', input.owner);
			if (input.source) map.set('source', input.source);
			if (status === 'reached') map.set('reachedAt', isoToday(new Date(now)));
		},
		origin
	);
	return true;
}

/** Makes a goal from a "Hvad skal der ske?" card, carrying its text (the first 500 characters). */
export function goalFromCard(
	data: ToolData,
	id: string,
	card: { id: string; text: string },
	owner: string | null = null,
	now = Date.now(),
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const title = card.text.trim().slice(0, MAX_TITLE);
	return addGoal(data, id, { title, owner, source: card.id }, now, origin);
}

/** Changes a goal's title, why, owner or progress. */
export function updateGoal(
	data: ToolData,
	id: string,
	patch: { title?: string; why?: string; owner?: string | null; progress?: number },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(goalsOf(data), id);
	if (!map || goalProblems(data, patch).length > 0) return false;
	transact(
		data,
		() =>
			setFields(map, {
				title: patch.title?.trim(),
				why: patch.why === undefined ? undefined : patch.why.trim() || null,
				owner: patch.owner === '' ? null : patch.owner,
				progress: patch.progress
			}),
		origin
	);
	return true;
}

/**
 * Sets a goal's status. Becoming active again is refused while three are active; reaching a goal
 * keeps the date it was reached.
 */
export function setGoalStatus(
	data: ToolData,
	id: string,
	status: GoalStatus,
	now = Date.now(),
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(goalsOf(data), id);
	if (!map) return false;
	const current = (map.get('status') ?? 'active') as GoalStatus;
	if (current === status) return true;
	if (goalProblems(data, { status }, status === 'active').length > 0) return false;
	transact(
		data,
		() => {
			map.set('status', status);
			if (status === 'active') map.set('activeSince', now);
			if (status === 'reached') map.set('reachedAt', isoToday(new Date(now)));
			else if (map.has('reachedAt')) map.delete('reachedAt');
		},
		origin
	);
	return true;
}

export function removeGoal(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	if (!data.root.has(id)) return;
	transact(data, () => data.root.delete(id), origin);
}

/** The sorted (order, id) list of a collection of ordered records, without `except`. */
function ordered(collection: { entries(): Iterable<[string, unknown]> } | null, except: string) {
	const out: { id: string; order: string }[] = [];
	for (const [key, map] of collection?.entries() ?? []) {
		if (key === except || !(map instanceof Y.Map)) continue;
		const order = map.get('order');
		if (typeof order === 'string') out.push({ id: key, order });
	}
	return out.sort((a, b) =>
		a.order < b.order ? -1 : a.order > b.order ? 1 : a.id < b.id ? -1 : 1
	);
}

/** A key between `after` and the record following it (or before `before`); the end when neither. */
function keyNear(
	list: { id: string; order: string }[],
	after: string | null,
	before: string | null
): string {
	const a = after ? list.findIndex((x) => x.id === after) : -1;
	const b = before ? list.findIndex((x) => x.id === before) : -1;
	if (a >= 0) return keyBetween(list[a]!.order, list[a + 1]?.order ?? null);
	if (b >= 0) return keyBetween(list[b - 1]?.order ?? null, list[b]!.order);
	return keyBetween(list.at(-1)?.order ?? null, null);
}

/** Moves a goal between two others (by id; null for an open end). */
export function moveGoal(
	data: ToolData,
	id: string,
	place: { after: string | null; before: string | null },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(goalsOf(data), id);
	if (!map) return false;
	const order = keyNear(ordered(data.root, id), place.after, place.before);
	transact(data, () => map.set('order', order), origin);
	return true;
}

export interface StepInput {
	text: string;
	who?: string | null;
	due?: string | null;
}

export function stepProblems(input: Partial<StepInput>): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.text !== undefined && !input.text.trim()) problems.push('goals.error.stepText');
	if (input.text !== undefined && input.text.length > MAX_STEP) problems.push('goals.error.long');
	if (input.due != null && input.due !== '' && !isDay(input.due)) problems.push('goals.error.date');
	return [...new Set(problems)];
}

function stepsOf(data: ToolData, goal: string): Collection | null {
	const map = recordMap(goalsOf(data), goal);
	return map ? nestedMap(map, NESTED.goals.steps) : null;
}

/**
 * Adds a step to a goal: by default at the top of the stairs (the last step before the goal), or
 * right after `after`.
 */
export function addStep(
	data: ToolData,
	goal: string,
	id: string,
	input: StepInput,
	after: string | null = null,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const goalMap = recordMap(goalsOf(data), goal);
	if (!goalMap || stepProblems(input).length > 0) return false;
	transact(
		data,
		() => {
			const steps = ensureMap(goalMap, NESTED.goals.steps);
			const order = keyNear(ordered(steps, id), after, null);
			const map = new Y.Map<unknown>();
			steps.set(id, map);
			map.set('text', input.text.trim());
			map.set('order', order);
			map.set('done', false);
			if (input.who) map.set('who', input.who);
			if (input.due) map.set('due', input.due);
		},
		origin
	);
	return true;
}

export function updateStep(
	data: ToolData,
	goal: string,
	id: string,
	patch: Partial<{ text: string; who: string | null; due: string | null }>,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(stepsOf(data, goal), id);
	if (!map || stepProblems(patch).length > 0) return false;
	transact(
		data,
		() =>
			setFields(map, {
				text: patch.text?.trim(),
				who: patch.who === '' ? null : patch.who,
				due: patch.due === '' ? null : patch.due
			}),
		origin
	);
	return true;
}

/** Ticks (or unticks) a step; a reached step keeps the date it was reached. */
export function toggleStep(
	data: ToolData,
	goal: string,
	id: string,
	done: boolean,
	today = isoToday(),
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(stepsOf(data, goal), id);
	if (!map || !isDay(today)) return false;
	if ((map.get('done') === true) === done) return true;
	transact(data, () => setFields(map, { done, doneAt: done ? today : null }), origin);
	return true;
}

/** Moves a step between two others of the same goal. */
export function moveStep(
	data: ToolData,
	goal: string,
	id: string,
	place: { after: string | null; before: string | null },
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const steps = stepsOf(data, goal);
	const map = recordMap(steps, id);
	if (!map) return false;
	const order = keyNear(ordered(steps, id), place.after, place.before);
	transact(data, () => map.set('order', order), origin);
	return true;
}

/** Splits a step in two: it keeps `first`, a new step `id` right after it gets `second`. */
export function splitStep(
	data: ToolData,
	goal: string,
	step: string,
	id: string,
	first: string,
	second: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(stepsOf(data, goal), step);
	if (!map || stepProblems({ text: first }).length || stepProblems({ text: second }).length)
		return false;
	transact(
		data,
		() => {
			updateStep(data, goal, step, { text: first }, origin);
			addStep(
				data,
				goal,
				id,
				{
					text: second,
					who: (map.get('who') as string | undefined) ?? null,
					due: (map.get('due') as string | undefined) ?? null
				},
				step,
				origin
			);
		},
		origin
	);
	return true;
}

export function removeStep(
	data: ToolData,
	goal: string,
	id: string,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const steps = stepsOf(data, goal);
	if (!steps?.has(id)) return;
	transact(data, () => steps.delete(id), origin);
}

/**
 * The goals' rule for a new meeting: each goal keeps its progress as the last meeting's
 * (`previousProgress`, shown faintly), so the next meeting sees what moved since. Call on the
 * new board's goals right after they were copied.
 */
export function markCarriedGoals(data: ToolData): void {
	for (const map of data.root.values()) {
		if (!(map instanceof Y.Map)) continue;
		const progress = map.get('progress');
		if (typeof progress === 'number' && Number.isFinite(progress))
			map.set('previousProgress', progress);
		else if (map.has('previousProgress')) map.delete('previousProgress');
	}
}
