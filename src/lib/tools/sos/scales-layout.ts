/**
 * The Signs of Safety scales' drawing (pure): the overall safety scale with its question, both
 * ends in words and one marker per participant, the follow-up prompts, the legend, and one
 * smaller scale per danger statement. Used by layout.ts.
 */
import type { Shape } from '../draw/display';
import { ellipsize, textBlock, textWidth } from '../draw/text';
import { initials } from '../people';
import type { LayoutContext } from '../types';
import {
	COLUMN_STYLE,
	OVERALL,
	VOICE_STYLE,
	formatScore,
	scaleStats,
	type Rating,
	type SosModel,
	type SosScale,
	type Voice
} from './model';
import { INK, MUTED, SELECTED } from './metrics';
import type { ScaleBox, SosGeometry } from './layout';

/** A marker's shape: parents a circle, professionals a square, the network a diamond, a child a triangle. */
export function markerShape(group: Voice, cx: number, cy: number, r: number, faded = false): Shape {
	const style = VOICE_STYLE[group];
	const paint = {
		fill: faded ? '#ffffff' : style.fill,
		stroke: style.color,
		strokeWidth: r > 15 ? 3 : 2.5
	};
	switch (group) {
		case 'parent':
			return { type: 'ellipse', cx, cy, rx: r, ry: r, ...paint };
		case 'professional':
			return {
				type: 'rect',
				x: cx - r * 0.9,
				y: cy - r * 0.9,
				w: r * 1.8,
				h: r * 1.8,
				r: 3,
				...paint
			};
		case 'network':
			return {
				type: 'line',
				points: [cx, cy - r * 1.1, cx + r * 1.1, cy, cx, cy + r * 1.1, cx - r * 1.1, cy],
				closed: true,
				...paint
			};
		case 'child':
			return {
				type: 'line',
				points: [cx, cy - r * 1.1, cx + r * 1.1, cy + r * 0.9, cx - r * 1.1, cy + r * 0.9],
				closed: true,
				...paint
			};
	}
}

/**
 * The markers of a scale: parents above the line, everyone else below; markers at the same
 * value stack away from the line. Each is draggable (only its owner's drop counts).
 */
export function drawMarkers(
	box: ScaleBox,
	ratings: readonly Rating[],
	hideNames: boolean,
	belowGap: number
): Shape[] {
	const out: Shape[] = [];
	const stacks = new Map<string, number>();
	const r = box.r;
	for (const rating of ratings) {
		const above = rating.group === 'parent';
		const slot = `${above ? 'a' : 'b'}${rating.value}`;
		const n = stacks.get(slot) ?? 0;
		stacks.set(slot, n + 1);
		const cx = box.x0 + (rating.value / 10) * (box.x1 - box.x0);
		const first = above ? -r - 14 : r + belowGap;
		const cy = box.lineY + (above ? first - n * (2 * r + 6) : first + n * (2 * r + 6));
		const style = VOICE_STYLE[rating.group];
		const children: Shape[] = [markerShape(rating.group, 0, 0, r)];
		if (!hideNames && rating.name)
			children.push({
				type: 'text',
				x: 0,
				y: -(r * 0.62),
				lines: [initials(rating.name)],
				size: Math.round(r * 0.95),
				bold: true,
				color: style.color,
				align: 'center'
			});
		out.push({
			type: 'group',
			x: cx,
			y: cy,
			hit: { kind: 'marker', id: `${box.id}|${rating.key}`, draggable: true },
			children
		});
	}
	return out;
}

export function scaleLine(box: ScaleBox, numbers: boolean, size: number): Shape[] {
	const out: Shape[] = [
		{
			type: 'line',
			points: [box.x0, box.lineY, box.x1, box.lineY],
			stroke: INK,
			strokeWidth: 4,
			cap: 'round'
		}
	];
	for (let v = 0; v <= 10; v++) {
		const x = box.x0 + (v / 10) * (box.x1 - box.x0);
		out.push({
			type: 'line',
			points: [x, box.lineY - 8, x, box.lineY + 8],
			stroke: INK,
			strokeWidth: v === 0 || v === 10 ? 3 : 2
		});
		if (numbers)
			out.push({
				type: 'text',
				x,
				y: box.lineY + 10,
				lines: [String(v)],
				size,
				bold: v === 0 || v === 10,
				color: INK,
				align: 'center'
			});
	}
	return out;
}

