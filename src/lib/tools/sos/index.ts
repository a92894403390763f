/**
 * Bekymringer · Det går godt · Det skal ske – the Signs of Safety columns (PRODUCT.md "Signs of
 * Safety"). The tool's definition: how the canvas, the side panel, snapshots and the PDF use it.
 * The UI names the tool by its columns; it follows Signs of Safety but is no official product.
 */
import type { Point, ToolDefinition, ToolEdit, ToolSelection } from '../types';
import { seedSosDemo } from './demo';
import { diffSos } from './diff';
import { columnAt, layoutSos, sosGeometry, valueAt } from './layout';
import {
	DEFAULT_KIND,
	OVERALL,
	SOS_COLUMNS,
	ownRating,
	participantKey,
	readSos,
	scaleById,
	type SosKind,
	type SosModel
} from './model';
import { moveCard, rate, removeCard, type CardPlace } from './ops';
import { summarizeSos } from './summary';

/** Selection kind of a card not written yet (`id`: its column). */
export const NEW_CARD = 'new-item';

const select = (kind: string, id: string): ToolSelection => ({ tool: 'sos', kind, id });

/**
 * Where a card dragged so that its centre is at `center` lands: the column under it, the kind
 * section and the neighbours it goes between (cards of other kinds are not neighbours).
 */
export function dropPlace(
	model: SosModel,
	size: { width: number; height: number },
	cardId: string,
	center: Point
): CardPlace | null {
	const card = model.cards.find((c) => c.id === cardId);
	if (!card) return null;
	const geo = sosGeometry(model, size);
	const column = columnAt(geo, center.x);
	const others = geo.columns[column].cards.map((b) => b).filter((b) => b.card.id !== cardId);
	const i = others.filter((b) => b.y + b.h / 2 < center.y).length;
	const prev = others[i - 1]?.card;
	const next = others[i]?.card;
	let kind: SosKind;
	if (prev && next && prev.kind === next.kind) kind = prev.kind;
	else if (card.column === column && (card.kind === prev?.kind || card.kind === next?.kind))
		kind = card.kind;
	else
		kind = prev?.kind ?? next?.kind ?? (card.column === column ? card.kind : DEFAULT_KIND[column]);
	const before = others.slice(0, i).filter((b) => b.card.kind === kind);
	const after = others.slice(i).filter((b) => b.card.kind === kind);
	return {
		column,
		kind,
		after: before.at(-1)?.card.id ?? null,
		before: after[0]?.card.id ?? null
	};
}

/** Whether a place is where the card already is (a drop that moves nothing). */
function samePlace(model: SosModel, cardId: string, place: CardPlace): boolean {
	const card = model.cards.find((c) => c.id === cardId);
	if (!card || card.column !== place.column || card.kind !== place.kind) return false;
	const section = model.columns[card.column].filter((c) => c.kind === card.kind);
	const i = section.findIndex((c) => c.id === cardId);
	return (
		(section[i - 1]?.id ?? null) === place.after && (section[i + 1]?.id ?? null) === place.before
	);
}

/** Moves the rater's own marker; anyone else's marker stays where its owner put it. */
function moveOwnMarker(edit: ToolEdit<SosModel>, scaleId: string, key: string, value: number) {
	const me = participantKey(edit.userId);
	const scale = scaleById(edit.model, scaleId);
	const mine = scale ? ownRating(scale, me) : undefined;
	if (key !== me || !mine || mine.value === value) return;
	rate(edit.data, scaleId, { key: me, group: mine.group, name: mine.name }, value, edit.origin);
}

export const sos: ToolDefinition<SosModel> = {
	id: 'sos',
	name: 'sos.name',
	icon: 'M3 4h5v16H3zM9.5 4h5v16h-5zM16 4h5v16h-5z',
	size: { w: 2560, h: 1440 },
	read: (data) => readSos(data),
	layout: layoutSos,
	summary: summarizeSos,
	diff: diffSos,
	isEmpty: (model) => model.cards.length === 0 && model.overall.ratings.length === 0,
	tap(_edit, hit) {
		if (!hit) return null;
		switch (hit.kind) {
			case 'item':
				return select('item', hit.id);
			case NEW_CARD:
				return SOS_COLUMNS.includes(hit.id as never) ? select(NEW_CARD, hit.id) : null;
			case 'scale':
				return select('scale', hit.id);
			case 'marker':
				return select('scale', hit.id.split('|')[0] ?? OVERALL);
			default:
				return null;
		}
	},
	drop(edit, hit, move) {
		if (hit.kind === 'marker') {
			const [scaleId = OVERALL, key = ''] = hit.id.split('|');
			const geo = sosGeometry(edit.model, edit.size);
			const box = scaleId === OVERALL ? geo.overall : geo.pairs.find((p) => p.id === scaleId);
			const scale = scaleById(edit.model, scaleId);
			const rating = scale?.ratings.find((r) => r.key === key);
			if (box && rating) {
				const x = box.x0 + (rating.value / 10) * (box.x1 - box.x0) + move.to.x - move.from.x;
				moveOwnMarker(edit, scaleId, key, valueAt(box, x));
			}
			return select('scale', scaleId);
		}
		if (hit.kind !== 'item') return null;
		const geo = sosGeometry(edit.model, edit.size);
		const box = Object.values(geo.columns)
			.flatMap((c) => c.cards)
			.find((b) => b.card.id === hit.id);
		if (!box) return select('item', hit.id);
		const center = {
			x: box.x + box.w / 2 + move.to.x - move.from.x,
			y: box.y + box.h / 2 + move.to.y - move.from.y
		};
		const place = dropPlace(edit.model, edit.size, hit.id, center);
		if (place && !samePlace(edit.model, hit.id, place))
			moveCard(edit.data, hit.id, place, edit.origin);
		return select('item', hit.id);
	},
	remove(edit, selection) {
		if (selection.kind === 'item') removeCard(edit.data, selection.id, edit.origin);
	},
	nudge(edit, selection, dx, dy, big) {
		if (selection.kind === 'scale') {
			if (dx === 0) return;
			const me = participantKey(edit.userId);
			const scale = scaleById(edit.model, selection.id);
			const mine = scale ? ownRating(scale, me) : undefined;
			if (mine)
				moveOwnMarker(
					edit,
					selection.id,
					me,
					Math.max(0, Math.min(10, mine.value + dx * (big ? 5 : 1)))
				);
			return;
		}
		if (selection.kind !== 'item') return;
		const card = edit.model.cards.find((c) => c.id === selection.id);
		if (!card) return;
		if (dx !== 0) {
			const column = SOS_COLUMNS[SOS_COLUMNS.indexOf(card.column) + dx];
			if (column)
				moveCard(
					edit.data,
					card.id,
					{ column, kind: DEFAULT_KIND[column], after: null, before: null },
					edit.origin
				);
			return;
		}
		if (dy === 0) return;
		const section = edit.model.columns[card.column].filter((c) => c.kind === card.kind);
		const others = section.filter((c) => c.id !== card.id);
		const i = section.findIndex((c) => c.id === card.id);
		const target = big
			? dy < 0
				? 0
				: others.length
			: Math.max(0, Math.min(others.length, i + dy));
		if (target === i) return;
		moveCard(
			edit.data,
			card.id,
			{
				column: card.column,
				kind: card.kind,
				after: others[target - 1]?.id ?? null,
				before: others[target]?.id ?? null
			},
			edit.origin
		);
	},
	demo: seedSosDemo
};
