/**
 * The Signs of Safety layout (pure): model + content size → display list. Three wide columns of
 * cards (Hvad bekymrer os? · Hvad går godt? · Hvad skal der ske?), each in sections by kind,
 * readable at meeting-screen size; the voice on every card, the parents' voice standing out;
 * beneath them the overall safety scale with its question, both ends in words, one marker per
 * participant (parents above the line as circles, everyone else below as squares or diamonds),
 * the spread per group in words and the follow-up prompts beside it, and one smaller scale per
 * danger statement.
 */
import { control, type DisplayList, type GroupShape, type Shape } from '../draw/display';
import { pill, pillWidth } from '../draw/pill';
import { ellipsize, textBlock, wrapText } from '../draw/text';
import type { LayoutContext, Size } from '../types';
import { formatDate, parseDate } from '../timeline/dates';
import {
	COLUMN_KINDS,
	COLUMN_STYLE,
	OVERALL,
	SOS_COLUMNS,
	VOICE_STYLE,
	type SosCard,
	type SosColumn,
	type SosKind,
	type SosModel,
	type Voice
} from './model';
import {
	PAD,
	GAP,
	HEADER_H,
	SECTION_H,
	CARD_GAP,
	CARD_PAD,
	TEXT_LINES,
	TEXT_SIZES,
	type CardType,
	cardType,
	MORE_H,
	INK,
	MUTED,
	SELECTED,
	TEXT_SCALE,
	PAIR_ROW
} from './metrics';
import { drawOverall, drawPrompts, drawLegend, drawPairs } from './scales-layout';
export type { CardType } from './metrics';
export { endsOf, questionOf, spreadText } from './scales-layout';

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
		control(
			pill(
				box.x + box.w - addW - 16,
				box.top + 22,
				add,
				{ fill: '#ffffff', stroke: style.color, color: style.color },
				{ kind: 'new-item', id: box.column }
			)
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
