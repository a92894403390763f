/**
 * The Signs of Safety layout (pure): model + content size → display list. Three wide columns of
 * cards (Hvad bekymrer os? · Hvad går godt? · Hvad skal der ske?), each in sections by kind,
 * readable at meeting-screen size; the voice on every card, the parents' voice standing out;
 * beneath them the overall safety scale with its question, both ends in words, one marker per
 * participant (parents above the line as circles, everyone else below as squares or diamonds),
 * the spread per group in words and the follow-up prompts beside it, and one smaller scale per
 * danger statement.
 */
import type { DisplayList, GroupShape, Shape } from '../draw/display';
import { pill, pillWidth } from '../draw/pill';
import { ellipsize, textBlock, textWidth, wrapText } from '../draw/text';
import { initials } from '../people';
import type { LayoutContext, Size } from '../types';
import { formatDate, parseDate } from '../timeline/dates';
import {
	COLUMN_KINDS,
	COLUMN_STYLE,
	OVERALL,
	SOS_COLUMNS,
	VOICE_STYLE,
	formatScore,
	scaleStats,
	type Rating,
	type SosCard,
	type SosColumn,
	type SosKind,
	type SosModel,
	type SosScale,
	type Voice
} from './model';

const PAD = 28;
const GAP = 28;
const HEADER_H = 96;
const SECTION_H = 32;
const CARD_GAP = 12;
const CARD_PAD = 12;
const TEXT_LINES = 4;
/** Card text sizes tried, largest first: the largest at which every card fits is used. */
const TEXT_SIZES = [30, 28, 26, 24, 22, 20, 18] as const;

/** The type sizes of the cards for one card text size. */
export interface CardType {
	text: number;
	textLH: number;
	small: number;
	smallLH: number;
	voiceRow: number;
	metaRow: number;
}

function cardType(size: number): CardType {
	const small = Math.round(size * 0.8);
	return {
		text: size,
		textLH: size * 1.25,
		small,
		smallLH: small * 1.25,
		voiceRow: Math.round(size * 1.25),
		metaRow: Math.round(size * 1.15)
	};
}
const MORE_H = 40;
const INK = '#1b1f24';
const MUTED = '#4a525c';
const SELECTED = '#1d4e89';
/** Below this view scale card text is too small to read and is not drawn. */
const TEXT_SCALE = 0.18;
const PAIR_ROW = 124;

export interface CardBox {
	card: SosCard;
	x: number;
	y: number;
	w: number;
	h: number;
	lines: string[];
	disagreement: string[];
}

export interface SectionBox {
	kind: SosKind;
	y: number;
	count: number;
}

export interface ColumnBox {
	column: SosColumn;
	x: number;
	w: number;
	top: number;
	bottom: number;
	cards: CardBox[];
	sections: SectionBox[];
	/** Cards that do not fit (shown as "+N"). */
	hidden: SosCard[];
}

/** Where a scale is drawn: its line from `x0` (0) to `x1` (10) at `lineY`. */
export interface ScaleBox {
	id: string;
	x: number;
	y: number;
	w: number;
	h: number;
	x0: number;
	x1: number;
	lineY: number;
	/** Marker radius. */
	r: number;
}

export interface SosGeometry {
	columns: Record<SosColumn, ColumnBox>;
	/** The cards' type sizes (the largest at which they all fit, down to a minimum). */
	type: CardType;
	scalesTop: number;
	overall: ScaleBox;
	/** The prompts' box beside the overall scale. */
	prompts: { x: number; y: number; w: number; h: number };
	pairsBox: { x: number; y: number; w: number; h: number };
	pairs: ScaleBox[];
	hiddenPairs: number;
}

function textLines(card: SosCard, width: number, type: CardType): string[] {
	return card.text ? wrapText(card.text, width, type.text, { maxLines: TEXT_LINES }) : [''];
}

