/**
 * The case's trend charts as display lists (pure): drawn by the tools' SVG renderer, so the same
 * chart is on the case page and in the PDF, with the text metrics of the font both use. Hand-rolled
 * rather than d3-scale/d3-shape: an ordinal x axis and a 0–10 (or small count) y axis are a few
 * lines of arithmetic, and the display list is the project's one drawing format.
 *
 * Readable in black and white: every series differs by line dash and marker shape, not colour
 * alone. Each chart has a table with the same numbers (`safetyTable`, `goalsTable`).
 */
import { formatDate, type Locale, type Translate } from '../i18n';
import type { DisplayList, Shape } from '../tools/draw/display';
import { ellipsize, textWidth } from '../tools/draw/text';
import type { Spread, TrendPoint } from './trends';
import { hasGoalData, hasSafetyData } from './trends';

export const CHART_SIZE = { width: 960, height: 460 } as const;
const M = { left: 64, right: 28, top: 96, bottom: 92 };
const INK = '#1b1f24';
const GRID = '#d5dae1';
const MUTED = '#4b5563';
const LABEL = 18;

interface Series {
	label: string;
	color: string;
	dash?: number[];
	marker: 'circle' | 'square' | 'triangle';
	/** Horizontal offset, so the whiskers of several series at one meeting do not overlap. */
	offset: number;
	values: (Spread | null)[];
}

function marker(kind: Series['marker'], x: number, y: number, color: string): Shape {
	const r = 7;
	switch (kind) {
		case 'circle':
			return { type: 'ellipse', cx: x, cy: y, rx: r, ry: r, fill: color, stroke: color };
		case 'square':
			return {
				type: 'rect',
				x: x - r,
				y: y - r,
				w: 2 * r,
				h: 2 * r,
				fill: '#ffffff',
				stroke: color,
				strokeWidth: 3
			};
		case 'triangle':
			return {
				type: 'line',
				points: [x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r],
				closed: true,
				fill: color,
				stroke: color,
				strokeWidth: 1
			};
	}
}

/** The line through consecutive points that have a value (a gap breaks it). */
function polylines(points: ({ x: number; y: number } | null)[]): number[][] {
	const out: number[][] = [];
	let current: number[] = [];
	for (const p of points) {
		if (p) current.push(p.x, p.y);
		else {
			if (current.length >= 4) out.push(current);
			current = [];
		}
	}
	if (current.length >= 4) out.push(current);
	return out;
}

interface Frame {
	plot: { x0: number; x1: number; y0: number; y1: number };
	xAt: (i: number) => number;
	shapes: Shape[];
}

/** Title, legend, axes with grid and the meetings along x. */
function chartFrame(
	title: string,
	points: TrendPoint[],
	yMax: number,
	yTicks: number[],
	legend: {
		label: string;
		color: string;
		dash?: number[];
		marker: Series['marker'] | 'bar' | 'barOutline';
	}[],
	locale: Locale
): Frame & { yAt: (v: number) => number } {
	const { width, height } = CHART_SIZE;
	const plot = { x0: M.left, x1: width - M.right, y0: M.top, y1: height - M.bottom };
	const n = Math.max(1, points.length);
	const step = (plot.x1 - plot.x0) / n;
	const xAt = (i: number) => plot.x0 + step * (i + 0.5);
	const yAt = (v: number) => plot.y1 - (v / yMax) * (plot.y1 - plot.y0);
	const shapes: Shape[] = [
		{ type: 'rect', x: 0, y: 0, w: width, h: height, fill: '#ffffff' },
		{ type: 'text', x: 8, y: 4, lines: [title], size: 24, bold: true, color: INK }
	];
	// Legend in one row under the title.
	let lx = 8;
	for (const item of legend) {
		const y = 54;
		if (item.marker === 'bar' || item.marker === 'barOutline')
			shapes.push({
				type: 'rect',
				x: lx,
				y: y - 8,
				w: 22,
				h: 16,
				fill: item.marker === 'bar' ? item.color : '#ffffff',
				stroke: item.color,
				strokeWidth: 2
			});
		else {
			shapes.push({
				type: 'line',
				points: [lx, y, lx + 34, y],
				stroke: item.color,
				strokeWidth: 3,
				dash: item.dash
			});
			shapes.push(marker(item.marker, lx + 17, y, item.color));
		}
		const textX = lx + 42;
		shapes.push({
			type: 'text',
			x: textX,
			y: y - LABEL * 0.625,
			lines: [item.label],
			size: LABEL,
			color: INK
		});
		lx = textX + textWidth(item.label, LABEL) + 28;
	}
	for (const v of yTicks) {
		const y = yAt(v);
		shapes.push({
			type: 'line',
			points: [plot.x0, y, plot.x1, y],
			stroke: v === 0 ? INK : GRID,
			strokeWidth: v === 0 ? 2 : 1
		});
		shapes.push({
			type: 'text',
			x: plot.x0 - 10,
			y: y - LABEL * 0.625,
			lines: [String(v)],
			size: LABEL,
			color: MUTED,
			align: 'right'
		});
	}
	shapes.push({
		type: 'line',
		points: [plot.x0, plot.y0, plot.x0, plot.y1],
		stroke: INK,
		strokeWidth: 2
	});
	points.forEach((p, i) => {
		const x = xAt(i);
		const max = step - 8;
		shapes.push({
			type: 'text',
			x,
			y: plot.y1 + 10,
			lines: [
				ellipsize(formatDate(locale, p.at), max, LABEL),
				ellipsize(p.meetingTitle, max, LABEL)
			],
			size: LABEL,
			color: INK,
			align: 'center'
		});
	});
	return { plot, xAt, yAt, shapes };
}