export function previousMarker(
	box: ScaleBox,
	scale: SosScale,
	context: LayoutContext,
	tall: number
): Shape[] {
	if (!scale.previous) return [];
	const x = box.x0 + (scale.previous.median / 10) * (box.x1 - box.x0);
	const label = context.t('sos.scale.previous', {
		median: formatScore(scale.previous.median, context.locale)
	});
	return [
		{
			type: 'line',
			points: [x, box.lineY - tall, x, box.lineY + 8],
			stroke: '#6b7480',
			strokeWidth: 2,
			dash: [6, 6],
			opacity: 0.6
		},
		{
			type: 'text',
			x,
			y: box.lineY - tall - 24,
			lines: [label],
			size: 17,
			color: '#4a525c',
			align: 'center',
			opacity: 0.75
		}
	];
}

/** "Forældre: 6 (5–7) · Fagpersoner: 4 (3–5)" – median and spread per group that rated. */
export function spreadText(scale: SosScale, context: LayoutContext): string {
	const { groups } = scaleStats(scale.ratings);
	const parts = (['parent', 'professional', 'network', 'child'] as const).flatMap((group) => {
		const s = groups[group];
		if (!s) return [];
		const value = formatScore(s.median, context.locale);
		const range = s.min === s.max ? '' : ` (${s.min}–${s.max})`;
		return [`${context.t(`sos.group.${group}`)}: ${value}${range}`];
	});
	return parts.length ? parts.join(' · ') : context.t('sos.scale.none');
}

/** The scale's question, or the Danish default. */
export function questionOf(scale: SosScale, context: LayoutContext): string {
	if (scale.question.trim()) return scale.question;
	return context.t(scale.id === OVERALL ? 'sos.scale.question' : 'sos.pair.question');
}

export function endsOf(scale: SosScale, context: LayoutContext): { low: string; high: string } {
	const overall = scale.id === OVERALL;
	return {
		low: scale.low.trim() || context.t(overall ? 'sos.scale.low' : 'sos.pair.low'),
		high: scale.high.trim() || context.t(overall ? 'sos.scale.high' : 'sos.pair.high')
	};
}

export function drawOverall(
	model: SosModel,
	geo: SosGeometry,
	context: LayoutContext,
	selected: boolean
) {
	const box = geo.overall;
	const scale = model.overall;
	const out: Shape[] = [];
	out.push({
		type: 'rect',
		x: box.x,
		y: box.y,
		w: box.w,
		h: box.h,
		r: 14,
		fill: '#ffffff',
		stroke: selected ? SELECTED : '#b7bec8',
		strokeWidth: selected ? 5 : 2
	});
	out.push(
		textBlock(
			questionOf(scale, context),
			{
				x: box.x + 24,
				y: box.y + 16,
				width: box.w - 48 - (model.hideNames ? textWidth(context.t('sos.hiddenNames'), 17) + 24 : 0)
			},
			{ size: 25, color: INK, bold: true, maxLines: 2 }
		)
	);
	out.push(...previousMarker(box, scale, context, 56));
	out.push(...scaleLine(box, true, 20));
	const ends = endsOf(scale, context);
	const endW = (box.x1 - box.x0) / 2 - 24;
	const endY = box.lineY + 88;
	out.push(
		textBlock(
			ends.low,
			{ x: box.x0 - 20, y: endY, width: endW },
			{ size: 19, color: INK, maxLines: 3 }
		),
		textBlock(
			ends.high,
			{ x: box.x1 + 20 - endW, y: endY, width: endW },
			{ size: 19, color: INK, maxLines: 3, align: 'right' }
		),
		{
			type: 'text',
			x: box.x + 24,
			y: box.y + box.h - 38,
			lines: [ellipsize(spreadText(scale, context), box.w - 72 - legendWidth(context), 20, true)],
			size: 20,
			bold: true,
			color: INK
		}
	);
	return {
		type: 'group' as const,
		hit: { kind: 'scale', id: OVERALL },
		children: [...out, ...drawMarkers(box, scale.ratings, model.hideNames, 40)]
	};
}

export function drawPrompts(model: SosModel, geo: SosGeometry, context: LayoutContext): Shape[] {
	const p = geo.prompts;
	const stats = scaleStats(model.overall.ratings);
	const x = stats.all ? formatScore(stats.all.median, context.locale) : 'X';
	const out: Shape[] = [
		{ type: 'rect', x: p.x, y: p.y, w: p.w, h: p.h, r: 14, fill: '#f3f5f8' },
		{
			type: 'text',
			x: p.x + 20,
			y: p.y + 16,
			lines: [ellipsize(context.t('sos.prompts.title'), p.w - 40, 21, true)],
			size: 21,
			bold: true,
			color: INK
		}
	];
	let y = p.y + 60;
	for (const text of [context.t('sos.prompts.lower', { value: x }), context.t('sos.prompts.up')]) {
		const block = textBlock(
			text,
			{ x: p.x + 44, y, width: p.w - 64 },
			{ size: 21, color: INK, maxLines: 4 }
		);
		out.push(
			{
				type: 'path',
				d: 'M5 5h14v10H10l-5 4z',
				x: p.x + 14,
				y: y + 1,
				scale: 1,
				stroke: MUTED,
				strokeWidth: 2,
				fill: 'none'
			},
			block
		);
		y += block.lines.length * 21 * 1.25 + 22;
	}
	return out;
}

