/**
 * One goal's staircase (pure drawing): its steps from today at the bottom up to the goal, reached
 * steps filled and dated, and the progress scale 0–10 beside them. Used by layout.ts.
 */
import { control, type GroupShape, type Shape } from '../draw/display';
import { pill } from '../draw/pill';
import { ellipsize, textBlock, textWidth, wrapText } from '../draw/text';
import { formatDate, parseDate } from '../timeline/dates';
import type { LayoutContext } from '../types';
import { STATE_STYLE, stepsDone, type GoalStep, type GoalsModel } from './model';
import { HEADER_PAD, BAR_W, FLAG_H, INK, MUTED, SELECTED, DONE, TEXT_SCALE } from './metrics';
import type { GoalBox, StepBox } from './layout';

export function dateText(iso: string | null | undefined, context: LayoutContext): string {
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

export function drawStep(
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

export function drawGoal(box: GoalBox, model: GoalsModel, context: LayoutContext): Shape[] {
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
		control(
			pill(
				box.x + 40 + textWidth(today, 20, true),
				footY,
				context.t('goals.add.step'),
				{ fill: '#ffffff', stroke: SELECTED, color: SELECTED, size: 19, h: 38 },
				{ kind: 'new-step', id: goal.id }
			)
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
export function progressBar(box: GoalBox, context: LayoutContext): GroupShape {
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
