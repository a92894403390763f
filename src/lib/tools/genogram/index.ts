/**
 * Genogram – the family over generations in standard notation (PRODUCT.md "Genogram"). The
 * tool's definition: how the canvas, the side panel, snapshots and the PDF use it.
 */
import type { ToolDefinition } from '../types';
import { seedGenogramDemo } from './demo';
import { diffGenogram } from './diff';
import { layoutGenogram, sceneOf } from './layout';
import { readGenogram, type GenogramModel } from './model';
import { nudgeMember, removeBond, removeHousehold, removeMember, removeUnion } from './ops';
import { summarizeGenogram } from './summary';

/** Selection kind of the form that adds a person on their own. */
export const NEW_MEMBER = 'new-member';
/** Arrow-key step in layout units (Shift: the big one). */
const STEP = 10;
const BIG_STEP = 50;

const SELECTABLE = new Set(['member', 'union', 'bond', 'household']);

export const genogram: ToolDefinition<GenogramModel> = {
	id: 'genogram',
	name: 'genogram.name',
	icon: 'M3 3h6v6H3zM18 6a3 3 0 11-6 0 3 3 0 016 0M6 9v4h9V9M10.5 13v3M7.5 16h6v5h-6z',
	size: { w: 1800, h: 1200 },
	read: (data) => readGenogram(data),
	layout: layoutGenogram,
	summary: summarizeGenogram,
	diff: diffGenogram,
	isEmpty: (model) => model.members.size === 0,
	tap(edit, hit) {
		if (!hit) return null;
		if (hit.kind === 'empty') return { tool: 'genogram', kind: NEW_MEMBER, id: '' };
		// The legend's switch opens the tool's panel, where the emotional layer is switched.
		if (hit.kind === 'toggle-bonds') return { tool: 'genogram', kind: 'tool', id: '' };
		if (SELECTABLE.has(hit.kind)) return { tool: 'genogram', kind: hit.kind, id: hit.id };
		return edit.context.selected;
	},
	drop(edit, hit, move) {
		if (hit.kind !== 'member') return null;
		const { k } = sceneOf(edit.model, edit.size);
		nudgeMember(
			edit.data,
			hit.id,
			(move.to.x - move.from.x) / k,
			(move.to.y - move.from.y) / k,
			edit.origin
		);
		return { tool: 'genogram', kind: 'member', id: hit.id };
	},
	remove(edit, selection) {
		if (selection.kind === 'member') removeMember(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'union') removeUnion(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'bond') removeBond(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'household') removeHousehold(edit.data, selection.id, edit.origin);
	},
	nudge(edit, selection, dx, dy, big) {
		if (selection.kind !== 'member') return;
		const step = big ? BIG_STEP : STEP;
		nudgeMember(edit.data, selection.id, dx * step, dy * step, edit.origin);
	},
	demo: seedGenogramDemo
};
