/**
 * Trends from the tools' summaries, proven with fake summaries: the Signs of Safety and goals
 * tools may not be registered, so the keys are given here as those tools document them
 * (src/lib/tools/types.ts `ToolSummary.trend`).
 */
import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { goalsChart, goalsTable, safetyChart, safetyTable } from './charts';
import type { DisplayList, Shape } from '../tools/draw/display';
import {
	hasGoalData,
	hasSafetyData,
	preferenceOrder,
	trendPoint,
	trendPoints,
	type TrendSnapshot
} from './trends';

const t = translator('da');

const sos = (trend: Record<string, number>) => ({ trend });
function snapshot(id: string, at: string, tools: TrendSnapshot['tools']): TrendSnapshot {
	return { snapshotId: id, meetingId: `m-${id}`, meetingTitle: `Møde ${id}`, at, tools };
}

const FIRST = snapshot('a', '2026-01-10T10:00:00.000Z', {
	sos: sos({
		'overall.parents.median': 4,
		'overall.parents.min': 3,
		'overall.parents.max': 5,
		'overall.professionals.median': 3,
		'overall.professionals.min': 2,
		'overall.professionals.max': 4,
		'overall.network.median': 5,
		'overall.count': 6
	}),
	goals: sos({
		'goals.active': 2,
		'goals.reached': 0,
		'goals.paused': 0,
		'steps.done': 1,
		'steps.total': 6
	})
});
const SECOND = snapshot('b', '2026-02-20T10:00:00.000Z', {
	sos: sos({ 'overall.parents.median': 6, 'overall.professionals.median': 5, 'overall.count': 4 }),
	goals: sos({ 'goals.active': 1, 'goals.reached': 1, 'steps.done': 4, 'steps.total': 6 })
});

describe('trendPoint', () => {
	it('reads every documented key', () => {
		expect(trendPoint(FIRST)).toEqual({
			snapshotId: 'a',
			meetingId: 'm-a',
			meetingTitle: 'Møde a',
			at: FIRST.at,
			safety: {
				parents: { median: 4, min: 3, max: 5 },
				professionals: { median: 3, min: 2, max: 4 },
				network: { median: 5 },
				count: 6
			},
			goals: { active: 2, reached: 0, paused: 0 },
			steps: { done: 1, total: 6 }
		});
	});

	it('a missing tool or key is null for that series, never an error', () => {
		const onlyTimeline = snapshot('c', '2026-03-01T00:00:00.000Z', {
			timeline: { trend: undefined }
		});
		const point = trendPoint(onlyTimeline);
		expect(point.safety).toEqual({
			parents: { median: null, min: null, max: null },
			professionals: { median: null, min: null, max: null },
			network: { median: null },
			count: null
		});
		expect(point.goals).toEqual({ active: null, reached: null, paused: null });
		expect(point.steps).toEqual({ done: null, total: null });
		const partial = trendPoint(SECOND);
		expect(partial.safety.parents).toEqual({ median: 6, min: null, max: null });
		expect(partial.goals.paused).toBeNull();
		// Not a number is no data either.
		const odd = trendPoint(
			snapshot('d', '2026-03-02T00:00:00.000Z', {
				sos: { trend: { 'overall.parents.median': Number.NaN } }
			})
		);
		expect(odd.safety.parents.median).toBeNull();
	});

	it('orders points by time and tells whether there is data to draw', () => {
		const points = trendPoints([SECOND, FIRST]);
		expect(points.map((p) => p.snapshotId)).toEqual(['a', 'b']);
		expect(hasSafetyData(points)).toBe(true);
		expect(hasGoalData(points)).toBe(true);
		const none = trendPoints([snapshot('x', '2026-01-01T00:00:00.000Z', {})]);
		expect(hasSafetyData(none)).toBe(false);
		expect(hasGoalData(none)).toBe(false);
	});

	it('prefers the snapshot saved when the meeting ended, then the newest', () => {
		const rows = [
			{ id: '1', reason: 'manual', createdAt: '2026-01-01T11:00:00Z' },
			{ id: '2', reason: 'meeting-ended', createdAt: '2026-01-01T10:00:00Z' },
			{ id: '3', reason: 'manual', createdAt: '2026-01-01T12:00:00Z' }
		];
		expect(preferenceOrder(rows).map((r) => r.id)).toEqual(['2', '3', '1']);
	});
});