function noData(list: DisplayList, text: string): DisplayList {
	const { width, height } = CHART_SIZE;
	list.shapes.push({
		type: 'text',
		x: width / 2,
		y: height / 2 - 12,
		lines: [text],
		size: 20,
		color: MUTED,
		align: 'center'
	});
	return list;
}

/** The overall safety scale per meeting: median and spread (min–max), by role group. */
export function safetyChart(points: TrendPoint[], t: Translate, locale: Locale): DisplayList {
	const all: Series[] = [
		{
			label: t('review.trends.parents'),
			color: '#1d4e89',
			marker: 'circle',
			offset: -10,
			values: points.map((p) => p.safety.parents)
		},
		{
			label: t('review.trends.professionals'),
			color: '#8a4b00',
			dash: [10, 6],
			marker: 'square',
			offset: 10,
			values: points.map((p) => p.safety.professionals)
		},
		{
			label: t('review.trends.network'),
			color: '#2f6b2f',
			dash: [3, 5],
			marker: 'triangle',
			offset: 0,
			values: points.map((p) =>
				p.safety.network.median === null ? null : { ...p.safety.network, min: null, max: null }
			)
		}
	];
	const series = all.filter((s) => s.values.some((v) => v !== null && v.median !== null));
	const frame = chartFrame(
		t('review.trends.safetyTitle'),
		points,
		10,
		[0, 2, 4, 6, 8, 10],
		series.map((s) => ({ label: s.label, color: s.color, dash: s.dash, marker: s.marker })),
		locale
	);
	const list: DisplayList = { ...CHART_SIZE, shapes: frame.shapes };
	if (!hasSafetyData(points)) return noData(list, t('review.trends.noSafety'));
	for (const s of series) {
		const at = s.values.map((v, i) =>
			v && v.median !== null ? { x: frame.xAt(i) + s.offset, y: frame.yAt(v.median) } : null
		);
		// Spread first (under the line): a whisker from min to max with end caps.
		s.values.forEach((v, i) => {
			if (!v || v.min === null || v.max === null) return;
			const x = frame.xAt(i) + s.offset;
			const [y0, y1] = [frame.yAt(v.min), frame.yAt(v.max)];
			list.shapes.push(
				{ type: 'line', points: [x, y0, x, y1], stroke: s.color, strokeWidth: 3 },
				{ type: 'line', points: [x - 7, y0, x + 7, y0], stroke: s.color, strokeWidth: 3 },
				{ type: 'line', points: [x - 7, y1, x + 7, y1], stroke: s.color, strokeWidth: 3 }
			);
		});
		for (const pts of polylines(at))
			list.shapes.push({
				type: 'line',
				points: pts,
				stroke: s.color,
				strokeWidth: 3,
				dash: s.dash,
				cap: 'round'
			});
		for (const p of at) if (p) list.shapes.push(marker(s.marker, p.x, p.y, s.color));
	}
	return list;
}

/** A round upper bound for counts (at least 4), and its ticks. */
function countAxis(max: number): { top: number; ticks: number[] } {
	const top = Math.max(4, Math.ceil(max / 2) * 2);
	const every = top <= 10 ? (top <= 6 ? 1 : 2) : Math.ceil(top / 5);
	const ticks: number[] = [];
	for (let v = 0; v <= top; v += every) ticks.push(v);
	return { top, ticks };
}

