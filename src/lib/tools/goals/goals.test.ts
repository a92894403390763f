import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carryForward } from '../../board/carry-forward';
import { initBoard } from '../../board/doc';
import { LOCAL_ORIGIN } from '../../board/origin';
import { translator } from '../../i18n';
import { demoDoc, writeSvg } from '../../../../tests/helpers/demo-tools';
import { toolData } from '../data';
import { renderSvg } from '../draw/svg';
import { contentSize, frameLayout } from '../frame';
import type { ToolData, ToolEdit } from '../types';
import { goals } from './index';
import { generate } from './generate';
import { goalsGeometry, layoutGoals } from './layout';
import { activeGoalIds, readGoals, type GoalsModel } from './model';
import {
	addGoal,
	addStep,
	goalFromCard,
	goalProblems,
	moveStep,
	removeStep,
	setGoalStatus,
	splitStep,
	toggleStep,
	updateGoal,
	updateStep
} from './ops';
import { diffGoals } from './diff';
import { summarizeGoals } from './summary';

const t = translator('da');
const context = { t, locale: 'da' as const, today: '2026-12-01', selected: null };

function board(): { doc: Y.Doc; data: ToolData } {
	const doc = new Y.Doc();
	initBoard(doc);
	return { doc, data: toolData(doc, 'goals') };
}

function replica(doc: Y.Doc): { doc: Y.Doc; data: ToolData } {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return { doc: copy, data: toolData(copy, 'goals') };
}

function syncAll(docs: Y.Doc[]): void {
	for (const a of docs)
		for (const b of docs)
			if (a !== b) Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
}

const states = (data: ToolData) =>
	Object.fromEntries(readGoals(data).goals.map((g) => [g.id, g.state]));

function edit(data: ToolData, readOnly = false): ToolEdit<GoalsModel> {
	return {
		data,
		model: readGoals(data),
		size: contentSize(goals.size.w, goals.size.h),
		userId: 'demo-line',
		readOnly,
		origin: LOCAL_ORIGIN,
		context,
		viewScale: 1
	};
}