function cardHeight(card: SosCard, lines: number, disagreement: number, type: CardType): number {
	let h = CARD_PAD + type.voiceRow + lines * type.textLH;
	if (disagreement > 0) h += 8 + type.smallLH + disagreement * type.smallLH;
	if (card.kind === 'next-step' && (card.owner || card.due)) h += type.metaRow;
	return Math.ceil(h + CARD_PAD);
}

/** The columns' cards at one type size; what does not fit is `hidden`. */
function layColumns(
	model: SosModel,
	type: CardType,
	colW: number,
	top: number,
	bottom: number
): Record<SosColumn, ColumnBox> {
	const columns = {} as Record<SosColumn, ColumnBox>;
	SOS_COLUMNS.forEach((column, i) => {
		const x = PAD + i * (colW + GAP);
		const box: ColumnBox = { column, x, w: colW, top, bottom, cards: [], sections: [], hidden: [] };
		let y = top + HEADER_H + 8;
		const textW = colW - 2 * CARD_PAD - 12;
		const list = model.columns[column];
		let full = false;
		for (const kind of COLUMN_KINDS[column] as readonly SosKind[]) {
			const cards = list.filter((c) => c.kind === kind);
			if (cards.length === 0) continue;
			let section: SectionBox | null = null;
			for (const card of cards) {
				if (full) {
					box.hidden.push(card);
					continue;
				}
				const lines = textLines(card, textW, type);
				const disagreement = card.disagreement
					? wrapText(card.disagreement, textW, type.small, { maxLines: 2 })
					: [];
				const h = cardHeight(card, lines.length, disagreement.length, type);
				const head = section ? 0 : SECTION_H;
				if (y + head + h > bottom - MORE_H) {
					full = true;
					box.hidden.push(card);
					continue;
				}
				if (!section) {
					section = { kind, y, count: cards.length };
					box.sections.push(section);
					y += SECTION_H;
				}
				box.cards.push({ card, x, y, w: colW, h, lines, disagreement });
				y += h + CARD_GAP;
			}
			y += 6;
		}
		columns[column] = box;
	});

	return columns;
}

/** Where everything goes, for a content size (shared by the layout and the canvas drops). */
export function sosGeometry(model: SosModel, size: Size): SosGeometry {
	const scalesH = Math.round(Math.min(420, Math.max(360, size.height * 0.25)));
	const scalesTop = Math.max(HEADER_H + 200, size.height - PAD - scalesH);
	const colW = Math.max(160, (size.width - 2 * PAD - 2 * GAP) / 3);
	const top = PAD;
	const bottom = scalesTop - GAP;
	let type = cardType(TEXT_SIZES[0]);
	let columns = layColumns(model, type, colW, top, bottom);
	for (const textSize of TEXT_SIZES.slice(1)) {
		if (SOS_COLUMNS.every((c) => columns[c].hidden.length === 0)) break;
		type = cardType(textSize);
		columns = layColumns(model, type, colW, top, bottom);
	}
	const innerTop = scalesTop + 16;
	const innerH = size.height - PAD - innerTop;
	const innerW = size.width - 2 * PAD;
	const overallW = Math.round(innerW * 0.62);
	const promptsW = Math.min(380, Math.round(overallW * 0.3));
	const scaleW = overallW - promptsW - GAP;
	const overall: ScaleBox = {
		id: OVERALL,
		x: PAD,
		y: innerTop,
		w: scaleW,
		h: innerH,
		x0: PAD + 44,
		x1: PAD + scaleW - 44,
		lineY: innerTop + 130,
		r: 20
	};
	const prompts = { x: PAD + scaleW + GAP / 2, y: innerTop, w: promptsW, h: innerH };
	const pairsBox = {
		x: PAD + overallW + GAP,
		y: innerTop,
		w: innerW - overallW - GAP,
		h: innerH
	};
	const rows = Math.max(1, Math.floor((innerH - 52) / PAIR_ROW));
	const shown = model.pairs.length > rows ? rows - 1 : model.pairs.length;
	const pairs = model.pairs.slice(0, Math.max(0, shown)).map((p, i): ScaleBox => {
		const y = innerTop + 52 + i * PAIR_ROW;
		return {
			id: p.danger.id,
			x: pairsBox.x,
			y,
			w: pairsBox.w,
			h: PAIR_ROW - 8,
			x0: pairsBox.x + 40,
			x1: pairsBox.x + pairsBox.w - 48,
			lineY: y + 74,
			r: 13
		};
	});
	return {
		columns,
		type,
		scalesTop,
		overall,
		prompts,
		pairsBox,
		pairs,
		hiddenPairs: model.pairs.length - pairs.length
	};
}