/** Goal progress per meeting: steps done of all steps (bars), goals reached and active (lines). */
export function goalsChart(points: TrendPoint[], t: Translate, locale: Locale): DisplayList {
	const max = Math.max(
		0,
		...points.flatMap((p) => [
			p.steps.total ?? 0,
			p.steps.done ?? 0,
			p.goals.active ?? 0,
			p.goals.reached ?? 0
		])
	);
	const axis = countAxis(max);
	const stepColor = '#374151';
	const reached = '#2f6b2f';
	const active = '#1d4e89';
	const frame = chartFrame(
		t('review.trends.goalsTitle'),
		points,
		axis.top,
		axis.ticks,
		[
			{ label: t('review.trends.stepsTotal'), color: stepColor, marker: 'barOutline' },
			{ label: t('review.trends.stepsDone'), color: stepColor, marker: 'bar' },
			{ label: t('review.trends.goalsReached'), color: reached, marker: 'circle' },
			{ label: t('review.trends.goalsActive'), color: active, dash: [10, 6], marker: 'square' }
		],
		locale
	);
	const list: DisplayList = { ...CHART_SIZE, shapes: frame.shapes };
	if (!hasGoalData(points)) return noData(list, t('review.trends.noGoals'));
	const barW = Math.min(56, ((frame.plot.x1 - frame.plot.x0) / Math.max(1, points.length)) * 0.4);
	points.forEach((p, i) => {
		const x = frame.xAt(i) - barW / 2;
		if (p.steps.total !== null && p.steps.total > 0)
			list.shapes.push({
				type: 'rect',
				x,
				y: frame.yAt(p.steps.total),
				w: barW,
				h: frame.yAt(0) - frame.yAt(p.steps.total),
				fill: '#ffffff',
				stroke: stepColor,
				strokeWidth: 2
			});
		if (p.steps.done !== null && p.steps.done > 0)
			list.shapes.push({
				type: 'rect',
				x,
				y: frame.yAt(p.steps.done),
				w: barW,
				h: frame.yAt(0) - frame.yAt(p.steps.done),
				fill: stepColor
			});
	});
	const line = (
		values: (number | null)[],
		color: string,
		kind: Series['marker'],
		dash?: number[]
	) => {
		const at = values.map((v, i) => (v === null ? null : { x: frame.xAt(i), y: frame.yAt(v) }));
		for (const pts of polylines(at))
			list.shapes.push({
				type: 'line',
				points: pts,
				stroke: color,
				strokeWidth: 3,
				dash,
				cap: 'round'
			});
		for (const p of at) if (p) list.shapes.push(marker(kind, p.x, p.y, color));
	};
	line(
		points.map((p) => p.goals.reached),
		reached,
		'circle'
	);
	line(
		points.map((p) => p.goals.active),
		active,
		'square',
		[10, 6]
	);
	return list;
}

export interface ChartTable {
	caption: string;
	head: string[];
	rows: string[][];
}

const dash = '–';
const num = (v: number | null, locale: Locale) =>
	v === null
		? dash
		: v.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
const spread = (s: Spread, locale: Locale) =>
	s.median === null
		? dash
		: s.min !== null && s.max !== null
			? `${num(s.median, locale)} (${num(s.min, locale)}–${num(s.max, locale)})`
			: num(s.median, locale);

/** The safety chart's numbers as a table: median (min–max) per group and meeting. */
export function safetyTable(points: TrendPoint[], t: Translate, locale: Locale): ChartTable {
	return {
		caption: t('review.trends.safetyTable'),
		head: [
			t('review.trends.meeting'),
			t('review.trends.parents'),
			t('review.trends.professionals'),
			t('review.trends.network'),
			t('review.trends.count')
		],
		rows: points.map((p) => [
			`${formatDate(locale, p.at)} · ${p.meetingTitle}`,
			spread(p.safety.parents, locale),
			spread(p.safety.professionals, locale),
			num(p.safety.network.median, locale),
			num(p.safety.count, locale)
		])
	};
}

export function goalsTable(points: TrendPoint[], t: Translate, locale: Locale): ChartTable {
	return {
		caption: t('review.trends.goalsTable'),
		head: [
			t('review.trends.meeting'),
			t('review.trends.goalsActive'),
			t('review.trends.goalsReached'),
			t('review.trends.goalsPaused'),
			t('review.trends.stepsDoneOfTotal')
		],
		rows: points.map((p) => [
			`${formatDate(locale, p.at)} · ${p.meetingTitle}`,
			num(p.goals.active, locale),
			num(p.goals.reached, locale),
			num(p.goals.paused, locale),
			p.steps.total === null
				? dash
				: t('review.trends.ofTotal', {
						done: num(p.steps.done ?? 0, locale),
						total: num(p.steps.total, locale)
					})
		])
	};
}