describe('the three active goals', () => {
	it('refuses a fourth active goal with a friendly message, changing nothing', () => {
		const { doc, data } = board();
		for (const [i, title] of ['Samvær', 'Skole', 'Bolig'].entries())
			expect(addGoal(data, `g${i}`, { title }, 1000 + i)).toBe(true);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(goalProblems(data, { title: 'Arbejde' }, true)).toEqual(['goals.error.tooMany']);
		expect(addGoal(data, 'g4', { title: 'Arbejde' }, 2000)).toBe(false);
		expect(addGoal(data, 'g5', { title: '  ' }, 2000)).toBe(false);
		expect(updates).toBe(0);
		expect(t('goals.error.tooMany')).toMatch(/^I har allerede tre aktive mål/);
		// A paused goal is fine, but it cannot become active while three are.
		expect(addGoal(data, 'g4', { title: 'Arbejde', status: 'paused' }, 2000)).toBe(true);
		expect(setGoalStatus(data, 'g4', 'active', 3000)).toBe(false);
		expect(setGoalStatus(data, 'g1', 'reached', 3000)).toBe(true);
		expect(setGoalStatus(data, 'g4', 'active', 4000)).toBe(true);
		expect(states(data)).toEqual({ g0: 'active', g2: 'active', g4: 'active', g1: 'reached' });
		expect(readGoals(data).goals.find((g) => g.id === 'g1')?.reachedAt).toMatch(/^\d{4}-/);
	});

	it('resolves a concurrent fourth the same on every client: the newest waits until one is closed', () => {
		const base = board();
		addGoal(base.data, 'a', { title: 'Samvær' }, 1000);
		addGoal(base.data, 'b', { title: 'Skole' }, 1100);
		const one = replica(base.doc);
		const two = replica(base.doc);
		// Each client sees two active goals and adds a third.
		expect(addGoal(one.data, 'c', { title: 'Bolig' }, 5000)).toBe(true);
		expect(addGoal(two.data, 'd', { title: 'Arbejde' }, 5001)).toBe(true);
		syncAll([base.doc, one.doc, two.doc]);
		for (const side of [base, one, two]) {
			expect(states(side.data)).toEqual({ a: 'active', b: 'active', c: 'active', d: 'waiting' });
			expect(readGoals(side.data).goals.map((g) => g.id)).toEqual(['a', 'b', 'c', 'd']);
		}
		// Nobody can add a fifth meanwhile; closing one lets the waiting goal move up everywhere.
		expect(addGoal(one.data, 'e', { title: 'Mere' }, 6000)).toBe(false);
		setGoalStatus(two.data, 'a', 'paused', 7000);
		syncAll([base.doc, one.doc, two.doc]);
		for (const side of [base, one, two])
			expect(states(side.data)).toEqual({ b: 'active', c: 'active', d: 'active', a: 'paused' });
	});

	it(
		'agrees on at most three active goals whatever clients add concurrently',
		{ timeout: 60_000 },
		() => {
			fc.assert(
				fc.property(
					fc.array(
						fc.record({
							client: fc.integer({ min: 0, max: 2 }),
							at: fc.integer({ min: 0, max: 50 }),
							status: fc.constantFrom('active', 'active', 'paused' as const)
						}),
						{ maxLength: 12 }
					),
					(adds) => {
						const base = board();
						const clients = [replica(base.doc), replica(base.doc), replica(base.doc)];
						adds.forEach((a, i) =>
							addGoal(
								clients[a.client]!.data,
								`g${i}`,
								{ title: `Mål ${i}`, status: a.status },
								a.at
							)
						);
						syncAll(clients.map((c) => c.doc));
						const views = clients.map((c) => states(c.data));
						expect(views[1]).toEqual(views[0]);
						expect(views[2]).toEqual(views[0]);
						const active = Object.values(views[0]!).filter((s) => s === 'active').length;
						expect(active).toBeLessThanOrEqual(3);
						const wanted = adds.filter((a) => a.status === 'active').length;
						expect(active).toBe(Math.min(3, wanted));
					}
				),
				{ numRuns: 80, seed: 3 }
			);
			expect(
				activeGoalIds([
					{ id: 'x', status: 'active', activeSince: 5 },
					{ id: 'w', status: 'active', activeSince: 5 },
					{ id: 'v', status: 'active', activeSince: 1 },
					{ id: 'u', status: 'active', activeSince: 9 }
				])
			).toEqual(new Set(['v', 'w', 'x']));
		}
	);
});