/** The scale value (0–10, whole) at content x on a scale. */
export function valueAt(box: ScaleBox, x: number): number {
	const t = (x - box.x0) / Math.max(1, box.x1 - box.x0);
	return Math.max(0, Math.min(10, Math.round(t * 10)));
}

/** "Forælder · Line" – the voice group and the person, when known. */
export function voiceLabel(card: SosCard, model: SosModel, context: LayoutContext): string {
	const group = card.voice ? context.t(`sos.voice.${card.voice}`) : '';
	const person = card.person ? model.people.get(card.person)?.name : undefined;
	if (group && person) return `${group} · ${person}`;
	return group || person || context.t('sos.voice.none');
}

function voiceIcon(voice: Voice, x: number, y: number, scale: number): Shape {
	return {
		type: 'path',
		d: VOICE_STYLE[voice].icon,
		x,
		y,
		scale,
		stroke: VOICE_STYLE[voice].color,
		strokeWidth: 2.2,
		fill: 'none'
	};
}

function drawCard(
	box: CardBox,
	model: SosModel,
	context: LayoutContext,
	selected: boolean,
	type: CardType
): GroupShape {
	const { card, w, h } = box;
	const voice = card.voice;
	const parent = voice === 'parent';
	const accent = voice ? VOICE_STYLE[voice].color : '#8a929e';
	const children: Shape[] = [
		{
			type: 'rect',
			x: 0,
			y: 0,
			w,
			h,
			r: 10,
			fill: parent ? VOICE_STYLE.parent.fill : '#ffffff',
			stroke: selected ? SELECTED : parent ? VOICE_STYLE.parent.color : '#b7bec8',
			strokeWidth: selected ? 5 : parent ? 3 : 2
		},
		{ type: 'rect', x: 0, y: 0, w: parent ? 12 : 8, h, r: 4, fill: accent }
	];
	const left = CARD_PAD + 12;
	const textW = w - left - CARD_PAD;
	let y = CARD_PAD;
	// The voice: icon and words (never colour alone); the pair's number at the right.
	const pairLabel = card.pair ? context.t('sos.pair.short', { n: card.pair }) : '';
	const pairW = pairLabel ? pillWidth(pairLabel, type.small - 2) : 0;
	if (voice) children.push(voiceIcon(voice, left - 2, y, type.small / 20));
	children.push({
		type: 'text',
		x: left + (voice ? type.small * 1.5 : 0),
		y: y + 2,
		lines: [
			ellipsize(
				voiceLabel(card, model, context),
				textW - (voice ? type.small * 1.5 : 0) - pairW - 8,
				type.small,
				true
			)
		],
		size: type.small,
		bold: true,
		color: voice ? VOICE_STYLE[voice].color : MUTED,
		minScale: TEXT_SCALE
	});
	if (pairLabel)
		children.push(
			pill(w - CARD_PAD - pairW, y - 4, pairLabel, {
				fill: '#ffffff',
				stroke: COLUMN_STYLE[card.column].color,
				color: COLUMN_STYLE[card.column].color,
				size: type.small - 2,
				h: type.voiceRow
			})
		);
	y += type.voiceRow;
	const empty = !card.text;
	children.push({
		type: 'text',
		x: left,
		y,
		lines: empty ? [context.t('sos.card.empty')] : box.lines,
		size: type.text,
		color: empty ? MUTED : INK,
		minScale: TEXT_SCALE
	});
	y += box.lines.length * type.textLH;
	if (box.disagreement.length > 0) {
		y += 8;
		children.push(
			{
				type: 'line',
				points: [left, y - 4, w - CARD_PAD, y - 4],
				stroke: '#d5dae1',
				strokeWidth: 1.5
			},
			{
				type: 'text',
				x: left,
				y,
				lines: [context.t('sos.card.disagreement')],
				size: type.small,
				bold: true,
				color: '#6b3a00',
				minScale: TEXT_SCALE
			},
			{
				type: 'text',
				x: left,
				y: y + type.smallLH,
				lines: box.disagreement,
				size: type.small,
				color: INK,
				minScale: TEXT_SCALE
			}
		);
		y += type.smallLH * (1 + box.disagreement.length);
	}
	if (card.kind === 'next-step' && (card.owner || card.due)) {
		children.push({
			type: 'text',
			x: left,
			y: y + 4,
			lines: [ellipsize(nextStepMeta(card, model, context), textW, type.small)],
			size: type.small,
			color: MUTED,
			minScale: TEXT_SCALE
		});
		y += type.metaRow;
	}
	return {
		type: 'group',
		x: box.x,
		y: box.y,
		hit: { kind: 'item', id: card.id, draggable: true },
		children
	};
}