const LEGEND = ['parent', 'professional', 'network'] as const;

/** Width of the legend of marker shapes. */
export function legendWidth(context: LayoutContext): number {
	return LEGEND.reduce((w, g) => w + 56 + textWidth(context.t(`sos.legend.${g}`), 18), -28);
}

/** The legend of marker shapes, right-aligned on the overall scale's bottom row. */
export function drawLegend(geo: SosGeometry, context: LayoutContext): Shape[] {
	const box = geo.overall;
	const out: Shape[] = [];
	let x = box.x + box.w - 24 - legendWidth(context);
	const y = box.y + box.h - 38;
	for (const group of LEGEND) {
		const label = context.t(`sos.legend.${group}`);
		out.push(markerShape(group, x + 10, y + 12, 10), {
			type: 'text',
			x: x + 28,
			y,
			lines: [label],
			size: 18,
			color: INK
		});
		x += 28 + textWidth(label, 18) + 28;
	}
	return out;
}

export function drawPairs(model: SosModel, geo: SosGeometry, context: LayoutContext): Shape[] {
	const b = geo.pairsBox;
	const selectedId =
		context.selected?.tool === 'sos' && context.selected.kind === 'scale'
			? context.selected.id
			: null;
	const out: Shape[] = [
		{
			type: 'rect',
			x: b.x,
			y: b.y,
			w: b.w,
			h: b.h,
			r: 14,
			fill: '#ffffff',
			stroke: '#b7bec8',
			strokeWidth: 2
		},
		{
			type: 'text',
			x: b.x + 20,
			y: b.y + 14,
			lines: [ellipsize(context.t('sos.pairs.title'), b.w - 40, 22, true)],
			size: 22,
			bold: true,
			color: INK
		}
	];
	if (model.pairs.length === 0)
		out.push(
			textBlock(
				context.t('sos.pairs.empty'),
				{ x: b.x + 20, y: b.y + 60, width: b.w - 40 },
				{ size: 20, color: MUTED, maxLines: 4 }
			)
		);
	geo.pairs.forEach((box, i) => {
		const pair = model.pairs[i]!;
		const scale = pair.danger.scale!;
		const stats = scaleStats(scale.ratings);
		const label = `${context.t('sos.pair.short', { n: pair.number })}: ${pair.danger.text || context.t('sos.card.empty')}`;
		const summary = stats.all
			? context.t('sos.card.scale', {
					median: formatScore(stats.all.median, context.locale),
					count: stats.all.count
				})
			: context.t('sos.card.scaleNone');
		const summaryW = textWidth(summary, 17, true);
		const selected = selectedId === pair.danger.id;
		out.push({
			type: 'group',
			hit: { kind: 'scale', id: pair.danger.id },
			children: [
				{
					type: 'rect',
					x: box.x + 8,
					y: box.y,
					w: box.w - 16,
					h: box.h,
					r: 10,
					fill: selected ? '#eef3fa' : '#fafbfc',
					stroke: selected ? SELECTED : '#e1e5ea',
					strokeWidth: selected ? 4 : 1.5
				},
				{
					type: 'text',
					x: box.x + 22,
					y: box.y + 8,
					lines: [ellipsize(label, box.w - 60 - summaryW, 19, true)],
					size: 19,
					bold: true,
					color: COLUMN_STYLE.worries.color
				},
				{
					type: 'text',
					x: box.x + box.w - 22,
					y: box.y + 10,
					lines: [summary],
					size: 17,
					bold: true,
					color: MUTED,
					align: 'right'
				},
				...previousMarker(box, scale, context, 16).slice(0, 1),
				...scaleLine(box, false, 15),
				{
					type: 'text',
					x: box.x0 - 12,
					y: box.lineY - 10,
					lines: ['0'],
					size: 16,
					color: INK,
					bold: true,
					align: 'right'
				},
				{
					type: 'text',
					x: box.x1 + 12,
					y: box.lineY - 10,
					lines: ['10'],
					size: 16,
					color: INK,
					bold: true
				},
				...drawMarkers(box, scale.ratings, model.hideNames, 12)
			]
		});
	});
	if (geo.hiddenPairs > 0)
		out.push({
			type: 'text',
			x: b.x + 20,
			y: b.y + b.h - 34,
			lines: [context.t('sos.more', { count: geo.hiddenPairs })],
			size: 19,
			bold: true,
			color: MUTED
		});
	return out;
}
