/**
 * Måltrappe – the parents' goals as stairs of stepping stones (PRODUCT.md "Goal steps"). The
 * tool's definition: how the canvas, the side panel, snapshots and the PDF use it.
 */
import type { ToolDefinition, ToolSelection } from '../types';
import { seedGoalsDemo } from './demo';
import { diffGoals } from './diff';
import { goalColumnAt, goalsGeometry, layoutGoals, progressAt } from './layout';
import { findStep, readGoals, type GoalsModel } from './model';
import {
	isoToday,
	moveGoal,
	moveStep,
	removeGoal,
	removeStep,
	toggleStep,
	updateGoal
} from './ops';
import { summarizeGoals } from './summary';

/** Selection kinds of a goal or a step not written yet (`id`: '' or the goal's id). */
export const NEW_GOAL = 'new-goal';
export const NEW_STEP = 'new-step';

const select = (kind: string, id: string): ToolSelection => ({ tool: 'goals', kind, id });

export const goals: ToolDefinition<GoalsModel> = {
	id: 'goals',
	name: 'goals.name',
	icon: 'M3 20h5v-4h5v-4h5V8h3M17 4h4v4',
	size: { w: 2200, h: 1240 },
	read: (data) => readGoals(data),
	layout: layoutGoals,
	summary: summarizeGoals,
	diff: diffGoals,
	isEmpty: (model) => model.goals.length === 0 && !model.withheld,
	tap(edit, hit, at) {
		if (!hit || edit.model.withheld) return null;
		switch (hit.kind) {
			case 'goal':
				return select('goal', hit.id);
			case 'step':
				return select('step', hit.id);
			case 'step-toggle': {
				const found = findStep(edit.model, hit.id);
				if (!found) return null;
				if (!edit.readOnly)
					toggleStep(
						edit.data,
						found.goal.id,
						hit.id,
						!found.step.done,
						edit.context.today || isoToday(),
						edit.origin
					);
				return select('step', hit.id);
			}
			case 'progress': {
				const box = goalsGeometry(edit.model, edit.size).main.find((b) => b.goal.id === hit.id);
				if (box && !edit.readOnly)
					updateGoal(edit.data, hit.id, { progress: progressAt(box, at.y) }, edit.origin);
				return select('goal', hit.id);
			}
			case NEW_STEP:
				return select(NEW_STEP, hit.id);
			case NEW_GOAL:
				return select(NEW_GOAL, '');
			default:
				return null;
		}
	},
	drop(edit, hit, move) {
		const geo = goalsGeometry(edit.model, edit.size);
		if (hit.kind === 'goal') {
			const box = geo.main.find((b) => b.goal.id === hit.id);
			if (!box) return select('goal', hit.id);
			const x = box.x + box.w / 2 + move.to.x - move.from.x;
			const target = goalColumnAt(geo, x);
			if (!target || target === box) return select('goal', hit.id);
			const others = geo.main.filter((b) => b !== box);
			const k = others.filter((b) => b.x + b.w / 2 < x).length;
			moveGoal(
				edit.data,
				hit.id,
				{ after: others[k - 1]?.goal.id ?? null, before: others[k]?.goal.id ?? null },
				edit.origin
			);
			return select('goal', hit.id);
		}
		if (hit.kind !== 'step') return null;
		const found = findStep(edit.model, hit.id);
		const box = geo.main.find((b) => b.goal.id === found?.goal.id);
		const stepBox = box?.steps.find((s) => s.step.id === hit.id);
		if (!found || !box || !stepBox) return select('step', hit.id);
		const y = stepBox.y + stepBox.h / 2 + move.to.y - move.from.y;
		// The stairs go up: steps below the drop point come before it.
		const others = box.steps.filter((s) => s !== stepBox);
		const k = others.filter((s) => s.y + s.h / 2 > y).length;
		const index = box.steps.indexOf(stepBox);
		if (k !== index)
			moveStep(
				edit.data,
				found.goal.id,
				hit.id,
				{ after: others[k - 1]?.step.id ?? null, before: others[k]?.step.id ?? null },
				edit.origin
			);
		return select('step', hit.id);
	},
	remove(edit, selection) {
		if (selection.kind === 'goal') removeGoal(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'step') {
			const found = findStep(edit.model, selection.id);
			if (found) removeStep(edit.data, found.goal.id, selection.id, edit.origin);
		}
	},
	nudge(edit, selection, dx, dy) {
		if (selection.kind === 'step' && dy !== 0) {
			const found = findStep(edit.model, selection.id);
			if (!found) return;
			const steps = found.goal.steps;
			const i = steps.findIndex((s) => s.id === selection.id);
			// Up the stairs (arrow up) is later in the order.
			const target = i - dy;
			if (target < 0 || target >= steps.length) return;
			const others = steps.filter((s) => s.id !== selection.id);
			moveStep(
				edit.data,
				found.goal.id,
				selection.id,
				{ after: others[target - 1]?.id ?? null, before: others[target]?.id ?? null },
				edit.origin
			);
		} else if (selection.kind === 'goal' && dx !== 0) {
			const main = edit.model.goals.filter((g) => g.state === 'active' || g.state === 'waiting');
			const i = main.findIndex((g) => g.id === selection.id);
			const target = i + dx;
			if (i < 0 || target < 0 || target >= main.length) return;
			const others = main.filter((g) => g.id !== selection.id);
			moveGoal(
				edit.data,
				selection.id,
				{ after: others[target - 1]?.id ?? null, before: others[target]?.id ?? null },
				edit.origin
			);
		}
	},
	demo: seedGoalsDemo
};
