/**
 * The timeline's layout (pure): model + content size → display list. A horizontal date axis with
 * labels for years, months and weeks (each shown from the zoom where it fits: level of detail,
 * no re-layout to zoom), phase bands behind, lanes for the child, the parents and the help given
 * with event cards that stack and never overlap, the placement as a band on the axis, today and
 * the deadlines as markers.
 */
import type { GroupShape, Shape } from '../draw/display';
import { ellipsize, textBlock, textWidth, wrapText } from '../draw/text';
import type { DisplayList } from '../draw/display';
import type { LayoutContext, Size } from '../types';
import { formatDate } from './dates';
import {
	CATEGORY_STYLE,
	LANES,
	PHASE_STYLE,
	PHASE_WEEKS,
	placements,
	type Lane,
	type TimelineEvent,
	type TimelineModel
} from './model';
import {
	AXIS_HEIGHT,
	BOTTOM,
	CARD_H,
	CARD_MAX_W,
	CARD_MIN_W,
	GAP,
	INK,
	LABEL_COLUMN,
	MUTED,
	PILL_H,
	ROW,
	SELECTED,
	TEXT_SCALE,
	TOP
} from './metrics';
import { LABEL_PX, axisTicks, timeScale, type TimeScale } from './axis';

interface Placed {
	event: TimelineEvent;
	x: number;
	/** The card's width. */
	w: number;
	/** Right end of the card in its row. */
	right: number;
	/** Right end of the event's time (a period's end). */
	end: number;
	row: number;
}

const TITLE_SIZE = 20;
const CARD_TEXT_X = 52;

/** A card's width: wide enough for its title on two lines where possible. */
export function cardWidth(title: string): number {
	const half = textWidth(title, TITLE_SIZE, true) / 2 + 24;
	return Math.round(Math.min(CARD_MAX_W, Math.max(CARD_MIN_W, half + CARD_TEXT_X + 12)));
}

/** Packs cards into rows: each goes into the lowest row where it overlaps nothing. */
export function stackRows(events: TimelineEvent[], scale: TimeScale): Placed[] {
	const rowsEnd: number[] = [];
	const placed: Placed[] = [];
	const items = events
		.map((event) => {
			const x = scale.x(event.fromDay);
			const w = cardWidth(event.title);
			// A period's duration bar runs behind the cards after it: only the card takes room.
			return { event, x, w, right: x + w, end: event.isPeriod ? scale.x(event.toDay + 1) : x + w };
		})
		.sort((a, b) => a.x - b.x || (a.event.id < b.event.id ? -1 : 1));
	for (const item of items) {
		let row = rowsEnd.findIndex((end) => end + GAP <= item.x);
		if (row === -1) {
			row = rowsEnd.length;
			rowsEnd.push(item.right);
		} else rowsEnd[row] = item.right;
		placed.push(Object.assign({}, item, { row }));
	}
	return placed;
}

export interface TimelineGeometry {
	scale: TimeScale;
	axisY: number;
	/** Vertical extent of each lane (content y). */
	lanes: Record<Lane, { top: number; bottom: number; rows: number }>;
}

/** Where the lanes and the axis are, for a content size (shared by the layout and the ops). */
export function geometry(
	model: TimelineModel,
	size: Size,
	packed?: Record<Lane, Placed[]>
): TimelineGeometry {
	const scale = timeScale(model, size);
	const rows = (lane: Lane) => Math.max(1, ...(packed?.[lane] ?? []).map((p) => p.row + 1));
	const demand: Record<Lane, number> = {
		parents: rows('parents'),
		child: rows('child'),
		help: rows('help')
	};
	const available = Math.max(3 * ROW, size.height - TOP - BOTTOM - AXIS_HEIGHT);
	const total = demand.parents + demand.child + demand.help;
	const fits = Math.floor(available / ROW);
	// Each lane gets rows by its need; when they do not all fit, two rows each where possible
	// (cards and a "+N" row), then one more at a time to the lane that misses the most.
	const share: Record<Lane, number> = { ...demand };
	if (total > fits) {
		const base = fits >= 6 ? 2 : 1;
		for (const lane of LANES) share[lane] = Math.min(demand[lane], base);
		let left = fits - (share.parents + share.child + share.help);
		while (left > 0) {
			const lane = (['child', 'parents', 'help'] as const).reduce((a, b) =>
				demand[b] - share[b] > demand[a] - share[a] ? b : a
			);
			if (demand[lane] <= share[lane]) break;
			share[lane]++;
			left--;
		}
	}
	const spare = Math.max(0, available - (share.parents + share.child + share.help) * ROW);
	const unit = ROW + spare / (share.parents + share.child + share.help);
	const parentsTop = TOP;
	const childTop = parentsTop + share.parents * unit;
	const axisY = childTop + share.child * unit;
	const helpTop = axisY + AXIS_HEIGHT;
	return {
		scale,
		axisY,
		lanes: {
			parents: { top: parentsTop, bottom: childTop, rows: share.parents },
			child: { top: childTop, bottom: axisY, rows: share.child },
			help: { top: helpTop, bottom: helpTop + share.help * unit, rows: share.help }
		}
	};
}

