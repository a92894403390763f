/**
 * The demo case's tools: each registered tool fills its demo content (its `demo`, written in the
 * tool's folder) and gets its frame on the board, laid out in a row from `origin`.
 */
import type * as Y from 'yjs';
import { getElement, elements } from '../../src/lib/board/doc';
import { placeToolFrame } from '../../src/lib/board/ops/elements';
import { toolFrameId } from '../../src/lib/board/records/element';
import { toolData } from '../../src/lib/tools/data';
import { TOOLS } from '../../src/lib/tools/registry';

const GAP = 120;

/**
 * Fills every tool's demo content (call inside the seeding transaction); the goals go into
 * `goals`, the board's goals document (docs/consent.md).
 */
export function addDemoToolContent(doc: Y.Doc, now: Date, goals?: Y.Doc): void {
	for (const tool of TOOLS) tool.demo?.(toolData(doc, tool.id, goals), now);
}

/**
 * Places (or moves) every tool's frame in rows of two from `origin`, so none overlaps the other
 * content. Returns the bottom of what it placed.
 */
export function layOutDemoToolFrames(doc: Y.Doc, origin: { x: number; y: number }): number {
	let x = origin.x;
	let y = origin.y;
	let rowHeight = 0;
	TOOLS.forEach((tool, i) => {
		if (i > 0 && i % 2 === 0) {
			x = origin.x;
			y += rowHeight + GAP;
			rowHeight = 0;
		}
		const id = toolFrameId(tool.id);
		const existing = getElement(doc, id);
		const { w, h } = existing ?? tool.size;
		if (existing) {
			const map = elements(doc).get(id);
			map?.set('x', x);
			map?.set('y', y);
		} else placeToolFrame(doc, { tool: tool.id, x, y, w, h, author: 'seed' });
		x += w + GAP;
		rowHeight = Math.max(rowHeight, h);
	});
	return y + rowHeight;
}
