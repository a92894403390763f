/** Helpers for the tools' unit tests: documents, layout contexts and boxes in display lists. */
import * as Y from 'yjs';
import { addDemoPeople } from '../../../../server/demo/people';
import { initBoard } from '../../board/doc';
import { TOOLS } from '../registry';
import { translator } from '../../i18n';
import { boundsOfShapes, hitGroups, type DisplayList, type GroupShape } from '../draw/display';
import { measureShape } from '../draw/text';
import { toolData } from '../data';
import type { LayoutContext, ToolData, ToolId } from '../types';

export const TODAY = '2026-12-01';
export const NOW = new Date(`${TODAY}T10:00:00Z`);

/** A new board document with its nested maps, and one tool's data on it. */
export function boardWith(tool: ToolId): { doc: Y.Doc; data: ToolData } {
	const doc = new Y.Doc();
	initBoard(doc);
	return { doc, data: toolData(doc, tool) };
}

/** A board with the demo case's people and every registered tool's demo content. */
export function demoBoard(now = NOW): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc);
	doc.transact(() => {
		addDemoPeople(doc, now);
		for (const tool of TOOLS) tool.demo?.(toolData(doc, tool.id), now);
	});
	return doc;
}

export function context(overrides: Partial<LayoutContext> = {}): LayoutContext {
	return { t: translator('da'), locale: 'da', today: TODAY, selected: null, ...overrides };
}

export interface HitBox {
	kind: string;
	id: string;
	group: GroupShape;
	minX: number;
	minY: number;
	maxX: number;
	maxY: number;
}

/** Every hit group of a display list with its bounds in list coordinates. */
export function hitBoxes(list: DisplayList, kind?: string): HitBox[] {
	return hitGroups(list.shapes).flatMap(({ group, x, y }) => {
		if (!group.hit || (kind && group.hit.kind !== kind)) return [];
		const b = boundsOfShapes(group.children, measureShape);
		if (!b) return [];
		return [
			{
				kind: group.hit.kind,
				id: group.hit.id,
				group,
				minX: b.minX + x,
				minY: b.minY + y,
				maxX: b.maxX + x,
				maxY: b.maxY + y
			}
		];
	});
}

/** Pairs of boxes that overlap by more than `tolerance` in both directions. */
export function overlaps<T extends { minX: number; minY: number; maxX: number; maxY: number }>(
	boxes: T[],
	tolerance = 0.5
): [T, T][] {
	const out: [T, T][] = [];
	for (let i = 0; i < boxes.length; i++)
		for (let j = i + 1; j < boxes.length; j++) {
			const a = boxes[i]!;
			const b = boxes[j]!;
			if (
				Math.min(a.maxX, b.maxX) - Math.max(a.minX, b.minX) > tolerance &&
				Math.min(a.maxY, b.maxY) - Math.max(a.minY, b.minY) > tolerance
			)
				out.push([a, b]);
		}
	return out;
}
