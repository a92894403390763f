/**
 * Moving and transforming selected elements: Konva drag of element nodes (all selected move
 * together; the move is committed every 90 ms while dragging, so others see it live) and the
 * Transformer (resize and rotate; its scale is folded into w/h live). Arrows bound to what moves
 * follow with their live geometry.
 */
import Konva from 'konva';
import {
	moveElements,
	transformElements,
	type ElementRecord,
	type GeometryChange
} from '$lib/board';
import { MIN_FRAME } from '$lib/tools/frame';
import type { CanvasHost } from './host';
import { updateNode } from './nodes';
import { SELECTION_COLOR } from './style';

export interface DragState {
	ids: string[];
	start: Map<string, { x: number; y: number }>;
	/** The part of the move already committed to the document. */
	committed: { x: number; y: number };
	lastCommit: number;
}

export class TransformControls {
	readonly #host: CanvasHost;
	readonly transformer: Konva.Transformer;
	/** The drag in progress, if any. */
	drag: DragState | null = null;
	/** Sizes during a transform. */
	readonly transforming = new Map<string, ElementRecord>();
	/** Arrow ids bound to each element id (kept by the canvas). */
	readonly #arrowsOf: ReadonlyMap<string, ReadonlySet<string>>;
	readonly #showText: () => boolean;
	/** True while a drag must not start (two fingers are down: that is a pinch). */
	readonly #blocked: () => boolean;

	constructor(
		host: CanvasHost,
		arrowsOf: ReadonlyMap<string, ReadonlySet<string>>,
		showText: () => boolean,
		blocked: () => boolean
	) {
		this.#host = host;
		this.#arrowsOf = arrowsOf;
		this.#showText = showText;
		this.#blocked = blocked;
		this.transformer = new Konva.Transformer({
			rotateEnabled: true,
			keepRatio: false,
			ignoreStroke: true,
			flipEnabled: false,
			anchorSize: 14,
			anchorCornerRadius: 3,
			borderStroke: SELECTION_COLOR,
			borderStrokeWidth: 2,
			anchorStroke: SELECTION_COLOR,
			rotationSnaps: [0, 90, 180, 270],
			rotateAnchorOffset: 36,
			boundBoxFunc: (oldBox, newBox) => (newBox.width < 12 || newBox.height < 12 ? oldBox : newBox)
		});
	}

	/** Whether any element is being dragged or transformed. */
	get active(): boolean {
		return !!this.drag || this.transforming.size > 0;
	}

	/** Whether an element is being dragged or transformed (its node is ahead of the record). */
	busy(id: string): boolean {
		return (this.drag?.start.has(id) ?? false) || this.transforming.has(id);
	}

