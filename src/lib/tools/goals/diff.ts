/** What changed in the goal steps between two states (pure): goals and their steps by id. */
import type { Locale, Translate } from '../../i18n';
import type { DiffEntry } from '../types';
import type { Goal, GoalStep, GoalsModel } from './model';

function stepChanges(goal: Goal, a: GoalStep, b: GoalStep, t: Translate): DiffEntry[] {
	const out: DiffEntry[] = [];
	const where = { goal: goal.title, step: b.text };
	if (!a.done && b.done)
		out.push({ kind: 'changed', id: b.id, text: t('goals.diff.stepTicked', where) });
	else if (a.done && !b.done)
		out.push({ kind: 'changed', id: b.id, text: t('goals.diff.stepUnticked', where) });
	const other: string[] = [];
	if (a.text !== b.text) other.push(t('goals.diff.stepText', { from: a.text }));
	if ((a.who ?? '') !== (b.who ?? '')) other.push(t('goals.diff.stepWho'));
	if ((a.due ?? '') !== (b.due ?? '')) other.push(t('goals.diff.stepDue'));
	if (other.length > 0)
		out.push({
			kind: 'changed',
			id: b.id,
			text: `${t('goals.diff.step', where)}: ${other.join('; ')}`
		});
	return out;
}

function goalChanges(a: Goal, b: Goal, t: Translate): DiffEntry[] {
	const out: DiffEntry[] = [];
	const changes: string[] = [];
	if (a.state !== b.state) {
		if (b.state === 'reached')
			out.push({ kind: 'changed', id: b.id, text: t('goals.diff.reached', { title: b.title }) });
		else
			changes.push(
				t('goals.diff.state', {
					from: t(`goals.state.${a.state}`).toLowerCase(),
					to: t(`goals.state.${b.state}`).toLowerCase()
				})
			);
	}
	if (a.title !== b.title) changes.push(t('goals.diff.title', { from: a.title }));
	if (a.why !== b.why) changes.push(t('goals.diff.why'));
	if ((a.owner ?? '') !== (b.owner ?? '')) changes.push(t('goals.diff.owner'));
	if (a.progress !== b.progress)
		changes.push(t('goals.diff.progress', { from: a.progress, to: b.progress }));
	if (changes.length > 0)
		out.push({ kind: 'changed', id: b.id, text: `${b.title}: ${changes.join('; ')}` });
	const was = new Map(a.steps.map((s) => [s.id, s]));
	const now = new Map(b.steps.map((s) => [s.id, s]));
	for (const step of b.steps) {
		const old = was.get(step.id);
		if (!old)
			out.push({
				kind: 'added',
				id: step.id,
				text: t(step.done ? 'goals.diff.stepAddedDone' : 'goals.diff.stepAdded', {
					goal: b.title,
					step: step.text
				})
			});
		else out.push(...stepChanges(b, old, step, t));
	}
	for (const step of a.steps)
		if (!now.has(step.id))
			out.push({
				kind: 'removed',
				id: step.id,
				text: t('goals.diff.stepRemoved', { goal: b.title, step: step.text })
			});
	return out;
}

export function diffGoals(
	before: GoalsModel,
	after: GoalsModel,
	t: Translate,
	_locale: Locale
): DiffEntry[] {
	const out: DiffEntry[] = [];
	const was = new Map(before.goals.map((g) => [g.id, g]));
	const now = new Map(after.goals.map((g) => [g.id, g]));
	for (const goal of after.goals) {
		const old = was.get(goal.id);
		if (!old)
			out.push({
				kind: 'added',
				id: goal.id,
				text: t('goals.diff.added', {
					title: goal.title,
					state: t(`goals.state.${goal.state}`).toLowerCase(),
					steps: goal.steps.length
				})
			});
		else out.push(...goalChanges(old, goal, t));
	}
	for (const goal of before.goals)
		if (!now.has(goal.id))
			out.push({
				kind: 'removed',
				id: goal.id,
				text: t('goals.diff.removed', { title: goal.title })
			});
	return out;
}