/** "Ansvarlig: Jonas · senest 12. dec. 2026". */
export function nextStepMeta(card: SosCard, model: SosModel, context: LayoutContext): string {
	const parts: string[] = [];
	const owner = card.owner ? model.people.get(card.owner)?.name : undefined;
	if (owner) parts.push(context.t('sos.card.owner', { name: owner }));
	const due = card.due ? parseDate(card.due) : null;
	if (due) parts.push(context.t('sos.card.due', { date: formatDate(due, context.locale) }));
	return parts.join(' · ');
}

function drawColumn(box: ColumnBox, context: LayoutContext): Shape[] {
	const style = COLUMN_STYLE[box.column];
	const out: Shape[] = [
		{
			type: 'rect',
			x: box.x,
			y: box.top,
			w: box.w,
			h: box.bottom - box.top,
			r: 14,
			fill: style.fill
		},
		{
			type: 'path',
			d: style.icon,
			x: box.x + 18,
			y: box.top + 20,
			scale: 1.5,
			stroke: style.color,
			strokeWidth: 2.2,
			fill: 'none'
		}
	];
	const add = context.t('sos.add');
	const addW = pillWidth(add, 20);
	out.push(
		{
			type: 'text',
			x: box.x + 68,
			y: box.top + 16,
			lines: [ellipsize(context.t(`sos.column.${box.column}`), box.w - 68 - addW - 24, 32, true)],
			size: 32,
			bold: true,
			color: style.color
		},
		{
			type: 'text',
			x: box.x + 68,
			y: box.top + 58,
			lines: [ellipsize(context.t(`sos.column.${box.column}.hint`), box.w - 68 - addW - 24, 18)],
			size: 18,
			color: MUTED,
			minScale: TEXT_SCALE
		},
		pill(
			box.x + box.w - addW - 16,
			box.top + 22,
			add,
			{ fill: '#ffffff', stroke: style.color, color: style.color },
			{ kind: 'new-item', id: box.column }
		),
		{
			type: 'line',
			points: [box.x + 16, box.top + HEADER_H, box.x + box.w - 16, box.top + HEADER_H],
			stroke: style.color,
			strokeWidth: 2,
			opacity: 0.5
		}
	);
	for (const section of box.sections)
		out.push({
			type: 'text',
			x: box.x + 18,
			y: section.y + 6,
			lines: [
				ellipsize(
					`${context.t(`sos.kind.${section.kind}.section`)} (${section.count})`,
					box.w - 36,
					19,
					true
				)
			],
			size: 19,
			bold: true,
			color: MUTED,
			minScale: TEXT_SCALE
		});
	if (box.cards.length === 0 && box.hidden.length === 0)
		out.push(
			textBlock(
				context.t(`sos.column.${box.column}.empty`),
				{ x: box.x + 24, y: box.top + HEADER_H + 28, width: box.w - 48 },
				{ size: 22, color: MUTED, maxLines: 4 }
			)
		);
	if (box.hidden.length > 0) {
		const label = context.t('sos.more', { count: box.hidden.length });
		out.push(
			pill(
				box.x + 16,
				box.bottom - MORE_H - 4,
				label,
				{ fill: '#ffffff', stroke: MUTED, color: INK },
				{ kind: 'item', id: box.hidden[0]!.id }
			)
		);
	}
	return out;
}

