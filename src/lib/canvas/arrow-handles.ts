/**
 * A single selected arrow gets a handle on each end. Dropping a handle on an element binds that
 * end to it (the arrow then follows the element); dropping it on empty space frees it.
 */
import Konva from 'konva';
import { arrowEndpoints, bindArrow } from '$lib/board';
import type { CanvasHost } from './host';
import { SELECTION_COLOR } from './style';

export class ArrowHandles {
	readonly #host: CanvasHost;
	#handles: Konva.Circle[] = [];

	constructor(host: CanvasHost) {
		this.#host = host;
	}

	get active(): boolean {
		return this.#handles.length > 0;
	}

	/** Shows, moves or removes the handles for the current selection. */
	sync(editable: boolean): void {
		const host = this.#host;
		const id = host.selection.length === 1 ? host.selection[0] : undefined;
		const el = id ? host.records.get(id) : undefined;
		if (!editable || !el || el.type !== 'arrow') {
			for (const h of this.#handles) h.destroy();
			this.#handles = [];
			return;
		}
		const [x0, y0, x1, y1] = arrowEndpoints(el, host.lookup);
		if (this.#handles.length === 0) {
			this.#handles = (['from', 'to'] as const).map((end) => {
				const handle = new Konva.Circle({
					name: 'arrow-handle',
					draggable: true,
					fill: '#ffffff',
					stroke: SELECTION_COLOR
				});
				handle.setAttr('end', end);
				handle.on('dragmove', () => this.#moveEnd(handle, false));
				handle.on('dragend', () => this.#moveEnd(handle, true));
				host.ui.add(handle);
				return handle;
			});
		}
		const k = 1 / host.viewport.scale;
		const [from, to] = this.#handles;
		for (const [h, x, y] of [
			[from, x0, y0],
			[to, x1, y1]
		] as const) {
			if (!h || h.isDragging()) continue;
			h.setAttrs({ x, y, radius: (host.coarse ? 14 : 9) * k, strokeWidth: 2 * k });
		}
	}

	#moveEnd(handle: Konva.Circle, commit: boolean): void {
		const host = this.#host;
		const id = host.selection[0];
		const el = id ? host.records.get(id) : undefined;
		const node = id ? host.nodes.get(id) : undefined;
		if (!id || !el || el.type !== 'arrow') return;
		const end = handle.getAttr('end') as 'from' | 'to';
		const p = { x: handle.x(), y: handle.y() };
		if (!commit) {
			const pts = arrowEndpoints(el, host.lookup);
			if (end === 'from') [pts[0], pts[1]] = [p.x, p.y];
			else [pts[2], pts[3]] = [p.x, p.y];
			node?.findOne<Konva.Arrow>('.body')?.points(pts);
			host.layer.batchDraw();
			return;
		}
		host.boundary();
		const target = this.#elementAt(p, id);
		if (!host.readOnly()) bindArrow(host.doc, { id, end, target, point: p });
		host.markDirty(id);
		host.render();
	}

	/** The topmost non-arrow element at world point `p`, other than `except`. */
	#elementAt(p: { x: number; y: number }, except: string): string | null {
		const host = this.#host;
		let best: string | null = null;
		for (const hit of host.index.search({ minX: p.x, minY: p.y, maxX: p.x, maxY: p.y })) {
			if (hit === except || host.records.get(hit)?.type === 'arrow') continue;
			if (best === null || host.orderOf(hit) > host.orderOf(best)) best = hit;
		}
		return best;
	}
}
