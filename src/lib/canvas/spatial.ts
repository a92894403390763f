/** A spatial index of element bounds (rbush) for viewport culling and marquee selection. */
import RBush from 'rbush';
import type { Box } from '$lib/board';
import { expandBox } from './viewport';

interface Entry extends Box {
	id: string;
}

export class SpatialIndex {
	readonly #tree = new RBush<Entry>();
	readonly #entries = new Map<string, Entry>();

	get size(): number {
		return this.#entries.size;
	}

	upsert(id: string, box: Box): void {
		const old = this.#entries.get(id);
		if (old) {
			if (
				old.minX === box.minX &&
				old.minY === box.minY &&
				old.maxX === box.maxX &&
				old.maxY === box.maxY
			)
				return;
			this.#tree.remove(old);
		}
		const entry = { id, minX: box.minX, minY: box.minY, maxX: box.maxX, maxY: box.maxY };
		this.#entries.set(id, entry);
		this.#tree.insert(entry);
	}

	remove(id: string): void {
		const old = this.#entries.get(id);
		if (!old) return;
		this.#tree.remove(old);
		this.#entries.delete(id);
	}

	/** Ids whose bounds intersect `box`. */
	search(box: Box): string[] {
		return this.#tree.search(box).map((e) => e.id);
	}

	/** Replaces everything at once (bulk load is much faster than single inserts). */
	load(items: { id: string; box: Box }[]): void {
		this.#tree.clear();
		this.#entries.clear();
		const entries = items.map(({ id, box }) => ({ id, ...box }));
		for (const e of entries) this.#entries.set(e.id, e);
		this.#tree.load(entries);
	}
}

/**
 * The elements in (and around) the view, in paint order. While the view only pans inside the
 * area searched last, at about the same zoom, and nothing changed (same content version), the
 * last result stands: a pan over a big board does not search and sort thousands of ids a frame.
 */
export class ViewSearch {
	readonly #index: SpatialIndex;
	#last: { area: Box; scale: number; version: number; ids: string[] } | null = null;

	constructor(index: SpatialIndex) {
		this.#index = index;
	}

	/** `seen`: the visible world; `order`: each id's paint position. */
	search(
		seen: Box,
		scale: number,
		version: number,
		order: Map<string, number>
	): { area: Box; ids: string[] } {
		const last = this.#last;
		if (
			last &&
			last.version === version &&
			Math.abs(last.scale / scale - 1) < 0.1 &&
			seen.minX >= last.area.minX &&
			seen.minY >= last.area.minY &&
			seen.maxX <= last.area.maxX &&
			seen.maxY <= last.area.maxY
		)
			return { area: last.area, ids: last.ids.slice() };
		const area = expandBox(seen, 0.25);
		const ids = this.#index.search(area);
		ids.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
		this.#last = { area, scale, version, ids: ids.slice() };
		return { area, ids };
	}
}