function texts(list: DisplayList): string[] {
	const out: string[] = [];
	const walk = (shapes: Shape[]) => {
		for (const s of shapes) {
			if (s.type === 'text') out.push(...s.lines);
			if (s.type === 'group') walk(s.children);
		}
	};
	walk(list.shapes);
	return out;
}

describe('trend charts', () => {
	const points = trendPoints([FIRST, SECOND]);

	it('draws a marker at each median, a whisker for each spread, and names the groups', () => {
		const chart = safetyChart(points, t, 'da');
		const words = texts(chart);
		expect(words).toEqual(expect.arrayContaining(['Forældre', 'Fagpersoner', 'Netværk']));
		expect(words).toContain('Møde a');
		// Parents' markers are circles: one per meeting with a parents' median (plus the legend's).
		const circles = chart.shapes.filter((s) => s.type === 'ellipse');
		expect(circles).toHaveLength(3);
		// Higher rating is higher on the chart (smaller y).
		const [, first, second] = circles as { cy: number }[];
		expect(second!.cy).toBeLessThan(first!.cy);
		expect(words).not.toContain('Ingen vurderinger på sikkerhedsskalaen endnu');
	});

	it('says so when there is nothing to draw', () => {
		const empty = trendPoints([snapshot('x', '2026-01-01T00:00:00.000Z', {})]);
		expect(texts(safetyChart(empty, t, 'da'))).toContain(
			'Ingen vurderinger på sikkerhedsskalaen endnu'
		);
		expect(texts(goalsChart(empty, t, 'da'))).toContain('Ingen mål endnu');
	});

	it('has tables with the same numbers', () => {
		const safety = safetyTable(points, t, 'da');
		expect(safety.head).toEqual([
			'Møde',
			'Forældre',
			'Fagpersoner',
			'Netværk',
			'Antal vurderinger'
		]);
		expect(safety.rows[0]).toEqual(['10. jan. 2026 · Møde a', '4 (3–5)', '3 (2–4)', '5', '6']);
		expect(safety.rows[1]).toEqual(['20. feb. 2026 · Møde b', '6', '5', '–', '4']);
		const goals = goalsTable(points, t, 'da');
		expect(goals.rows[1]).toEqual(['20. feb. 2026 · Møde b', '1', '1', '–', '4 af 6']);
		// Bars for steps: the total outlined, the done part filled.
		const bars = goalsChart(points, t, 'da').shapes.filter(
			(s) => s.type === 'rect' && s.h > 0 && s.w <= 56 && s.w > 30
		);
		expect(bars).toHaveLength(4);
	});
});

describe('trends from the real tools', () => {
	it('reads the demo case’s Signs of Safety ratings and goal steps through their summaries', async () => {
		const Y = await import('yjs');
		const { initBoard } = await import('../board/doc');
		const { toolData } = await import('../tools/data');
		const { toolDefinition } = await import('../tools/registry');
		const doc = new Y.Doc();
		initBoard(doc);
		const tools: TrendSnapshot['tools'] = {};
		for (const id of ['sos', 'goals'] as const) {
			const def = toolDefinition(id)!;
			def.demo!(toolData(doc, id), new Date('2026-12-01T10:00:00Z'));
			tools[id] = def.summary(def.read(toolData(doc, id)), t, 'da');
		}
		const point = trendPoint(snapshot('demo', '2026-11-10T10:00:00.000Z', tools));
		// The demo has ratings by Line and Carsten (parents) and Anne and Jonas (professionals).
		expect(point.safety.parents.median).not.toBeNull();
		expect(point.safety.professionals.median).not.toBeNull();
		expect(point.safety.count).toBe(4);
		expect(point.goals.active).toBe(2);
		expect(point.steps.total).toBeGreaterThan(point.steps.done!);
		expect(hasSafetyData([point]) && hasGoalData([point])).toBe(true);
	});
});
