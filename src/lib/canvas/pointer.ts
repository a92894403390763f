/**
 * Pointer input on the canvas: pan (drag empty space, middle button, space+drag, the hand tool,
 * touchpad scroll), pinch zoom, wheel zoom, shift+drag marquee, the drawing tools (note, text,
 * shapes, arrow, pen) with their drafts, double click to edit, and clicks and drags inside tool
 * frames (routed to the tool). Element drags themselves are Konva's (`transform.ts`).
 */
import Konva from 'konva';
import { createElement, newId, type Box } from '$lib/board';
import type { CanvasHost, Pos } from './host';
import type { ToolFrames, ToolHit } from './tool-frames';
import { SELECTION_COLOR, ink } from './style';
import { clampScale, screenToWorld, zoomAt, type Viewport } from './viewport';

type Gesture =
	| { kind: 'none' }
	| { kind: 'pan'; last: Pos; moved: boolean; clearOnClick: boolean }
	| { kind: 'marquee'; start: Pos; base: string[] }
	| { kind: 'place'; tool: 'sticky' | 'text'; at: Pos }
	| { kind: 'shape'; tool: 'rect' | 'ellipse' | 'frame'; start: Pos }
	| { kind: 'arrow'; start: Pos; from: string | null }
	| { kind: 'pen'; points: number[] }
	| { kind: 'pinch'; dist: number; mid: Pos; viewport: Viewport }
	| {
			kind: 'tool';
			target: ToolHit;
			start: Pos;
			world: Pos;
			moved: boolean;
			node: Konva.Group | undefined;
			origin: Pos | null;
	  };

/** What a point on the canvas is over. */
export interface CanvasHit {
	/** The element, if any. */
	id: string | null;
	/** A transformer anchor or arrow handle (Konva handles it). */
	anchor: boolean;
	/** The Konva shape under the point. */
	shape: Konva.Shape | null;
}

export interface PointerDeps {
	hit(pos: Pos): CanvasHit;
	tools: ToolFrames;
	setTool(tool: 'select'): void;
	cancelDrag(): void;
}

