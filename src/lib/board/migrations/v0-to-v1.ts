/**
 * v0 → v1. Version 0 is the pre-release shape used by the prototype: no `meta.schemaVersion`,
 * and canvas items as plain objects in a Y.Array `items` (`{ id, kind: note|label|box|circle|line,
 * x, y, width, height, text, color, fromId?, toId? }`). A Y.Array of movable records duplicates
 * items under concurrent moves, which is why v1 keys every record by id in a Y.Map and orders by
 * a fractional `z`. This migration moves each valid item into `elements` (text into a Y.Text,
 * paint order from the array position), drops invalid ones, empties `items` and stamps v1.
 */
import * as Y from 'yjs';
import { elements, initBoard, meta } from '../doc';
import { keysBetween } from '../order';
import { MIGRATION_ORIGIN } from '../origin';
import { TEXT_ELEMENT_TYPES, type ElementType } from '../records/element';
import type { Migration } from './registry';

const KIND_TO_TYPE: Record<string, ElementType> = {
	note: 'sticky',
	label: 'text',
	box: 'rect',
	circle: 'ellipse',
	line: 'arrow'
};

const num = (value: unknown, fallback = 0): number =>
	typeof value === 'number' && Number.isFinite(value) ? value : fallback;

export const V0_ITEMS_KEY = 'items';

export const v0ToV1: Migration = {
	id: 'board/0001-elements-map',
	from: 0,
	to: 1,
	up(doc) {
		const items = doc.getArray<unknown>(V0_ITEMS_KEY);
		const raw = items
			.toArray()
			.map((item) => (item instanceof Y.Map ? (item.toJSON() as Record<string, unknown>) : item))
			.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
		const valid = raw.filter(
			(item) =>
				typeof item.id === 'string' &&
				item.id !== '' &&
				typeof item.kind === 'string' &&
				item.kind in KIND_TO_TYPE
		);
		const keys = keysBetween(null, null, valid.length);
		const target = elements(doc);
		valid.forEach((item, i) => {
			const id = item.id as string;
			if (target.has(id)) return;
			const type = KIND_TO_TYPE[item.kind as string] as ElementType;
			const map = new Y.Map<unknown>();
			target.set(id, map);
			const x = num(item.x);
			const y = num(item.y);
			map.set('type', type);
			map.set('x', x);
			map.set('y', y);
			map.set('w', Math.max(0, num(item.width)));
			map.set('h', Math.max(0, num(item.height)));
			map.set('rotation', 0);
			map.set('color', typeof item.color === 'string' ? item.color : '');
			map.set('z', keys[i] as string);
			map.set('createdAt', num(item.createdAt));
			if (TEXT_ELEMENT_TYPES.has(type))
				map.set('text', new Y.Text(typeof item.text === 'string' ? item.text : ''));
			if (type === 'arrow') {
				map.set('points', [0, 0, num(item.width), num(item.height)]);
				if (typeof item.fromId === 'string') map.set('from', item.fromId);
				if (typeof item.toId === 'string') map.set('to', item.toId);
			}
		});
		if (items.length > 0) items.delete(0, items.length);
		meta(doc).set('schemaVersion', 1);
		initBoard(doc, {}, MIGRATION_ORIGIN);
	}
};
