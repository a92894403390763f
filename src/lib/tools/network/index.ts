/**
 * Netværkskort – the people around the children by closeness and sector (PRODUCT.md
 * "Netværkskort"). The tool's definition: how the canvas, the side panel, snapshots and the PDF
 * use it.
 */
import type { ToolDefinition } from '../types';
import { seedNetworkDemo } from './demo';
import { diffNetwork } from './diff';
import { cellAt, layoutNetwork, networkGeometry, placeTokens } from './layout';
import { cellId, parseCell, readNetwork, type Cell, type NetworkModel } from './model';
import { movePerson, removeLink, removePlacement } from './ops';
import { summarizeNetwork } from './summary';

/**
 * The cell one arrow-key step away: up goes a ring inwards, down a ring outwards, left and right
 * to the neighbouring sector. Only a cell (not a person) goes into the centre from ring 1.
 */
export function stepCell(
	model: NetworkModel,
	cell: Cell,
	dx: number,
	dy: number,
	intoCentre: boolean
): Cell {
	const first = model.sectors[0]?.id ?? '';
	if (cell.centre) return dy > 0 ? { centre: false, sector: first, ring: 0 } : cell;
	const index = Math.max(
		0,
		model.sectors.findIndex((s) => s.id === cell.sector)
	);
	const count = model.sectors.length;
	const sector =
		dx === 0
			? cell.sector
			: (model.sectors[(index + Math.sign(dx) + count) % count]?.id ?? cell.sector);
	const ring = cell.ring + Math.sign(dy);
	if (ring < 0) return intoCentre ? { centre: true } : { ...cell, sector };
	return { centre: false, sector, ring: Math.min(model.rings - 1, ring) };
}

export const network: ToolDefinition<NetworkModel> = {
	id: 'network',
	name: 'network.name',
	icon: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18M12 7.5a4.5 4.5 0 1 0 0 9a4.5 4.5 0 1 0 0-9M12 3v4.5M12 16.5V21M3 12h4.5M16.5 12H21',
	size: { w: 1760, h: 1300 },
	read: readNetwork,
	layout: layoutNetwork,
	summary: summarizeNetwork,
	diff: diffNetwork,
	isEmpty: (model) => model.people.length === 0,
	tap(_edit, hit) {
		if (!hit) return null;
		if (hit.kind === 'cell')
			return parseCell(hit.id) ? { tool: 'network', kind: 'cell', id: hit.id } : null;
		if (hit.kind === 'person' || hit.kind === 'link')
			return { tool: 'network', kind: hit.kind, id: hit.id };
		return null;
	},
	drop(edit, hit, move) {
		if (hit.kind !== 'person') return null;
		const geo = networkGeometry(edit.model, edit.size);
		// Where the token itself went (the pointer may have held it by its name).
		const place = placeTokens(edit.model, geo).get(hit.id);
		const at = place
			? { x: place.x + move.to.x - move.from.x, y: place.y + move.to.y - move.from.y }
			: move.to;
		movePerson(edit.data, hit.id, cellAt(geo, at), edit.origin);
		return { tool: 'network', kind: 'person', id: hit.id };
	},
	remove(edit, selection) {
		if (selection.kind === 'person') removePlacement(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'link') removeLink(edit.data, selection.id, edit.origin);
	},
	nudge(edit, selection, dx, dy) {
		if (dx === 0 && dy === 0) return;
		if (selection.kind === 'person') {
			const p = edit.model.people.find((x) => x.id === selection.id);
			if (!p) return;
			const from: Cell = p.centre
				? { centre: true }
				: { centre: false, sector: p.shownSector, ring: p.shownRing };
			// Out of the centre: to the innermost ring of the person's sector (or the first one).
			const home = edit.model.sectors.some((s) => s.id === p.shownSector)
				? p.shownSector
				: (edit.model.sectors[0]?.id ?? p.shownSector);
			const to: Cell = p.centre
				? dy > 0
					? { centre: false, sector: home, ring: 0 }
					: from
				: stepCell(edit.model, from, dx, dy, false);
			movePerson(edit.data, p.id, to, edit.origin);
			return;
		}
		if (selection.kind === 'cell') {
			const cell = parseCell(selection.id);
			if (!cell) return;
			return { ...selection, id: cellId(stepCell(edit.model, cell, dx, dy, true)) };
		}
	},
	demo: seedNetworkDemo
};