export class PointerInput {
	readonly #host: CanvasHost;
	readonly #deps: PointerDeps;
	readonly #draft = new Konva.Group({ listening: false });
	readonly #marquee = new Konva.Rect({
		visible: false,
		fill: 'rgba(29,78,137,0.08)',
		stroke: SELECTION_COLOR,
		strokeWidth: 1,
		listening: false
	});
	readonly pointers = new Map<number, Pos>();
	#gesture: Gesture = { kind: 'none' };
	/** Space is held: drags pan. */
	space = false;

	constructor(host: CanvasHost, deps: PointerDeps) {
		this.#host = host;
		this.#deps = deps;
		host.ui.add(this.#draft, this.#marquee);
	}

	/** Listens on the canvas and the window; returns the cleanup. */
	bind(onDoubleClick: (id: string) => void): () => void {
		const host = this.#host;
		const c = host.container;
		const opts = { capture: true } as const;
		const down = (e: PointerEvent) => this.#onDown(e);
		const move = (e: PointerEvent) => this.#onMove(e);
		const up = (e: PointerEvent) => this.#onUp(e);
		const leave = () => host.presence.setPointer(null);
		const wheel = (e: WheelEvent) => this.#onWheel(e);
		const dbl = (e: MouseEvent) => {
			const { id } = this.#deps.hit(host.pos(e));
			if (id && host.records.get(id)?.type !== 'tool') onDoubleClick(id);
		};
		c.addEventListener('pointerdown', down, opts);
		window.addEventListener('pointermove', move);
		window.addEventListener('pointerup', up);
		window.addEventListener('pointercancel', up);
		c.addEventListener('pointerleave', leave);
		c.addEventListener('wheel', wheel, { passive: false });
		c.addEventListener('dblclick', dbl);
		// Double tap on touch screens.
		host.stage.on('dbltap', () => {
			const p = host.stage.getPointerPosition();
			if (!p) return;
			const { id } = this.#deps.hit(p);
			if (id && host.records.get(id)?.type !== 'tool') onDoubleClick(id);
		});
		return () => {
			c.removeEventListener('pointerdown', down, opts);
			window.removeEventListener('pointermove', move);
			window.removeEventListener('pointerup', up);
			window.removeEventListener('pointercancel', up);
			c.removeEventListener('pointerleave', leave);
			c.removeEventListener('wheel', wheel);
			c.removeEventListener('dblclick', dbl);
		};
	}

	#onDown(e: PointerEvent): void {
		const host = this.#host;
		if (e.target instanceof HTMLTextAreaElement) return;
		const pos = host.pos(e);
		this.pointers.set(e.pointerId, pos);
		if (document.activeElement !== host.container) host.container.focus({ preventScroll: true });
		if (this.pointers.size === 2) {
			this.cancel();
			const [a, b] = [...this.pointers.values()] as [Pos, Pos];
			this.#gesture = {
				kind: 'pinch',
				dist: Math.hypot(a.x - b.x, a.y - b.y) || 1,
				mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
				viewport: host.viewport
			};
			return;
		}
		if (this.pointers.size > 2) return;
		const world = screenToWorld(host.viewport, pos);
		const tool = host.state.tool;
		if (e.button === 1 || this.space || tool === 'hand' || (host.readOnly() && tool !== 'select')) {
			this.#gesture = { kind: 'pan', last: pos, moved: false, clearOnClick: false };
			return;
		}
		if (e.button !== 0) return;
		const hit = this.#deps.hit(pos);
		if (hit.anchor) return;
		switch (tool) {
			case 'select': {
				const el = hit.id ? host.records.get(hit.id) : undefined;
				const target = el ? this.#deps.tools.hitAt(el, world, hit.shape) : null;
				if (el && target && !target.header && !e.shiftKey) {
					this.#startToolGesture(el.id, target, pos, world);
					break;
				}
				if (hit.id) {
					if (e.shiftKey) {
						const has = host.selection.includes(hit.id);
						host.select(
							has ? host.selection.filter((x) => x !== hit.id) : [...host.selection, hit.id]
						);
					} else if (!host.selection.includes(hit.id)) host.select([hit.id]);
				} else if (e.shiftKey) {
					this.#gesture = { kind: 'marquee', start: world, base: [...host.selection] };
				} else {
					this.#gesture = { kind: 'pan', last: pos, moved: false, clearOnClick: true };
				}
				break;
			}
			case 'sticky':
			case 'text':
				this.#gesture = { kind: 'place', tool, at: world };
				break;
			case 'rect':
			case 'ellipse':
			case 'frame':
				this.#gesture = { kind: 'shape', tool, start: world };
				break;
			case 'arrow':
				this.#gesture = { kind: 'arrow', start: world, from: hit.id };
				break;
			case 'pen':
				this.#gesture = { kind: 'pen', points: [world.x, world.y] };
				break;
		}
	}

	/**
	 * A press inside a tool frame's content works on the tool, not the frame: the frame does not
	 * move (it moves by its header), a draggable record follows the pointer.
	 */
	#startToolGesture(frameId: string, target: ToolHit, pos: Pos, world: Pos): void {
		const frame = this.#host.nodes.get(frameId);
		frame?.draggable(false);
		const node =
			frame && target.hit?.draggable && !this.#host.readOnly()
				? this.#deps.tools.hitNode(frame, target.hit)
				: undefined;
		this.#gesture = {
			kind: 'tool',
			target,
			start: pos,
			world,
			moved: false,
			node,
			origin: node ? { x: node.x(), y: node.y() } : null
		};
	}

	#onMove(e: PointerEvent): void {
		const host = this.#host;
		const pos = host.pos(e);
		const inside = pos.x >= 0 && pos.y >= 0 && pos.x <= host.width && pos.y <= host.height;
		if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, pos);
		if (inside) host.presence.setPointer(screenToWorld(host.viewport, pos));
		const g = this.#gesture;
		const world = screenToWorld(host.viewport, pos);
		const scale = host.viewport.scale;
		switch (g.kind) {
			case 'pinch': {
				if (this.pointers.size < 2) return;
				const [a, b] = [...this.pointers.values()] as [Pos, Pos];
				const dist = Math.hypot(a.x - b.x, a.y - b.y) || 1;
				const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
				const next = clampScale(g.viewport.scale * (dist / g.dist));
				const anchor = screenToWorld(g.viewport, g.mid);
				host.setViewport(
					{ scale: next, x: mid.x - anchor.x * next, y: mid.y - anchor.y * next },
					true
				);
				break;
			}
			case 'pan': {
				const dx = pos.x - g.last.x;
				const dy = pos.y - g.last.y;
				if (!g.moved && Math.hypot(dx, dy) < 3) return;
				g.moved = true;
				g.last = pos;
				host.setViewport(
					{ ...host.viewport, x: host.viewport.x + dx, y: host.viewport.y + dy },
					true
				);
				break;
			}
			case 'tool': {
				if (!g.moved && Math.hypot(pos.x - g.start.x, pos.y - g.start.y) < 4) return;
				g.moved = true;
				if (g.node && g.origin) {
					g.node.position({
						x: g.origin.x + world.x - g.world.x,
						y: g.origin.y + world.y - g.world.y
					});
					g.node.moveToTop();
					host.layer.batchDraw();
				}
				break;
			}
			case 'marquee': {
				const box = normBox(g.start, world);
				this.#marquee.setAttrs({
					visible: true,
					x: box.minX,
					y: box.minY,
					width: box.maxX - box.minX,
					height: box.maxY - box.minY,
					strokeWidth: 1 / scale
				});
				host.select([...new Set([...g.base, ...host.index.search(box)])]);
				host.ui.batchDraw();
				break;
			}
			case 'shape': {
				const box = normBox(g.start, world);
				this.#draft.destroyChildren();
				const attrs = { stroke: SELECTION_COLOR, strokeWidth: 2 / scale, dash: [8, 6] };
				this.#draft.add(
					g.tool === 'ellipse'
						? new Konva.Ellipse({
								...attrs,
								x: (box.minX + box.maxX) / 2,
								y: (box.minY + box.maxY) / 2,
								radiusX: (box.maxX - box.minX) / 2,
								radiusY: (box.maxY - box.minY) / 2
							})
						: new Konva.Rect({
								...attrs,
								x: box.minX,
								y: box.minY,
								width: box.maxX - box.minX,
								height: box.maxY - box.minY
							})
				);
				host.ui.batchDraw();
				break;
			}
			case 'arrow': {
				this.#draft.destroyChildren();
				this.#draft.add(
					new Konva.Arrow({
						points: [g.start.x, g.start.y, world.x, world.y],
						stroke: SELECTION_COLOR,
						fill: SELECTION_COLOR,
						strokeWidth: 4,
						pointerLength: 18,
						pointerWidth: 18
					})
				);
				host.ui.batchDraw();
				break;
			}
			case 'pen': {
				const last = g.points.length;
				const px = g.points[last - 2] ?? 0;
				const py = g.points[last - 1] ?? 0;
				if (Math.hypot(world.x - px, world.y - py) < 2 / scale) return;
				g.points.push(world.x, world.y);
				this.#draft.destroyChildren();
				this.#draft.add(
					new Konva.Line({
						points: g.points,
						stroke: ink(host.state.inkColor),
						strokeWidth: 5,
						lineCap: 'round',
						lineJoin: 'round',
						tension: 0.3
					})
				);
				host.ui.batchDraw();
				break;
			}
		}
	}

	#onUp(e: PointerEvent): void {
		const host = this.#host;
		const had = this.pointers.delete(e.pointerId);
		const g = this.#gesture;
		if (g.kind === 'pinch') {
			if (this.pointers.size < 2) this.#gesture = { kind: 'none' };
			return;
		}
		if (!had) return;
		const pos = host.pos(e);
		const world = screenToWorld(host.viewport, pos);
		this.#gesture = { kind: 'none' };
		this.#draft.destroyChildren();
		this.#marquee.visible(false);
		if (g.kind === 'shape' || g.kind === 'arrow' || g.kind === 'pen') host.boundary();
		switch (g.kind) {
			case 'pan':
				if (!g.moved && g.clearOnClick) {
					host.select([]);
					host.selectTool(null);
				}
				break;
			case 'tool': {
				const frame = host.records.get(g.target.frameId);
				const node = host.nodes.get(g.target.frameId);
				if (frame && node) node.draggable(host.canDrag(frame));
				if (g.moved && g.node) {
					const to = {
						x: g.target.at.x + world.x - g.world.x,
						y: g.target.at.y + world.y - g.world.y
					};
					this.#deps.tools.drop(g.target, to);
					// The drop redraws the frame; if nothing changed, put the record back.
					host.markDirty(g.target.frameId);
					this.#deps.tools.invalidateNode(g.target.frameId);
					host.render();
				} else if (!g.moved) this.#deps.tools.tap(g.target);
				break;
			}
			case 'place':
				this.#deps.setTool('select');
				host.createAt(g.tool, g.at, true);
				break;
			case 'shape': {
				const box = normBox(g.start, world);
				const small =
					(box.maxX - box.minX) * host.viewport.scale < 8 &&
					(box.maxY - box.minY) * host.viewport.scale < 8;
				if (small) host.createAt(g.tool, g.start, false);
				else {
					const id = newId();
					createElement(host.doc, {
						id,
						type: g.tool,
						x: box.minX,
						y: box.minY,
						w: box.maxX - box.minX,
						h: box.maxY - box.minY,
						color: g.tool === 'frame' ? '' : host.state.inkColor,
						author: host.userId
					});
					host.select([id]);
				}
				this.#deps.setTool('select');
				break;
			}
			case 'arrow': {
				const to = this.#deps.hit(pos).id;
				const len = Math.hypot(world.x - g.start.x, world.y - g.start.y) * host.viewport.scale;
				if (len > 10 || (to && to !== g.from)) {
					const id = newId();
					createElement(host.doc, {
						id,
						type: 'arrow',
						x: g.start.x,
						y: g.start.y,
						points: [0, 0, world.x - g.start.x, world.y - g.start.y],
						from: g.from,
						to: to && to !== g.from ? to : null,
						color: host.state.inkColor,
						author: host.userId
					});
					host.select([id]);
				}
				this.#deps.setTool('select');
				break;
			}
			case 'pen': {
				if (g.points.length < 4) break;
				let minX = Infinity;
				let minY = Infinity;
				for (let i = 0; i < g.points.length; i += 2) {
					minX = Math.min(minX, g.points[i] ?? 0);
					minY = Math.min(minY, g.points[i + 1] ?? 0);
				}
				const points = g.points.map(
					(p, i) => Math.round((p - (i % 2 === 0 ? minX : minY)) * 10) / 10
				);
				createElement(host.doc, {
					id: newId(),
					type: 'path',
					x: minX,
					y: minY,
					points,
					color: host.state.inkColor,
					author: host.userId
				});
				break;
			}
		}
		host.ui.batchDraw();
	}

	/** Drops the gesture in progress (a second finger came down). */
	cancel(): void {
		this.#draft.destroyChildren();
		this.#marquee.visible(false);
		this.#deps.cancelDrag();
		this.#gesture = { kind: 'none' };
	}

	#onWheel(e: WheelEvent): void {
		const host = this.#host;
		e.preventDefault();
		const pos = host.pos(e);
		const pixels = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? host.height : 1;
		if (!e.ctrlKey && Math.abs(e.deltaX) > 0 && !e.shiftKey) {
			// Two-finger scroll on a touchpad pans.
			host.setViewport(
				{
					...host.viewport,
					x: host.viewport.x - e.deltaX * pixels,
					y: host.viewport.y - e.deltaY * pixels
				},
				true
			);
			return;
		}
		const factor = Math.exp((-e.deltaY * pixels) / (e.ctrlKey ? 100 : 500));
		host.setViewport(zoomAt(host.viewport, pos, factor), true);
	}
}

export function normBox(a: Pos, b: Pos): Box {
	return {
		minX: Math.min(a.x, b.x),
		minY: Math.min(a.y, b.y),
		maxX: Math.max(a.x, b.x),
		maxY: Math.max(a.y, b.y)
	};
}