function periodLabel(e: TimelineEvent, locale: 'da' | 'en', now: string): string {
	const from = formatDate(e.start, locale);
	if (!e.isPeriod) return from;
	return `${from} – ${e.end ? formatDate(e.end, locale) : now}`;
}

function card(p: Placed, y: number, selected: boolean, context: LayoutContext): GroupShape {
	const e = p.event;
	const style = CATEGORY_STYLE[e.category];
	const children: Shape[] = [];
	const textW = p.w - CARD_TEXT_X - 12;
	children.push(
		{
			type: 'rect',
			x: 0,
			y: 0,
			w: p.w,
			h: CARD_H,
			r: 10,
			fill: style.fill,
			stroke: selected ? SELECTED : style.color,
			strokeWidth: selected ? 5 : 2
		},
		{ type: 'rect', x: 0, y: 0, w: 8, h: CARD_H, r: 4, fill: style.color },
		{
			type: 'path',
			d: style.icon,
			x: 18,
			y: 12,
			scale: 1.05,
			stroke: style.color,
			strokeWidth: 2.2,
			fill: 'none'
		},
		textBlock(
			e.title || context.t('timeline.untitled'),
			{ x: CARD_TEXT_X, y: 8, width: textW },
			{ size: TITLE_SIZE, color: INK, bold: true, maxLines: 2, minScale: TEXT_SCALE }
		),
		{
			type: 'text',
			x: CARD_TEXT_X,
			y: CARD_H - 30,
			lines: [ellipsize(periodLabel(e, context.locale, context.t('timeline.now')), textW, 16)],
			size: 16,
			color: MUTED,
			minScale: TEXT_SCALE
		}
	);
	return { type: 'group', x: p.x, y, hit: { kind: 'event', id: e.id, draggable: true }, children };
}

/** Width of a pill for `label`. */
function pillWidth(label: string, size = 17): number {
	return textWidth(label, size, true) + 30;
}

/** A rounded label ("pill") as a group at (x, y). */
function pill(
	x: number,
	y: number,
	w: number,
	label: string,
	style: { fill: string; stroke: string; color: string; strokeWidth?: number; size?: number },
	hit?: { kind: string; id: string; draggable?: boolean }
): GroupShape {
	const size = style.size ?? 17;
	return {
		type: 'group',
		x,
		y,
		hit,
		children: [
			{
				type: 'rect',
				x: 0,
				y: 0,
				w,
				h: PILL_H,
				r: PILL_H / 2,
				fill: style.fill,
				stroke: style.stroke,
				strokeWidth: style.strokeWidth ?? 2
			},
			{
				type: 'text',
				x: 14,
				y: (PILL_H - size * 1.25) / 2,
				lines: [ellipsize(label, w - 26, size, true)],
				size,
				bold: true,
				color: style.color
			}
		]
	};
}

