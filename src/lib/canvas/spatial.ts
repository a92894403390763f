/** A spatial index of element bounds (rbush) for viewport culling and marquee selection. */
import RBush from 'rbush';
import type { Box } from '$lib/board';

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
