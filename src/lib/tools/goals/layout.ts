/**
 * The goal steps' layout (pure): model + content size → display list. Each active (or waiting)
 * goal is a staircase: its steps from today at the bottom up to the goal at the top, reached
 * steps filled and marked with the date they were reached, the progress scale 0–10 beside the
 * stairs; paused and reached goals in a strip below.
 */
import type { DisplayList, GroupShape, Shape } from '../draw/display';
import { pill } from '../draw/pill';
import { ellipsize, textBlock, textWidth, wrapText } from '../draw/text';
import { formatDate, parseDate } from '../timeline/dates';
import type { LayoutContext, Size } from '../types';
import {
	MAX_ACTIVE_GOALS,
	STATE_STYLE,
	stepsDone,
	type Goal,
	type GoalStep,
	type GoalsModel
} from './model';

const PAD = 28;
const GAP = 28;
const TOP_BAR = 60;
const STRIP_H = 128;
const HEADER_PAD = 20;
const BAR_W = 64;
const STEP_MIN = 76;
const STEP_MAX = 108;
const FLAG_H = 64;
const FOOT_H = 64;
const INK = '#1b1f24';
const MUTED = '#4a525c';
const SELECTED = '#1d4e89';
const DONE = '#1e6b3a';
const TEXT_SCALE = 0.18;