describe('goals and steps', () => {
	it('adds, ticks, reorders, splits and removes steps; a reached step keeps its date', () => {
		const { data } = board();
		addGoal(data, 'g', { title: 'Komme til tiden', why: 'Børnene venter', owner: 'person-line' });
		expect(
			addStep(data, 'g', 's1', { text: 'Vækkeur', who: 'person-jonas', due: '2026-12-10' })
		).toBe(true);
		addStep(data, 'g', 's2', { text: 'Bus kl. 8' });
		addStep(data, 'g', 's0', { text: 'Først' }, null);
		moveStep(data, 'g', 's0', { after: null, before: 's1' });
		expect(readGoals(data).goals[0]!.steps.map((s) => s.id)).toEqual(['s0', 's1', 's2']);
		expect(toggleStep(data, 'g', 's1', true, '2026-12-03')).toBe(true);
		let step = readGoals(data).goals[0]!.steps[1]!;
		expect([step.done, step.doneAt]).toEqual([true, '2026-12-03']);
		toggleStep(data, 'g', 's1', true, '2026-12-09');
		expect(readGoals(data).goals[0]!.steps[1]!.doneAt).toBe('2026-12-03');
		toggleStep(data, 'g', 's1', false, '2026-12-09');
		step = readGoals(data).goals[0]!.steps[1]!;
		expect([step.done, step.doneAt ?? null]).toEqual([false, null]);
		expect(splitStep(data, 'g', 's2', 's3', 'Køb buskort', 'Tag bussen kl. 8')).toBe(true);
		expect(readGoals(data).goals[0]!.steps.map((s) => [s.id, s.text])).toEqual([
			['s0', 'Først'],
			['s1', 'Vækkeur'],
			['s2', 'Køb buskort'],
			['s3', 'Tag bussen kl. 8']
		]);
		removeStep(data, 'g', 's0');
		expect(readGoals(data).goals[0]!.steps).toHaveLength(3);
		// Bad input changes nothing.
		expect(addStep(data, 'g', 'bad', { text: ' ' })).toBe(false);
		expect(updateStep(data, 'g', 's1', { due: '2026-13-01' })).toBe(false);
		expect(updateGoal(data, 'g', { progress: 11 })).toBe(false);
		expect(updateGoal(data, 'g', { progress: 6 })).toBe(true);
		expect(readGoals(data).goals[0]!.progress).toBe(6);
	});

	it('two people changing one step keep both changes', () => {
		const base = board();
		addGoal(base.data, 'g', { title: 'Mål' });
		addStep(base.data, 'g', 's', { text: 'Ring til skolen' });
		const other = replica(base.doc);
		toggleStep(base.data, 'g', 's', true, '2026-12-01');
		updateStep(other.data, 'g', 's', { who: 'person-birgit' });
		syncAll([base.doc, other.doc]);
		for (const side of [base, other])
			expect(readGoals(side.data).goals[0]!.steps[0]).toMatchObject({
				done: true,
				who: 'person-birgit'
			});
	});

	it('makes a goal from a "Hvad skal der ske?" card, carrying its text', () => {
		const { data } = board();
		expect(
			goalFromCard(data, 'g', { id: 'card-1', text: '  Line ringer dagen før  ' }, 'person-line')
		).toBe(true);
		expect(readGoals(data).goals[0]).toMatchObject({
			title: 'Line ringer dagen før',
			source: 'card-1',
			owner: 'person-line',
			state: 'active'
		});
	});

	it('ticks a step and sets the progress by tapping the stairs, never on a read-only board', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'goals');
		const hit = { kind: 'step-toggle', id: 'step-shifts' };
		expect(goals.tap!(edit(data, true), hit, { x: 0, y: 0 })).toEqual({
			tool: 'goals',
			kind: 'step',
			id: 'step-shifts'
		});
		expect(readGoals(data).goals[0]!.steps[1]!.done).toBe(false);
		goals.tap!(edit(data), hit, { x: 0, y: 0 });
		expect(readGoals(data).goals[0]!.steps[1]).toMatchObject({ done: true, doneAt: '2026-12-01' });
		const box = goalsGeometry(readGoals(data), edit(data).size).main[0]!;
		goals.tap!(edit(data), { kind: 'progress', id: 'goal-visits' }, { x: 0, y: box.bar.y });
		expect(readGoals(data).goals[0]!.progress).toBe(10);
	});

	it('drags a step up the stairs and moves it with the arrow keys', () => {
		const doc = demoDoc();
		const data = toolData(doc, 'goals');
		const e = edit(data);
		const box = goalsGeometry(e.model, e.size).main[0]!;
		const [first, , third] = box.steps;
		goals.drop!(
			e,
			{ kind: 'step', id: 'step-calendar', draggable: true },
			{ from: { x: 0, y: first!.y }, to: { x: 0, y: third!.y - 4 } }
		);
		expect(readGoals(data).goals[0]!.steps.map((s) => s.id)).toEqual([
			'step-shifts',
			'step-call',
			'step-calendar',
			'step-four'
		]);
		goals.nudge!(edit(data), { tool: 'goals', kind: 'step', id: 'step-calendar' }, 0, 1, false);
		expect(readGoals(data).goals[0]!.steps.map((s) => s.id)).toEqual([
			'step-shifts',
			'step-calendar',
			'step-call',
			'step-four'
		]);
	});
});

