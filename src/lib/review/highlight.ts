/**
 * Differences marked on a tool's picture (pure): a frame's display list with an outline around
 * every record a diff entry names – found through the layout's hit groups, so it works for every
 * tool whose layout tags its records (`group.hit.id`). Outlines differ by dash as well as colour,
 * so they read in black and white: added solid, changed dashed, removed dotted.
 */
import { boundsOfShapes, hitGroups, type DisplayList, type Shape } from '../tools/draw/display';
import { measureShape } from '../tools/draw/text';
import type { DiffEntry, DiffKind } from '../tools/types';

export const HIGHLIGHT: Record<DiffKind, { stroke: string; dash?: number[] }> = {
	added: { stroke: '#1f7a3a' },
	changed: { stroke: '#a15c00', dash: [14, 8] },
	removed: { stroke: '#b3261e', dash: [4, 6] }
};

/**
 * `list` with outlines around the records of `entries` (by id). Returns the list and how many
 * entries could be marked (the others are in the written list only).
 */
export function highlightChanges(
	list: DisplayList,
	entries: readonly DiffEntry[]
): { list: DisplayList; marked: number } {
	const kinds = new Map(entries.map((e) => [e.id, e.kind]));
	const outlines: Shape[] = [];
	const done = new Set<string>();
	for (const { group, x, y } of hitGroups(list.shapes)) {
		const kind = kinds.get(group.hit?.id ?? '');
		if (!kind || done.has(group.hit!.id)) continue;
		const box = boundsOfShapes(group.children, measureShape);
		if (!box) continue;
		done.add(group.hit!.id);
		const pad = 8;
		outlines.push({
			type: 'rect',
			x: x + box.minX - pad,
			y: y + box.minY - pad,
			w: box.maxX - box.minX + 2 * pad,
			h: box.maxY - box.minY + 2 * pad,
			r: 8,
			stroke: HIGHLIGHT[kind].stroke,
			strokeWidth: 6,
			dash: HIGHLIGHT[kind].dash
		});
	}
	return { list: { ...list, shapes: [...list.shapes, ...outlines] }, marked: done.size };
}