export interface StepBox {
	step: GoalStep;
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface GoalBox {
	goal: Goal;
	x: number;
	y: number;
	w: number;
	h: number;
	title: string[];
	why: string[];
	headerH: number;
	/** The stairs' area: steps from `stairsBottom` up to `stairsTop`. */
	stairsTop: number;
	stairsBottom: number;
	steps: StepBox[];
	/** Steps that do not fit. */
	hidden: number;
	bar: { x: number; y: number; w: number; h: number };
}

export interface GoalsGeometry {
	main: GoalBox[];
	/** Empty places for goals while fewer than three are active. */
	slots: { x: number; y: number; w: number; h: number }[];
	strip: { goal: Goal; x: number; y: number; w: number }[];
	stripTop: number | null;
}

function columnHeader(goal: Goal, w: number): { title: string[]; why: string[]; h: number } {
	const textW = w - 2 * HEADER_PAD;
	const title = wrapText(goal.title || ' ', textW, 31, { bold: true, maxLines: 3 });
	const why = goal.why ? wrapText(goal.why, textW, 20, { maxLines: 2 }) : [];
	const waiting = goal.state === 'waiting' ? 30 : 0;
	const h =
		HEADER_PAD + 40 + title.length * 39 + (why.length ? 8 + why.length * 25 : 0) + waiting + 12;
	return { title, why, h };
}

/** Where everything goes, for a content size (shared by the layout and the canvas drops). */
export function goalsGeometry(model: GoalsModel, size: Size): GoalsGeometry {
	const main = model.goals.filter((g) => g.state === 'active' || g.state === 'waiting');
	const rest = model.goals.filter((g) => g.state === 'paused' || g.state === 'reached');
	const stripTop = rest.length > 0 ? size.height - PAD - STRIP_H : null;
	const bottom = (stripTop ?? size.height - PAD) - (stripTop === null ? 0 : 16);
	// Room for three goals (the most that are active at once); more only while some wait.
	const n = Math.max(MAX_ACTIVE_GOALS, main.length);
	const colW = Math.min(820, (size.width - 2 * PAD - (n - 1) * GAP) / n);
	const top = PAD + TOP_BAR;
	const boxes = main.map((goal, i): GoalBox => {
		const x = PAD + i * (colW + GAP);
		const header = columnHeader(goal, colW);
		const stairsTop = top + header.h + 12 + FLAG_H;
		const stairsBottom = bottom - FOOT_H;
		const barX = x + colW - BAR_W - 16;
		const stairsX = x + 16;
		const stairsW = barX - 16 - stairsX;
		const avail = Math.max(0, stairsBottom - stairsTop);
		const count = goal.steps.length;
		const fit = Math.max(1, Math.floor(avail / STEP_MIN));
		const shown = count > fit ? fit - 1 : count;
		const spacing = Math.min(150, avail / Math.max(1, shown + (count > shown ? 1 : 0)));
		const stepH = Math.min(STEP_MAX, spacing - 8);
		const indent = Math.min(64, Math.max(0, (stairsW - 320) / Math.max(1, shown - 1)));
		const steps = goal.steps.slice(0, Math.max(0, shown)).map((step, k): StepBox => ({
			step,
			x: stairsX + k * indent,
			y: stairsBottom - k * spacing - stepH - 4,
			w: stairsW - k * indent,
			h: stepH
		}));
		return {
			goal,
			x,
			y: top,
			w: colW,
			h: bottom - top,
			title: header.title,
			why: header.why,
			headerH: header.h,
			stairsTop,
			stairsBottom,
			steps,
			hidden: count - steps.length,
			bar: {
				x: barX,
				y: stairsTop - FLAG_H + 8,
				w: BAR_W - 24,
				h: stairsBottom - stairsTop + FLAG_H - 8
			}
		};
	});
	const free = main.filter((g) => g.state === 'active').length < MAX_ACTIVE_GOALS;
	const slots = free
		? Array.from({ length: n - main.length }, (_, i) => ({
				x: PAD + (main.length + i) * (colW + GAP),
				y: top,
				w: colW,
				h: bottom - top
			}))
		: [];
	let sx = PAD;
	const strip = rest.map((goal) => {
		const w = Math.min(560, Math.max(260, textWidth(goal.title, 20, true) + 120));
		const item = { goal, x: sx, y: (stripTop ?? 0) + 52, w };
		sx += w + 16;
		return item;
	});
	return { main: boxes, slots, strip, stripTop };
}

function dateText(iso: string | null | undefined, context: LayoutContext): string {
	const d = iso ? parseDate(iso) : null;
	return d ? formatDate(d, context.locale) : '';
}

/** "Hjælper: Jonas · senest 12. dec." or "Nået 3. dec." for a step. */
export function stepMeta(step: GoalStep, model: GoalsModel, context: LayoutContext): string {
	if (step.done)
		return step.doneAt
			? context.t('goals.step.reachedOn', { date: dateText(step.doneAt, context) })
			: context.t('goals.step.reached');
	const parts: string[] = [];
	const who = step.who ? model.people.get(step.who)?.name : undefined;
	if (who) parts.push(context.t('goals.step.who', { name: who }));
	if (step.due) parts.push(context.t('goals.step.due', { date: dateText(step.due, context) }));
	return parts.join(' · ');
}

function drawStep(
	box: StepBox,
	model: GoalsModel,
	context: LayoutContext,
	selected: boolean
): GroupShape {
	const { step, w, h } = box;
	const done = step.done;
	const two = h >= 88;
	const textX = 62;
	const textW = w - textX - (done ? 44 : 16);
	const lines = wrapText(step.text || ' ', textW, 23, { maxLines: two ? 2 : 1 });
	const meta = stepMeta(step, model, context);
	const textH = lines.length * 29 + (meta ? 24 : 0);
	const ty = Math.max(6, (h - textH) / 2);
	const children: Shape[] = [
		{
			type: 'rect',
			x: 0,
			y: 0,
			w,
			h,
			r: 10,
			fill: done ? '#e3f4e8' : '#ffffff',
			stroke: selected ? SELECTED : done ? DONE : '#9aa3ae',
			strokeWidth: selected ? 5 : done ? 3 : 2
		},
		{
			type: 'group',
			x: 14,
			y: (h - 34) / 2,
			hit: { kind: 'step-toggle', id: step.id },
			children: [
				{
					type: 'rect',
					x: 0,
					y: 0,
					w: 34,
					h: 34,
					r: 6,
					fill: done ? DONE : '#ffffff',
					stroke: done ? DONE : INK,
					strokeWidth: 2.5
				},
				...(done
					? [
							{
								type: 'line' as const,
								points: [8, 18, 15, 25, 27, 9],
								stroke: '#ffffff',
								strokeWidth: 4,
								cap: 'round' as const
							}
						]
					: [])
			]
		},
		{
			type: 'text',
			x: textX,
			y: ty,
			lines,
			size: 23,
			bold: done,
			color: INK,
			minScale: TEXT_SCALE
		}
	];
	if (meta)
		children.push({
			type: 'text',
			x: textX,
			y: ty + lines.length * 29,
			lines: [ellipsize(meta, textW, 18, done)],
			size: 18,
			bold: done,
			color: done ? DONE : MUTED,
			minScale: TEXT_SCALE
		});
	if (done)
		children.push({
			type: 'path',
			d: STATE_STYLE.reached.icon,
			x: w - 38,
			y: (h - 26) / 2,
			scale: 1.1,
			stroke: DONE,
			strokeWidth: 2,
			fill: '#f2c94c'
		});
	return {
		type: 'group',
		x: box.x,
		y: box.y,
		hit: { kind: 'step', id: step.id, draggable: true },
		children
	};
}

function drawGoal(box: GoalBox, model: GoalsModel, context: LayoutContext): Shape[] {
	const { goal } = box;
	const sel = context.selected?.tool === 'goals' ? context.selected : null;
	const selected = sel?.kind === 'goal' && sel.id === goal.id;
	const style = STATE_STYLE[goal.state];
	const waiting = goal.state === 'waiting';
	const out: Shape[] = [
		{
			type: 'rect',
			x: box.x,
			y: box.y,
			w: box.w,
			h: box.h,
			r: 16,
			fill: waiting ? style.fill : '#f7f9fb',
			stroke: selected ? SELECTED : waiting ? style.color : '#b7bec8',
			strokeWidth: selected ? 5 : 2,
			dash: waiting ? [12, 8] : undefined
		}
	];
	// Header: state, owner, title in the parents' words, why it matters.
	const state = context.t(`goals.state.${goal.state}`);
	const owner = goal.owner ? model.people.get(goal.owner)?.name : undefined;
	const header: Shape[] = [
		pill(HEADER_PAD, HEADER_PAD - 4, state, {
			fill: '#ffffff',
			stroke: style.color,
			color: style.color,
			size: 18,
			h: 34
		}),
		{
			type: 'path',
			d: style.icon,
			x: HEADER_PAD + textWidth(state, 18, true) + 44,
			y: HEADER_PAD + 1,
			scale: 1,
			stroke: style.color,
			strokeWidth: 2,
			fill: 'none'
		}
	];
	if (owner)
		header.push({
			type: 'text',
			x: box.w - HEADER_PAD,
			y: HEADER_PAD + 2,
			lines: [ellipsize(context.t('goals.owner', { name: owner }), box.w / 2, 18, true)],
			size: 18,
			bold: true,
			color: MUTED,
			align: 'right'
		});
	header.push({
		type: 'text',
		x: HEADER_PAD,
		y: HEADER_PAD + 40,
		lines: box.title,
		size: 31,
		bold: true,
		color: INK
	});
	if (box.why.length)
		header.push({
			type: 'text',
			x: HEADER_PAD,
			y: HEADER_PAD + 48 + box.title.length * 39,
			lines: box.why,
			size: 20,
			color: MUTED,
			minScale: TEXT_SCALE
		});
	if (waiting) {
		const note = context.t('goals.waiting.note');
		header.push({
			type: 'text',
			x: HEADER_PAD,
			y: box.headerH - 12 - 26,
			lines: [ellipsize(note, box.w - 2 * HEADER_PAD, 18, true)],
			size: 18,
			bold: true,
			color: style.color
		});
	}
	out.push({
		type: 'group',
		x: box.x,
		y: box.y,
		hit: { kind: 'goal', id: goal.id, draggable: true },
		children: header
	});

	// The goal at the top of the stairs.
	const flagW = Math.min(box.w - BAR_W - 48, 360);
	const flagX = box.bar.x - 16 - flagW;
	const flagY = box.stairsTop - FLAG_H;
	const reached = goal.state === 'reached';
	out.push({
		type: 'group',
		x: flagX,
		y: flagY,
		hit: { kind: 'goal', id: goal.id },
		children: [
			{
				type: 'rect',
				x: 0,
				y: 0,
				w: flagW,
				h: FLAG_H - 10,
				r: 10,
				fill: '#fff4d6',
				stroke: '#8a5a00',
				strokeWidth: 2
			},
			{
				type: 'path',
				d: STATE_STYLE.active.icon,
				x: 12,
				y: (FLAG_H - 10 - 30) / 2,
				scale: 1.25,
				stroke: '#8a5a00',
				strokeWidth: 2.2,
				fill: 'none'
			},
			{
				type: 'text',
				x: 52,
				y: (FLAG_H - 10 - 25) / 2,
				lines: [
					ellipsize(context.t(reached ? 'goals.flag.reached' : 'goals.flag'), flagW - 64, 20, true)
				],
				size: 20,
				bold: true,
				color: '#6b4500'
			}
		]
	});

	// A faint staircase behind the steps, then the steps from today upwards.
	if (box.steps.length > 0) {
		const first = box.steps[0]!;
		const right = first.x + first.w;
		const pts: number[] = [first.x, box.stairsBottom];
		box.steps.forEach((s, k) => {
			pts.push(s.x, s.y);
			const next = box.steps[k + 1];
			if (next) pts.push(next.x, s.y);
		});
		pts.push(right, box.steps.at(-1)!.y, right, box.stairsBottom);
		out.push({
			type: 'line',
			points: pts,
			closed: true,
			fill: 'rgba(29,78,137,0.06)',
			stroke: 'rgba(29,78,137,0.3)',
			strokeWidth: 2
		});
	}
	for (const s of box.steps)
		out.push(drawStep(s, model, context, sel?.kind === 'step' && sel.id === s.step.id));
	if (box.hidden > 0)
		out.push(
			pill(
				box.x + 16,
				box.stairsTop - FLAG_H + 6,
				context.t('goals.more', { count: box.hidden }),
				{ fill: '#ffffff', stroke: MUTED, color: INK, size: 18, h: 34 },
				{ kind: 'goal', id: goal.id }
			)
		);
	if (goal.steps.length === 0)
		out.push(
			textBlock(
				context.t('goals.steps.empty'),
				{ x: box.x + 24, y: box.stairsTop + 24, width: box.bar.x - box.x - 48 },
				{ size: 21, color: MUTED, maxLines: 4 }
			)
		);

	// Today and a new step at the foot of the stairs.
	const footY = box.stairsBottom + 14;
	const today = context.t('goals.today');
	out.push(
		{
			type: 'text',
			x: box.x + 20,
			y: footY + 6,
			lines: [today],
			size: 20,
			bold: true,
			color: INK
		},
		pill(
			box.x + 40 + textWidth(today, 20, true),
			footY,
			context.t('goals.add.step'),
			{ fill: '#ffffff', stroke: SELECTED, color: SELECTED, size: 19, h: 38 },
			{ kind: 'new-step', id: goal.id }
		)
	);
	const done = stepsDone(goal);
	if (goal.steps.length > 0) {
		const label = context.t('goals.steps.count', { done, total: goal.steps.length });
		out.push({
			type: 'text',
			x: box.bar.x - 16,
			y: footY + 8,
			lines: [label],
			size: 18,
			bold: true,
			color: done > 0 ? DONE : MUTED,
			align: 'right'
		});
	}
	out.push(progressBar(box, context));
	return out;
}

/** The progress scale 0–10 beside the stairs: a tap sets it. */
function progressBar(box: GoalBox, context: LayoutContext): GroupShape {
	const { goal, bar } = box;
	const value = goal.progress;
	const filled = (bar.h * value) / 10;
	const children: Shape[] = [
		{
			type: 'rect',
			x: 0,
			y: 0,
			w: bar.w,
			h: bar.h,
			r: bar.w / 2,
			fill: '#ffffff',
			stroke: INK,
			strokeWidth: 2
		},
		{
			type: 'rect',
			x: 3,
			y: bar.h - filled + 3,
			w: bar.w - 6,
			h: Math.max(0, filled - 6),
			r: (bar.w - 6) / 2,
			fill: DONE
		}
	];
	for (let v = 0; v <= 10; v++)
		children.push({
			type: 'line',
			points: [
				bar.w,
				bar.h - (bar.h * v) / 10,
				bar.w + (v % 5 === 0 ? 12 : 6),
				bar.h - (bar.h * v) / 10
			],
			stroke: INK,
			strokeWidth: 2
		});
	if (goal.previousProgress != null) {
		const y = bar.h - (bar.h * goal.previousProgress) / 10;
		children.push({
			type: 'line',
			points: [-8, y, bar.w + 8, y],
			stroke: '#4a525c',
			strokeWidth: 2,
			dash: [5, 4],
			opacity: 0.6
		});
	}
	children.push(
		{
			type: 'text',
			x: bar.w / 2,
			y: -30,
			lines: [`${value}/10`],
			size: 20,
			bold: true,
			color: DONE,
			align: 'center'
		},
		{
			type: 'text',
			x: bar.w / 2,
			y: bar.h + 6,
			lines: [context.t('goals.progress.short')],
			size: 15,
			color: MUTED,
			align: 'center'
		}
	);
	return { type: 'group', x: bar.x, y: bar.y, hit: { kind: 'progress', id: goal.id }, children };
}

/** The progress value (0–10, whole) at content y on a goal's bar. */
export function progressAt(box: GoalBox, y: number): number {
	const t = (box.bar.y + box.bar.h - y) / Math.max(1, box.bar.h);
	return Math.max(0, Math.min(10, Math.round(t * 10)));
}

function drawStrip(geo: GoalsGeometry, size: Size, context: LayoutContext): Shape[] {
	if (geo.stripTop === null) return [];
	const sel = context.selected?.tool === 'goals' ? context.selected : null;
	const out: Shape[] = [
		{
			type: 'rect',
			x: PAD,
			y: geo.stripTop,
			w: size.width - 2 * PAD,
			h: STRIP_H,
			r: 14,
			fill: '#f3f5f8'
		},
		{
			type: 'text',
			x: PAD + 20,
			y: geo.stripTop + 14,
			lines: [context.t('goals.strip.title')],
			size: 20,
			bold: true,
			color: MUTED
		}
	];
	for (const item of geo.strip) {
		const style = STATE_STYLE[item.goal.state];
		const selected = sel?.kind === 'goal' && sel.id === item.goal.id;
		const when =
			item.goal.state === 'reached' && item.goal.reachedAt
				? context.t('goals.reachedOn', { date: dateText(item.goal.reachedAt, context) })
				: context.t(`goals.state.${item.goal.state}`);
		out.push({
			type: 'group',
			x: item.x,
			y: item.y,
			hit: { kind: 'goal', id: item.goal.id },
			children: [
				{
					type: 'rect',
					x: 0,
					y: 0,
					w: item.w,
					h: 62,
					r: 10,
					fill: style.fill,
					stroke: selected ? SELECTED : style.color,
					strokeWidth: selected ? 4 : 2
				},
				{
					type: 'path',
					d: style.icon,
					x: 12,
					y: 18,
					scale: 1.1,
					stroke: style.color,
					strokeWidth: 2,
					fill: item.goal.state === 'reached' ? '#f2c94c' : 'none'
				},
				{
					type: 'text',
					x: 50,
					y: 6,
					lines: [ellipsize(item.goal.title, item.w - 62, 20, true)],
					size: 20,
					bold: true,
					color: INK
				},
				{
					type: 'text',
					x: 50,
					y: 34,
					lines: [ellipsize(when, item.w - 62, 16, true)],
					size: 16,
					bold: true,
					color: style.color
				}
			]
		});
	}
	return out;
}

/** Lays the goals out in `size` (the frame's content area). */
export function layoutGoals(model: GoalsModel, size: Size, context: LayoutContext): DisplayList {
	if (model.withheld)
		return {
			width: size.width,
			height: size.height,
			shapes: [
				textBlock(
					context.t('goals.withheld'),
					{ x: PAD, y: PAD + 8, width: size.width - 2 * PAD },
					{ size: 26, color: MUTED, maxLines: 4 }
				)
			]
		};
	const geo = goalsGeometry(model, size);
	const shapes: Shape[] = [];
	const add = context.t('goals.add.goal');
	const addW = textWidth(add, 20, true) + 32;
	shapes.push(
		{
			type: 'text',
			x: PAD,
			y: PAD + 8,
			lines: [ellipsize(context.t('goals.rule'), size.width - 2 * PAD - addW - 24, 21)],
			size: 21,
			color: MUTED
		},
		pill(
			size.width - PAD - addW,
			PAD,
			add,
			{ fill: '#ffffff', stroke: SELECTED, color: SELECTED },
			{ kind: 'new-goal', id: 'new' }
		)
	);
	for (const box of geo.main) shapes.push(...drawGoal(box, model, context));
	if (geo.main.length > 0)
		for (const slot of geo.slots) {
			const label = context.t('goals.slot');
			shapes.push(
				{
					type: 'rect',
					...slot,
					r: 16,
					fill: '#ffffff',
					stroke: '#9aa3ae',
					strokeWidth: 2,
					dash: [12, 10]
				},
				textBlock(
					label,
					{ x: slot.x + 24, y: slot.y + slot.h / 2 - 70, width: slot.w - 48 },
					{ size: 22, color: MUTED, maxLines: 3, align: 'center' }
				),
				pill(
					slot.x + slot.w / 2 - (textWidth(add, 20, true) + 32) / 2,
					slot.y + slot.h / 2 + 10,
					add,
					{ fill: '#ffffff', stroke: SELECTED, color: SELECTED },
					{ kind: 'new-goal', id: `slot-${slot.x}` }
				)
			);
		}
	if (geo.main.length === 0)
		shapes.push(
			textBlock(
				context.t('goals.empty'),
				{ x: PAD + 40, y: PAD + TOP_BAR + 60, width: size.width - 2 * PAD - 80 },
				{ size: 26, color: MUTED, maxLines: 4, align: 'center' }
			)
		);
	shapes.push(...drawStrip(geo, size, context));
	return { width: size.width, height: size.height, shapes };
}

/** The goal column at content x (the nearest of the shown ones), or undefined. */
export function goalColumnAt(geo: GoalsGeometry, x: number): GoalBox | undefined {
	let best: GoalBox | undefined;
	let dist = Infinity;
	for (const box of geo.main) {
		const d = x < box.x ? box.x - x : x > box.x + box.w ? x - box.x - box.w : 0;
		if (d < dist) {
			dist = d;
			best = box;
		}
	}
	return best;
}