describe('goals summary, diff, pictures and the next meeting', () => {
	it('summarises the demo goals with steps done and total', () => {
		const model = readGoals(toolData(demoDoc(), 'goals'));
		const summary = summarizeGoals(model, t, 'da');
		expect(summary.counts).toEqual({
			goals: 2,
			active: 2,
			waiting: 0,
			paused: 0,
			reached: 0,
			steps: 7,
			stepsDone: 1
		});
		expect(summary.text[0]).toBe(
			'Jeg kommer til alle samvær – og til tiden (aktiv) – 1 af 4 trædesten nået, fremskridt 4/10'
		);
		expect(summary.text).toContain(
			'  ☑ Skrive alle samvær ind i kalenderen på telefonen (Nået 10. nov. 2026, Hjælper: Jonas)'
		);
	});

	it('tells what changed: step ticked, goal reached, progress', () => {
		const data = toolData(demoDoc(), 'goals');
		const before = readGoals(data);
		toggleStep(data, 'goal-visits', 'step-shifts', true, '2026-12-02');
		updateGoal(data, 'goal-calm', { progress: 5 });
		setGoalStatus(data, 'goal-calm', 'reached');
		addStep(data, 'goal-visits', 'new', { text: 'Købe en kalender' });
		const entries = diffGoals(before, readGoals(data), t, 'da');
		expect(entries).toEqual(
			expect.arrayContaining([
				{
					kind: 'changed',
					id: 'step-shifts',
					text: 'Jeg kommer til alle samvær – og til tiden: trædesten nået – Bytte vagter, så jeg har fri hver anden lørdag'
				},
				{
					kind: 'changed',
					id: 'goal-calm',
					text: 'Målet er nået: Sara og Mikkel skal høre mig og Carsten tale pænt sammen'
				},
				{
					kind: 'changed',
					id: 'goal-calm',
					text: 'Sara og Mikkel skal høre mig og Carsten tale pænt sammen: fremskridt 3 → 5'
				},
				{
					kind: 'added',
					id: 'new',
					text: 'Jeg kommer til alle samvær – og til tiden: ny trædesten – Købe en kalender'
				}
			])
		);
		expect(diffGoals(before, before, t, 'da')).toEqual([]);
	});

	it('draws the demo goals as stairs in SVG', () => {
		const model = readGoals(toolData(demoDoc(), 'goals'));
		const svg = renderSvg(frameLayout(goals, model, goals.size.w, goals.size.h, context));
		writeSvg('goals', svg);
		for (const text of [
			'Måltrappe',
			'Jeg kommer til alle samvær',
			'Skrive alle samvær ind i',
			'Nået 10. nov. 2026',
			'4/10',
			'1 af 4 trin nået',
			'I dag',
			'Plads til et mål mere'
		])
			expect(svg).toContain(text);
	});

	it('carries the goals to the next meeting with the last progress kept', () => {
		const before = demoDoc();
		const next = new Y.Doc();
		next.transact(() => {
			initBoard(next);
			carryForward(before, next);
		});
		const model = readGoals(toolData(next, 'goals'));
		expect(model.goals.map((g) => [g.id, g.progress, g.previousProgress, g.steps.length])).toEqual([
			['goal-visits', 4, 4, 4],
			['goal-calm', 3, 3, 3]
		]);
		expect(readGoals(toolData(before, 'goals')).goals[0]!.previousProgress).toBeUndefined();
	});
});

describe('goals generate', () => {
	it('fills plausible goals with steps, the same for the same seed', () => {
		const make = (seed: number) => {
			const { data } = board();
			generate(data, 12, seed);
			return readGoals(data);
		};
		const a = make(5);
		expect(a.goals).toHaveLength(12);
		expect(a.goals.filter((g) => g.state === 'active')).toHaveLength(3);
		expect(a.goals.every((g) => g.steps.length >= 2)).toBe(true);
		expect(make(5)).toEqual(a);
		expect(
			layoutGoals(a, contentSize(goals.size.w, goals.size.h), context).shapes.length
		).toBeGreaterThan(10);
	});
});