/** Lays the timeline out in `size` (the frame's content area). */
export function layoutTimeline(
	model: TimelineModel,
	size: Size,
	context: LayoutContext
): DisplayList {
	const cardsOnly = model.events.filter((e) => !e.deadline);
	const scale0 = timeScale(model, size);
	const packed = Object.fromEntries(
		LANES.map((lane) => [
			lane,
			stackRows(
				cardsOnly.filter((e) => e.lane === lane),
				scale0
			)
		])
	) as Record<Lane, Placed[]>;
	const geo = geometry(model, size, packed);
	const { scale, axisY } = geo;
	const selectedId = context.selected?.tool === 'timeline' ? context.selected.id : null;
	const back: Shape[] = [];
	const stems: Shape[] = [];
	const cards: Shape[] = [];
	const front: Shape[] = [];
	const bottom = geo.lanes.help.bottom;
	const line = axisY + 22;

	// Phase bands behind everything; their labels in two rows at the top, with the length
	// against the recommendation.
	const pillRows = [-Infinity, -Infinity];
	for (const phase of model.phases) {
		const x = scale.x(phase.fromDay);
		const w = Math.max(4, scale.x(phase.toDay + 1) - x);
		const style = PHASE_STYLE[phase.kind];
		const rec = PHASE_WEEKS[phase.kind];
		const name = context.t(`timeline.phase.${phase.kind}`);
		const params = { name, weeks: phase.weeks, min: rec.min, max: rec.max };
		const label = context.t(
			phase.tooLong ? 'timeline.phase.tooLong' : 'timeline.phase.length',
			params
		);
		const selected = selectedId === phase.id;
		back.push({ type: 'rect', x, y: 34, w, h: bottom - 34, fill: style.fill });
		back.push({
			type: 'line',
			points: [x, 34, x, bottom],
			stroke: style.label,
			strokeWidth: 2,
			dash: [6, 6]
		});
		const pillW = Math.min(pillWidth(label), scale.x1 - x);
		const row = pillRows[0]! <= x ? 0 : pillRows[1]! <= x ? 1 : 0;
		const avail = row === 0 && pillRows[0]! > x ? Math.max(80, pillW) : pillW;
		pillRows[row] = x + avail + 8;
		front.push(
			pill(
				x + 2,
				34 + row * (PILL_H + 4),
				avail,
				label,
				{
					fill: phase.tooLong ? '#fff4d6' : '#ffffff',
					stroke: selected ? SELECTED : phase.tooLong ? '#8a5a00' : style.label,
					strokeWidth: selected ? 4 : 2,
					color: phase.tooLong ? '#6b4500' : style.label
				},
				{ kind: 'phase', id: phase.id }
			)
		);
	}

	// Lanes: labels on the left, a faint line between them.
	for (const lane of LANES) {
		const l = geo.lanes[lane];
		back.push({
			type: 'text',
			x: 20,
			y: l.top + (l.bottom - l.top) / 2 - 14,
			lines: wrapText(context.t(`timeline.lane.${lane}`), LABEL_COLUMN - 36, 20, {
				bold: true,
				maxLines: 2
			}),
			size: 20,
			bold: true,
			color: MUTED
		});
		if (lane !== 'child')
			back.push({
				type: 'line',
				points: [16, l.top, size.width - 16, l.top],
				stroke: '#dde2e8',
				strokeWidth: 2
			});
	}

	// Today and the deadlines: lines behind the cards, labels in front.
	const today = scale.x(model.today);
	back.push({
		type: 'line',
		points: [today, 28, today, bottom],
		stroke: '#a4161a',
		strokeWidth: 3,
		dash: [10, 8]
	});
	const todayLabel = context.t('timeline.today');
	const todayW = pillWidth(todayLabel, 18);
	front.push(
		pill(today - todayW / 2, 0, todayW, todayLabel, {
			fill: '#ffffff',
			stroke: '#a4161a',
			color: '#a4161a',
			size: 18
		})
	);
	let deadlineRight = -Infinity;
	for (const d of model.events.filter((e) => e.deadline)) {
		const x = scale.x(d.fromDay);
		back.push({
			type: 'line',
			points: [x, 28, x, line],
			stroke: '#7a1010',
			strokeWidth: 2,
			dash: [3, 5]
		});
		const label = `${d.title || context.t('timeline.deadline')} · ${formatDate(d.start, context.locale)}`;
		const w = Math.min(460, textWidth(label, 16, true) + 48);
		const left = Math.max(Math.min(x - 12, scale.x1 - w), deadlineRight + 8);
		deadlineRight = left + w;
		const selected = selectedId === d.id;
		front.push({
			type: 'group',
			x: left,
			y: line + 62,
			hit: { kind: 'event', id: d.id, draggable: true },
			children: [
				{
					type: 'rect',
					x: 0,
					y: 0,
					w,
					h: 30,
					r: 6,
					fill: '#fdecec',
					stroke: selected ? SELECTED : '#7a1010',
					strokeWidth: selected ? 4 : 2
				},
				{
					type: 'path',
					d: 'M5 21V4M5 4h12l-3 4 3 4H5',
					x: 8,
					y: 4,
					scale: 0.9,
					stroke: '#7a1010',
					strokeWidth: 2.4,
					fill: 'none'
				},
				{
					type: 'text',
					x: 34,
					y: 5,
					lines: [ellipsize(label, w - 42, 16, true)],
					size: 16,
					bold: true,
					color: '#7a1010'
				}
			]
		});
	}

	// The axis: a hit area to add an event, the placement track, the line, ticks and labels by
	// level of detail.
	front.push({
		type: 'group',
		hit: { kind: 'axis', id: 'axis' },
		children: [
			{
				type: 'rect',
				x: scale.x0,
				y: axisY,
				w: scale.x1 - scale.x0,
				h: AXIS_HEIGHT - 40,
				fill: 'rgba(29,78,137,0.05)'
			}
		]
	});
	for (const p of placements(model)) {
		const x = scale.x(p.fromDay);
		const w = Math.max(6, scale.x(p.toDay + 1) - x);
		const style = CATEGORY_STYLE.anbringelse;
		front.push({
			type: 'group',
			hit: { kind: 'event', id: p.id },
			children: [
				{ type: 'rect', x, y: line - 19, w, h: 14, r: 7, fill: style.color, opacity: 0.8 },
				{
					type: 'ellipse',
					cx: x,
					cy: line - 12,
					rx: 11,
					ry: 11,
					fill: '#ffffff',
					stroke: style.color,
					strokeWidth: 5
				}
			]
		});
	}
	front.push({
		type: 'line',
		points: [scale.x0, line, scale.x1, line],
		stroke: INK,
		strokeWidth: 3
	});
	const ticks = axisTicks(scale, context.locale);
	// The week row sits below the month row; at the zoom weeks appear, about 24 px below.
	const weekZoom = Math.min(...ticks.filter((t) => t.level === 'week').map((t) => t.labelScale));
	const weekRow = Math.min(60, Math.max(10, 24 / weekZoom));
	for (const tick of ticks) {
		const x = scale.x(tick.day);
		const len = tick.level === 'year' ? 22 : tick.level === 'month' ? 12 : 6;
		front.push({
			type: 'line',
			points: [x, line, x, line + len],
			stroke: INK,
			strokeWidth: tick.level === 'year' ? 3 : 1.5,
			minScale: tick.markScale
		});
		front.push({
			type: 'text',
			x: x + 4,
			y: line + (tick.level === 'week' ? 8 + weekRow : 8),
			lines: [tick.label],
			size: LABEL_PX[tick.level],
			fixed: true,
			bold: tick.level === 'year',
			color: tick.level === 'week' ? MUTED : INK,
			minScale: tick.labelScale
		});
	}

	// Cards, lane by lane, stacking away from the axis; what does not fit becomes "+N".
	for (const lane of LANES) {
		const l = geo.lanes[lane];
		const above = lane !== 'help';
		const more = new Map<number, TimelineEvent[]>();
		const overflow = packed[lane].some((p) => p.row >= l.rows);
		const cardRows = overflow ? Math.max(1, l.rows - 1) : l.rows;
		const rowY = (row: number) =>
			above ? l.bottom - (row + 1) * ROW + GAP / 2 : l.top + row * ROW + GAP / 2;
		for (const p of packed[lane]) {
			if (p.row >= cardRows) {
				const key = Math.round(p.x / (CARD_MIN_W / 2));
				more.set(key, [...(more.get(key) ?? []), p.event]);
				continue;
			}
			const y = rowY(p.row);
			stems.push({
				type: 'line',
				points: above ? [p.x + 4, y + CARD_H, p.x + 4, line] : [p.x + 4, line, p.x + 4, y],
				stroke: CATEGORY_STYLE[p.event.category].color,
				strokeWidth: 2
			});
			if (p.event.isPeriod)
				stems.push({
					type: 'rect',
					x: p.x,
					y: y + CARD_H - 12,
					w: Math.max(p.end - p.x, p.w),
					h: 12,
					r: 6,
					fill: CATEGORY_STYLE[p.event.category].color,
					opacity: 0.45
				});
			cards.push(card(p, y, selectedId === p.event.id, context));
		}
		if (l.rows === 1 && overflow) continue;
		let lastRight = -Infinity;
		for (const events of more.values()) {
			const first = events[0]!;
			const label = context.t('timeline.more', { count: events.length });
			const w = pillWidth(label, 18);
			const x = Math.max(scale.x(first.fromDay), lastRight + 8);
			lastRight = x + w;
			cards.push(
				pill(
					x,
					rowY(cardRows) + (CARD_H - PILL_H) / 2,
					w,
					label,
					{ fill: '#ffffff', stroke: MUTED, color: INK, size: 18 },
					{ kind: 'event', id: first.id }
				)
			);
		}
	}

	if (model.events.length === 0 && model.phases.length === 0)
		front.push(
			textBlock(
				context.t('timeline.empty'),
				{ x: scale.x0, y: geo.lanes.child.top + 20, width: scale.x1 - scale.x0 },
				{ size: 24, color: MUTED, align: 'center', maxLines: 3 }
			)
		);

	return {
		width: size.width,
		height: size.height,
		shapes: [...back, ...stems, ...cards, ...front]
	};
}