	bind(): void {
		const host = this.#host;
		host.layer.on('dragstart', (e) => {
			const node = e.target as unknown as Konva.Group;
			const id = node.id();
			if (!host.records.has(id) || this.#blocked()) {
				node.stopDrag();
				return;
			}
			if (!host.selection.includes(id)) host.select([id]);
			const ids = host.selection.filter((x) => {
				const el = host.records.get(x);
				return el !== undefined && host.canDrag(el);
			});
			const start = new Map(
				ids.flatMap((x) => {
					const n = host.nodes.get(x);
					return n ? [[x, { x: n.x(), y: n.y() }] as const] : [];
				})
			);
			host.boundary();
			this.drag = { ids, start, committed: { x: 0, y: 0 }, lastCommit: performance.now() };
		});
		host.layer.on('dragmove', (e) => {
			const drag = this.drag;
			if (!drag) return;
			const node = e.target as unknown as Konva.Group;
			const s = drag.start.get(node.id());
			if (!s) return;
			const dx = node.x() - s.x;
			const dy = node.y() - s.y;
			for (const [id, p] of drag.start)
				if (id !== node.id()) host.nodes.get(id)?.position({ x: p.x + dx, y: p.y + dy });
			this.refreshArrowsOf(drag.ids);
			this.transformer.forceUpdate();
			if (performance.now() - drag.lastCommit > 90) this.#commitDrag(dx, dy);
		});
		host.layer.on('dragend', (e) => {
			const drag = this.drag;
			if (!drag) return;
			const node = e.target as unknown as Konva.Group;
			const s = drag.start.get(node.id());
			if (s) this.#commitDrag(node.x() - s.x, node.y() - s.y);
			this.drag = null;
			for (const id of drag.ids) host.markDirty(id);
			host.render();
		});
		this.transformer.on('transformstart', () => host.boundary());
		this.transformer.on('transform', () => {
			for (const node of this.transformer.nodes()) {
				const id = node.id();
				const base = this.transforming.get(id) ?? host.records.get(id);
				if (!base) continue;
				const sx = node.scaleX();
				const sy = node.scaleY();
				const min = base.type === 'tool' ? MIN_FRAME : { w: 8, h: 8 };
				const next: ElementRecord = {
					...base,
					x: node.x(),
					y: node.y(),
					rotation: node.rotation(),
					w: Math.max(min.w, base.w * sx),
					h: Math.max(min.h, base.h * sy),
					points:
						base.type === 'path' && base.points
							? base.points.map((p, i) => p * (i % 2 === 0 ? sx : sy))
							: base.points,
					fontSize:
						base.type === 'text' && base.fontSize
							? Math.max(8, base.fontSize * Math.sqrt(sx * sy))
							: base.fontSize
				};
				this.transforming.set(id, next);
				node.scale({ x: 1, y: 1 });
				updateNode(node as Konva.Group, next, host.lookup, this.#showText());
			}
			this.refreshArrowsOf([...this.transforming.keys()]);
		});
		this.transformer.on('transformend', () => {
			const changes: GeometryChange[] = [...this.transforming.values()].map((el) => ({
				id: el.id,
				x: el.x,
				y: el.y,
				w: el.w,
				h: el.h,
				rotation: el.rotation,
				points: el.type === 'path' ? el.points : undefined,
				fontSize: el.type === 'text' ? el.fontSize : undefined
			}));
			const ids = [...this.transforming.keys()];
			if (!host.readOnly()) transformElements(host.doc, { changes });
			this.transforming.clear();
			for (const id of ids) host.markDirty(id);
			host.render();
		});
	}

	#commitDrag(dx: number, dy: number): void {
		const drag = this.drag;
		if (!drag || this.#host.readOnly()) return;
		const ddx = dx - drag.committed.x;
		const ddy = dy - drag.committed.y;
		if (ddx === 0 && ddy === 0) return;
		moveElements(this.#host.doc, { ids: drag.ids, dx: ddx, dy: ddy });
		drag.committed = { x: dx, y: dy };
		drag.lastCommit = performance.now();
	}

	/** Stops a drag in progress (a second finger came down). */
	cancelDrag(): void {
		for (const id of this.drag?.ids ?? []) {
			const node = this.#host.nodes.get(id);
			if (node?.isDragging()) node.stopDrag();
		}
	}

	/** Redraws arrows bound to the given elements with their live (uncommitted) geometry. */
	refreshArrowsOf(ids: string[]): void {
		const host = this.#host;
		for (const id of ids) {
			for (const arrowId of this.#arrowsOf.get(id) ?? []) {
				const arrow = host.records.get(arrowId);
				const node = host.nodes.get(arrowId);
				if (arrow && node) updateNode(node, arrow, host.lookup, this.#showText());
			}
		}
		host.layer.batchDraw();
	}

	/** Attaches the transformer to the selected nodes; returns whether anything changed. */
	sync(editable: boolean, coarse: boolean): boolean {
		const host = this.#host;
		const nodes = editable
			? host.selection.flatMap((id) => {
					const el = host.records.get(id);
					const node = host.nodes.get(id);
					return el && node && el.type !== 'arrow' && node.getLayer() ? [node] : [];
				})
			: [];
		const current = this.transformer.nodes();
		const changed = current.length !== nodes.length || current.some((n, i) => n !== nodes[i]);
		if (changed) this.transformer.nodes(nodes);
		const types = nodes.map((n) => host.records.get(n.id())?.type);
		this.transformer.keepRatio(types.length === 1 && types[0] === 'image');
		// A tool frame is resized, never rotated: its content is laid out for its box.
		this.transformer.rotateEnabled(!types.includes('tool'));
		this.transformer.anchorSize(coarse ? 22 : 14);
		return changed || current.length > 0 || nodes.length > 0;
	}
}
