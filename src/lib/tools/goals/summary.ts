/** The goal steps in numbers and words: snapshot lists, the PDF and trends (pure). */
import type { Locale, Translate } from '../../i18n';
import { formatDate, parseDate } from '../timeline/dates';
import type { ToolSummary } from '../types';
import { stepsDone, type Goal, type GoalsModel } from './model';

function date(iso: string | null | undefined, locale: Locale): string {
	const d = iso ? parseDate(iso) : null;
	return d ? formatDate(d, locale) : '';
}

/** A goal in words: "Jeg kommer til alle samvær (aktiv) – 1 af 4 trædesten, fremskridt 4/10". */
export function describeGoal(goal: Goal, t: Translate, locale: Locale): string {
	const state = t(`goals.state.${goal.state}`).toLowerCase();
	const reached =
		goal.state === 'reached' && goal.reachedAt
			? ` ${t('goals.reachedOn', { date: date(goal.reachedAt, locale) }).toLowerCase()}`
			: '';
	return `${goal.title} (${state}${reached}) – ${t('goals.summary.steps', {
		done: stepsDone(goal),
		total: goal.steps.length
	})}, ${t('goals.summary.progress', { value: goal.progress })}`;
}

export function summarizeGoals(model: GoalsModel, t: Translate, locale: Locale): ToolSummary {
	const count = (state: Goal['state']) => model.goals.filter((g) => g.state === state).length;
	const steps = model.goals.reduce((n, g) => n + g.steps.length, 0);
	const done = model.goals.reduce((n, g) => n + stepsDone(g), 0);
	const counts = {
		goals: model.goals.length,
		active: count('active'),
		waiting: count('waiting'),
		paused: count('paused'),
		reached: count('reached'),
		steps,
		stepsDone: done
	};
	const items = [
		{ label: t('goals.summary.active'), value: counts.active },
		{ label: t('goals.summary.reached'), value: counts.reached },
		{ label: t('goals.summary.stepsDone'), value: `${done} / ${steps}` }
	];
	if (counts.waiting > 0) items.push({ label: t('goals.state.waiting'), value: counts.waiting });
	if (counts.paused > 0) items.push({ label: t('goals.state.paused'), value: counts.paused });
	const text: string[] = [];
	for (const goal of model.goals) {
		text.push(describeGoal(goal, t, locale));
		if (goal.why) text.push(`  ${t('goals.field.why')}: ${goal.why}`);
		for (const step of goal.steps) {
			const who = step.who ? model.people.get(step.who)?.name : undefined;
			const extra = [
				step.done
					? step.doneAt
						? t('goals.step.reachedOn', { date: date(step.doneAt, locale) })
						: t('goals.step.reached')
					: '',
				who ? t('goals.step.who', { name: who }) : '',
				!step.done && step.due ? t('goals.step.due', { date: date(step.due, locale) }) : ''
			].filter(Boolean);
			text.push(
				`  ${step.done ? '☑' : '☐'} ${step.text}${extra.length ? ` (${extra.join(', ')})` : ''}`
			);
		}
	}
	// The case's trends (ToolSummary.trend): goals by status, stepping stones done of all.
	const trend = {
		'goals.active': counts.active + counts.waiting,
		'goals.reached': counts.reached,
		'goals.paused': counts.paused,
		'steps.done': done,
		'steps.total': steps
	};
	return { counts, items, text, trend };
}
