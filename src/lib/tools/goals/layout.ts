/**
 * The goal steps' layout (pure): model + content size → display list. Each active (or waiting)
 * goal is a staircase: its steps from today at the bottom up to the goal at the top, reached
 * steps filled and marked with the date they were reached, the progress scale 0–10 beside the
 * stairs; paused and reached goals in a strip below.
 */
import { control, type DisplayList, type Shape } from '../draw/display';
import { pill } from '../draw/pill';
import { ellipsize, textBlock, textWidth, wrapText } from '../draw/text';
import type { LayoutContext, Size } from '../types';
import { MAX_ACTIVE_GOALS, STATE_STYLE, type Goal, type GoalStep, type GoalsModel } from './model';
import {
	PAD,
	GAP,
	TOP_BAR,
	STRIP_H,
	HEADER_PAD,
	BAR_W,
	STEP_MIN,
	STEP_MAX,
	FLAG_H,
	FOOT_H,
	INK,
	MUTED,
	SELECTED
} from './metrics';
import { dateText, drawGoal } from './staircase';
export { stepMeta } from './staircase';

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
		control(
			pill(
				size.width - PAD - addW,
				PAD,
				add,
				{ fill: '#ffffff', stroke: SELECTED, color: SELECTED },
				{ kind: 'new-goal', id: 'new' }
			)
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
				control(
					pill(
						slot.x + slot.w / 2 - (textWidth(add, 20, true) + 32) / 2,
						slot.y + slot.h / 2 + 10,
						add,
						{ fill: '#ffffff', stroke: SELECTED, color: SELECTED },
						{ kind: 'new-goal', id: `slot-${slot.x}` }
					)
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