/** A marker's shape: parents a circle, professionals a square, the network a diamond, a child a triangle. */
function markerShape(group: Voice, cx: number, cy: number, r: number, faded = false): Shape {
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
function drawMarkers(
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

function scaleLine(box: ScaleBox, numbers: boolean, size: number): Shape[] {
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

function previousMarker(
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

function drawOverall(model: SosModel, geo: SosGeometry, context: LayoutContext, selected: boolean) {
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

function drawPrompts(model: SosModel, geo: SosGeometry, context: LayoutContext): Shape[] {
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
function legendWidth(context: LayoutContext): number {
	return LEGEND.reduce((w, g) => w + 56 + textWidth(context.t(`sos.legend.${g}`), 18), -28);
}

/** The legend of marker shapes, right-aligned on the overall scale's bottom row. */
function drawLegend(geo: SosGeometry, context: LayoutContext): Shape[] {
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

function drawPairs(model: SosModel, geo: SosGeometry, context: LayoutContext): Shape[] {
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

/** Lays the columns and scales out in `size` (the frame's content area). */
export function layoutSos(model: SosModel, size: Size, context: LayoutContext): DisplayList {
	const geo = sosGeometry(model, size);
	const selected = context.selected?.tool === 'sos' ? context.selected : null;
	const shapes: Shape[] = [];
	for (const column of SOS_COLUMNS) shapes.push(...drawColumn(geo.columns[column], context));
	for (const column of SOS_COLUMNS)
		for (const box of geo.columns[column].cards)
			shapes.push(
				drawCard(
					box,
					model,
					context,
					selected?.kind === 'item' && selected.id === box.card.id,
					geo.type
				)
			);
	shapes.push({
		type: 'rect',
		x: PAD / 2,
		y: geo.scalesTop,
		w: size.width - PAD,
		h: size.height - geo.scalesTop - PAD / 2,
		r: 16,
		fill: '#eef1f5'
	});
	shapes.push(
		drawOverall(model, geo, context, selected?.kind === 'scale' && selected.id === OVERALL)
	);
	shapes.push(
		...drawLegend(geo, context),
		...drawPrompts(model, geo, context),
		...drawPairs(model, geo, context)
	);
	if (model.hideNames)
		shapes.push({
			type: 'text',
			x: geo.overall.x + geo.overall.w - 24,
			y: geo.overall.y + 20,
			lines: [context.t('sos.hiddenNames')],
			size: 17,
			color: MUTED,
			align: 'right'
		});
	return { width: size.width, height: size.height, shapes };
}

/** The column at content x (the nearest one). */
export function columnAt(geo: SosGeometry, x: number): SosColumn {
	let best: SosColumn = 'worries';
	let dist = Infinity;
	for (const column of SOS_COLUMNS) {
		const c = geo.columns[column];
		const d = x < c.x ? c.x - x : x > c.x + c.w ? x - c.x - c.w : 0;
		if (d < dist) {
			dist = d;
			best = column;
		}
	}
	return best;
}
