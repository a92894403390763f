/**
 * The Konva canvas of a board: infinite pan/zoom, rendering with viewport culling (rbush) and
 * node reuse, selection, moving, transforming, drawing tools, in-place text editing, clipboard,
 * keyboard shortcuts, and the presence overlay (others' cursors and selections, following).
 *
 * Layers: `elements` (the board; listening off while the view moves) and `ui` (transformer,
 * marquee, drafts, presence; mostly not listening). Every change goes through the board ops.
 */
import Konva from 'konva';
import * as Y from 'yjs';
import {
	arrowEndpoints,
	bindArrow,
	boundsOf,
	createElement,
	deleteElements,
	elements,
	moveElements,
	newId,
	pasteElements,
	readElement,
	reorderElements,
	setColor,
	setText,
	TEXT_ELEMENT_TYPES,
	transformElements,
	unionBox,
	type Box,
	type ElementRecord,
	type GeometryChange,
	type ReorderDirection
} from '$lib/board';
import type { Presence } from '$lib/presence/presence.svelte';
import type { CanvasState, Tool } from './canvas-state.svelte';
import { createNode, fittedFontSize, ImageCache, setTextDetail, updateNode } from './nodes';
import { SpatialIndex } from './spatial';
import { drawOverview, OVERVIEW_SCALE } from './overview';
import { DEFAULT_FONT, DEFAULT_SIZE, SELECTION_COLOR, TEXT_MIN_SCALE } from './style';
import { TextOverlay } from './text-overlay';
import {
	clampScale,
	coveredInsets,
	expandBox,
	fitBox,
	screenToWorld,
	visibleWorld,
	zoomAt,
	type Insets,
	type Viewport
} from './viewport';

export interface CanvasOptions {
	container: HTMLDivElement;
	doc: Y.Doc;
	state: CanvasState;
	presence: Presence;
	userId: string;
	isReadOnly: () => boolean;
	undo: () => void;
	redo: () => void;
	/** Ends the current undo step, so the next change becomes a step of its own. */
	stopCapturing?: () => void;
	/** Accessible label of the text editor for an element. */
	editorLabel: (el: ElementRecord) => string;
	/** Uploads an image file, returns its sha256. */
	uploadImage?: (file: File) => Promise<string>;
	/** Controls floating over the canvas (toolbar, zoom buttons): fitting keeps clear of them. */
	floatingControls?: () => (HTMLElement | null | undefined)[];
}

type Gesture =
	| { kind: 'none' }
	| { kind: 'pan'; last: { x: number; y: number }; moved: boolean; clearOnClick: boolean }
	| { kind: 'marquee'; start: { x: number; y: number }; base: string[] }
	| { kind: 'place'; tool: 'sticky' | 'text'; at: { x: number; y: number } }
	| { kind: 'shape'; tool: 'rect' | 'ellipse' | 'frame'; start: { x: number; y: number } }
	| { kind: 'arrow'; start: { x: number; y: number }; from: string | null }
	| { kind: 'pen'; points: number[] }
	| { kind: 'pinch'; dist: number; mid: { x: number; y: number }; viewport: Viewport };

/** How many element nodes one frame may create (the rest follow in the next frames). */
const NODES_PER_FRAME = 120;
/** Above this many elements in view, a moving view is drawn as the overview. */
const MOVING_NODE_LIMIT = 300;
/** Up to this many elements in view, full detail and text are kept further out. */
const FEW_ELEMENTS = 150;
const OVERVIEW_SCALE_FEW = 0.12;
const TEXT_MIN_SCALE_FEW = 0.2;
const CLIPBOARD_MIME = 'application/x-moedetavle-elements';
let clipboard: ElementRecord[] = [];

export class BoardCanvas {
	readonly #o: CanvasOptions;
	readonly #stage: Konva.Stage;
	readonly #layer: Konva.Layer;
	readonly #ui: Konva.Layer;
	readonly #transformer: Konva.Transformer;
	readonly #marquee: Konva.Rect;
	readonly #draft: Konva.Group;
	readonly #presenceGroup: Konva.Group;
	readonly #overlay: TextOverlay;
	readonly #images: ImageCache;

	readonly #records = new Map<string, ElementRecord>();
	readonly #nodes = new Map<string, Konva.Group>();
	readonly #index = new SpatialIndex();
	/** Arrow ids bound to each element id. */
	readonly #arrowsOf = new Map<string, Set<string>>();
	#orderPos = new Map<string, number>();
	#orderDirty = true;
	readonly #dirty = new Set<string>();
	#reloadAll = true;
	#visible: string[] = [];
	#showText = true;
	/** Ids whose node is out of date because they changed while not drawn. */
	readonly #stale = new Set<string>();
	readonly #overview: Konva.Shape;
	#overviewOn = false;
	#pendingCount = 0;
	#moving = false;
	#overviewIds: string[] = [];
	#overviewSkip = new Set<string>();
	readonly #grid: HTMLDivElement;
	#presenceDirty = true;
	#presenceScale = 0;
	#gridTile = 40;
	#handles: Konva.Circle[] = [];
	#gridTimer: ReturnType<typeof setTimeout> | null = null;
	#coarse = false;

	#viewport: Viewport = { x: 0, y: 0, scale: 1 };
	#width = 0;
	#height = 0;
	#selection: string[] = [];
	#gesture: Gesture = { kind: 'none' };
	readonly #pointers = new Map<number, { x: number; y: number }>();
	#space = false;
	#frame = 0;
	#interactTimer: ReturnType<typeof setTimeout> | null = null;
	#listTimer: ReturnType<typeof setTimeout> | null = null;
	/** Drag of selected elements: start positions and the part of the move already committed. */
	#drag: {
		ids: string[];
		start: Map<string, { x: number; y: number }>;
		committed: { x: number; y: number };
		lastCommit: number;
	} | null = null;
	/** Sizes during a transform (the transformer's scale is folded into w/h live). */
	readonly #transforming = new Map<string, ElementRecord>();
	#followed: string | null = null;
	readonly #cursorNodes = new Map<number, Konva.Group>();
	readonly #cleanup: (() => void)[] = [];
	#destroyed = false;

	constructor(options: CanvasOptions) {
		this.#o = options;
		const { container } = options;
		this.#width = container.clientWidth || 800;
		this.#height = container.clientHeight || 600;
		this.#stage = new Konva.Stage({ container, width: this.#width, height: this.#height });
		this.#layer = new Konva.Layer();
		this.#ui = new Konva.Layer();
		this.#stage.add(this.#layer, this.#ui);
		this.#transformer = new Konva.Transformer({
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
		this.#marquee = new Konva.Rect({
			visible: false,
			fill: 'rgba(29,78,137,0.08)',
			stroke: SELECTION_COLOR,
			strokeWidth: 1,
			listening: false
		});
		this.#draft = new Konva.Group({ listening: false });
		this.#presenceGroup = new Konva.Group({ listening: false });
		this.#ui.add(this.#presenceGroup, this.#draft, this.#marquee, this.#transformer);
		this.#images = new ImageCache(() => this.#layer.batchDraw());
		this.#overview = new Konva.Shape({
			listening: false,
			perfectDrawEnabled: false,
			sceneFunc: (ctx) =>
				drawOverview(ctx._context, this.#overviewIds, this.#lookup, this.#overviewSkip)
		});
		this.#grid = document.createElement('div');
		this.#grid.className = 'board-grid';
		this.#grid.setAttribute('aria-hidden', 'true');
		container.prepend(this.#grid);
		this.#coarse = matchMedia('(pointer: coarse)').matches;
		this.#overlay = new TextOverlay(container, options.doc, (id) => this.#onEditClosed(id));

		this.#bindDoc();
		this.#bindPointer();
		this.#bindDrag();
		this.#bindKeyboard();
		const resize = new ResizeObserver(() => this.resize());
		resize.observe(container);
		this.#cleanup.push(() => resize.disconnect());
		this.#cleanup.push(options.presence.subscribe(() => this.#onPresence()));
		this.#schedule();
	}

	// ---------------------------------------------------------------- public API

	get viewport(): Viewport {
		return this.#viewport;
	}

	resize(): void {
		const { container } = this.#o;
		this.#width = container.clientWidth;
		this.#height = container.clientHeight;
		this.#stage.size({ width: this.#width, height: this.#height });
		this.#viewportChanged(false);
	}

	setTool(tool: Tool): void {
		this.#o.state.tool = tool;
		this.#overlay.close();
		this.#updateDraggable();
		this.#o.container.style.cursor =
			tool === 'hand' ? 'grab' : tool === 'select' ? 'default' : 'crosshair';
	}

	zoomBy(factor: number): void {
		this.#setViewport(
			zoomAt(this.#viewport, { x: this.#width / 2, y: this.#height / 2 }, factor),
			true
		);
	}

	zoomTo(scale: number): void {
		this.zoomBy(clampScale(scale) / this.#viewport.scale);
	}

	/** The canvas edges covered by floating controls. */
	#insets(): Insets {
		const controls = this.#o.floatingControls?.() ?? [];
		const rects = controls.flatMap((el) => (el ? [el.getBoundingClientRect()] : []));
		return coveredInsets(this.#o.container.getBoundingClientRect(), rects);
	}

	zoomToFit(): void {
		// The document may have changed since the last frame (the board just arrived).
		this.#applyDirty();
		const box = unionBox([...this.#records.values()].map((el) => this.#bounds(el)));
		this.#setViewport(
			box
				? fitBox(box, this.#width, this.#height, 48, 1.5, this.#insets())
				: { x: this.#width / 2, y: this.#height / 2, scale: 1 },
			true
		);
	}

	zoomToSelection(): void {
		const box = unionBox(this.#selection.flatMap((id) => this.#boundsOf(id) ?? []));
		if (box) this.#setViewport(fitBox(box, this.#width, this.#height, 64, 2, this.#insets()), true);
	}

	/** Selects and shows one element (from the list view). */
	focusElement(id: string): void {
		this.select([id]);
		const box = this.#boundsOf(id);
		if (!box) return;
		const seen = visibleWorld(this.#viewport, this.#width, this.#height);
		const inside =
			box.minX >= seen.minX &&
			box.maxX <= seen.maxX &&
			box.minY >= seen.minY &&
			box.maxY <= seen.maxY;
		if (!inside)
			this.#setViewport(
				fitBox(
					box,
					this.#width,
					this.#height,
					120,
					Math.max(0.6, this.#viewport.scale),
					this.#insets()
				),
				true
			);
	}

	select(ids: string[]): void {
		// Elements created a moment ago are in the document but maybe not yet in the cache.
		this.#applyDirty();
		this.#selection = ids.filter((id) => this.#records.has(id));
		this.#o.state.selection = this.#selection;
		this.#o.presence.setSelection(this.#selection);
		this.#syncTransformer();
		this.#drawPresence();
		if (this.#overviewOn) this.#schedule();
	}

	deleteSelection(): void {
		if (this.#readOnly() || this.#selection.length === 0) return;
		this.#boundary();
		deleteElements(this.#o.doc, { ids: this.#selection });
		this.select([]);
	}

	duplicateSelection(): void {
		if (this.#readOnly() || this.#selection.length === 0) return;
		this.#paste(this.#selectedRecords(), 40);
	}

	reorder(direction: ReorderDirection): void {
		if (this.#readOnly() || this.#selection.length === 0) return;
		this.#boundary();
		reorderElements(this.#o.doc, { ids: this.#selection, direction });
	}

	setSelectionColor(color: string): void {
		if (this.#readOnly() || this.#selection.length === 0) return;
		this.#boundary();
		setColor(this.#o.doc, { ids: this.#selection, color });
	}

	copy(): ElementRecord[] {
		clipboard = this.#withBoundArrows(this.#selectedRecords());
		return clipboard;
	}

	paste(records: ElementRecord[] = clipboard): void {
		if (this.#readOnly() || records.length === 0) return;
		this.#paste(records, 40);
	}

	editSelected(): void {
		const id = this.#selection[0];
		if (id && this.#selection.length === 1) this.startEditing(id);
	}

	/** The element with the font size its text is drawn at (notes shrink long text to fit). */
	#asDrawn(el: ElementRecord): ElementRecord {
		const fitted = fittedFontSize(this.#nodes.get(el.id));
		return fitted === undefined ? el : { ...el, fontSize: fitted };
	}

	startEditing(id: string): void {
		const el = this.#records.get(id);
		if (!el || this.#readOnly() || !TEXT_ELEMENT_TYPES.has(el.type)) return;
		this.#boundary();
		this.#nodes.get(id)?.findOne('.label')?.visible(false);
		this.#layer.batchDraw();
		this.#overlay.open(this.#asDrawn(el), this.#viewport, this.#o.editorLabel(el));
		this.#o.state.editing = id;
	}

	/** Creates an element of `type` at the centre of the view (keyboard and list users). */
	addAtCenter(type: 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame'): string | null {
		const c = screenToWorld(this.#viewport, { x: this.#width / 2, y: this.#height / 2 });
		return this.#createAt(type, c, true);
	}

	async insertImage(file: File): Promise<void> {
		if (this.#readOnly() || !this.#o.uploadImage) return;
		const sha = await this.#o.uploadImage(file);
		const size = await imageSize(file).catch(() => ({ w: 400, h: 300 }));
		const max = 600;
		const k = Math.min(1, max / Math.max(size.w, size.h));
		const w = size.w * k;
		const h = size.h * k;
		const c = screenToWorld(this.#viewport, { x: this.#width / 2, y: this.#height / 2 });
		const id = newId();
		this.#boundary();
		createElement(this.#o.doc, {
			id,
			type: 'image',
			x: c.x - w / 2,
			y: c.y - h / 2,
			w,
			h,
			src: sha,
			author: this.#o.userId
		});
		this.select([id]);
	}

	/** Test and benchmark hook: the number of element nodes currently drawn. */
	get drawnCount(): number {
		return this.#visible.length;
	}

	destroy(): void {
		this.#destroyed = true;
		cancelAnimationFrame(this.#frame);
		if (this.#interactTimer) clearTimeout(this.#interactTimer);
		if (this.#listTimer) clearTimeout(this.#listTimer);
		if (this.#gridTimer) clearTimeout(this.#gridTimer);
		this.#overlay.close();
		for (const fn of this.#cleanup) fn();
		this.#stage.destroy();
	}

	// ---------------------------------------------------------------- document → nodes

	#bindDoc(): void {
		const map = elements(this.#o.doc);
		const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
			for (const event of events) {
				if (event.target === map && event instanceof Y.YMapEvent)
					for (const key of event.keysChanged) this.#dirty.add(key);
				else {
					const id = event.path[0];
					if (typeof id === 'string') this.#dirty.add(id);
				}
			}
			this.#schedule();
		};
		map.observeDeep(observer);
		this.#cleanup.push(() => map.unobserveDeep(observer));
	}

	#schedule(): void {
		if (this.#frame || this.#destroyed) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			this.#render();
		});
	}

	readonly #lookup = (id: string): ElementRecord | undefined => {
		const temp = this.#transforming.get(id);
		if (temp) return temp;
		const rec = this.#records.get(id);
		if (rec && this.#drag?.start.has(id)) {
			const node = this.#nodes.get(id);
			if (node) return { ...rec, x: node.x(), y: node.y() };
		}
		return rec;
	};

	#bounds(el: ElementRecord): Box {
		return boundsOf(el, this.#lookup);
	}

	#boundsOf(id: string): Box | null {
		const el = this.#lookup(id);
		return el ? this.#bounds(el) : null;
	}

	#bindArrow(el: ElementRecord | undefined, add: boolean): void {
		if (!el || el.type !== 'arrow') return;
		for (const target of [el.from, el.to]) {
			if (!target) continue;
			let set = this.#arrowsOf.get(target);
			if (add) {
				if (!set) this.#arrowsOf.set(target, (set = new Set()));
				set.add(el.id);
			} else set?.delete(el.id);
		}
	}

	#applyDirty(): Set<string> {
		const changed = new Set<string>();
		const map = elements(this.#o.doc);
		if (this.#reloadAll) {
			this.#reloadAll = false;
			this.#dirty.clear();
			for (const [id, value] of map.entries()) {
				const el = readElement(id, value);
				if (!el) continue;
				this.#records.set(id, el);
				this.#bindArrow(el, true);
			}
			this.#index.load(
				[...this.#records.values()].map((el) => ({ id: el.id, box: this.#bounds(el) }))
			);
			this.#orderDirty = true;
			this.#scheduleList();
			return changed;
		}
		if (this.#dirty.size === 0) return changed;
		for (const id of this.#dirty) {
			const old = this.#records.get(id);
			const el = readElement(id, map.get(id));
			this.#bindArrow(old, false);
			if (!el) {
				if (old) {
					this.#records.delete(id);
					this.#index.remove(id);
					this.#nodes.get(id)?.destroy();
					this.#nodes.delete(id);
					this.#orderDirty = true;
					if (this.#overlay.editingId === id) this.#overlay.close();
				}
			} else {
				if (!old || old.z !== el.z || old.type !== el.type) this.#orderDirty = true;
				if (old && old.type !== el.type) {
					this.#nodes.get(id)?.destroy();
					this.#nodes.delete(id);
				}
				this.#records.set(id, el);
				this.#bindArrow(el, true);
				changed.add(id);
			}
			for (const arrow of this.#arrowsOf.get(id) ?? []) changed.add(arrow);
		}
		this.#dirty.clear();
		for (const id of changed) {
			const el = this.#records.get(id);
			if (el) this.#index.upsert(id, this.#bounds(el));
			this.#stale.add(id);
		}
		this.#presenceDirty = true;
		if (this.#selection.some((id) => !this.#records.has(id))) this.select(this.#selection);
		this.#scheduleList();
		return changed;
	}

	#render(): void {
		if (this.#destroyed) return;
		this.#applyDirty();
		if (this.#orderDirty) {
			const ids = [...this.#records.values()]
				.sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
				.map((el) => el.id);
			this.#orderPos = new Map(ids.map((id, i) => [id, i]));
		}
		const scale = this.#viewport.scale;
		const area = expandBox(visibleWorld(this.#viewport, this.#width, this.#height), 0.25);
		const inView = this.#index.search(area);
		// A small board on a small screen (a phone fitting the whole board) keeps full detail
		// and its text further out; a crowded view switches to the cheap overview sooner.
		const few = inView.length <= FEW_ELEMENTS;
		const showText = scale >= (few ? TEXT_MIN_SCALE_FEW : TEXT_MIN_SCALE);
		const textChanged = showText !== this.#showText;
		this.#showText = showText;
		// Far out, or while the view moves over a crowded area, draw the simplified overview;
		// full detail returns as soon as the view rests.
		const overview =
			scale < (few ? OVERVIEW_SCALE_FEW : OVERVIEW_SCALE) ||
			(this.#moving && inView.length > MOVING_NODE_LIMIT);

		const byOrder = (a: string, b: string) =>
			(this.#orderPos.get(a) ?? 0) - (this.#orderPos.get(b) ?? 0);
		inView.sort(byOrder);
		// Elements that need a real node even in the overview: what is selected, dragged, edited.
		const keep = new Set<string>([
			...this.#selection,
			...(this.#drag?.ids ?? []),
			...this.#transforming.keys()
		]);
		if (this.#overlay.editingId) keep.add(this.#overlay.editingId);
		// Creating hundreds of nodes at once (zooming in from the overview) would stall a frame:
		// create at most NODES_PER_FRAME per frame and draw the rest as overview shapes meanwhile.
		let budget = NODES_PER_FRAME;
		const pending: string[] = [];
		let visible = overview
			? inView.filter((id) => keep.has(id))
			: inView.filter((id) => {
					if (this.#nodes.has(id) || keep.has(id) || budget-- > 0) return true;
					pending.push(id);
					return false;
				});
		const missing = [...keep].filter(
			(id) => this.#records.has(id) && !visible.includes(id) && (this.#drag?.start.has(id) ?? false)
		);
		if (missing.length > 0) visible = [...visible, ...missing].sort(byOrder);
		this.#overviewIds = overview ? inView : pending;
		this.#overviewSkip = keep;

		for (const id of visible) {
			const el = this.#records.get(id);
			if (!el) continue;
			let node = this.#nodes.get(id);
			const busy = (this.#drag?.start.has(id) ?? false) || this.#transforming.has(id);
			if (!node) {
				node = createNode(el, this.#images);
				node.draggable(this.#canDrag(el));
				this.#nodes.set(id, node);
				updateNode(node, el, this.#lookup, showText);
				this.#stale.delete(id);
			} else if (this.#stale.has(id) && !busy) {
				updateNode(node, el, this.#lookup, showText);
				this.#stale.delete(id);
				if (this.#overlay.editingId === id) node.findOne('.label')?.visible(false);
			} else if (textChanged) setTextDetail(node, showText && this.#overlay.editingId !== id);
		}
		const same =
			!this.#orderDirty &&
			overview === this.#overviewOn &&
			pending.length === 0 &&
			this.#pendingCount === 0 &&
			visible.length === this.#visible.length &&
			visible.every((id, i) => this.#visible[i] === id);
		if (!same) {
			this.#layer.removeChildren();
			const nodes = visible.flatMap((id) => this.#nodes.get(id) ?? []);
			if (overview || pending.length > 0) this.#layer.add(this.#overview);
			if (nodes.length > 0) this.#layer.add(...nodes);
			this.#visible = visible;
			this.#overviewOn = overview;
		}
		this.#orderDirty = false;
		this.#pendingCount = pending.length;
		if (pending.length > 0) this.#schedule();
		if (this.#overlay.editingId) {
			const editing = this.#records.get(this.#overlay.editingId);
			this.#overlay.update(editing && this.#asDrawn(editing), this.#viewport);
		}
		this.#syncTransformer();
		if (this.#presenceDirty || this.#presenceScale !== scale) this.#drawPresence();
		this.#layer.batchDraw();
		if (!this.#o.state.ready) this.#o.state.ready = true;
	}

	#scheduleList(): void {
		this.#o.state.count = this.#records.size;
		if (this.#listTimer) return;
		this.#listTimer = setTimeout(() => {
			this.#listTimer = null;
			this.#o.state.items = [...this.#records.values()].sort(
				(a, b) => a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : 1)
			);
		}, 250);
	}

	// ---------------------------------------------------------------- viewport

	#setViewport(v: Viewport, byUser: boolean): void {
		this.#viewport = v;
		if (byUser) this.#o.presence.breakAway();
		this.#viewportChanged(true);
	}

	#viewportChanged(moving: boolean): void {
		const v = this.#viewport;
		this.#stage.position({ x: v.x, y: v.y });
		this.#stage.scale({ x: v.scale, y: v.scale });
		if (Math.round(this.#o.state.zoom * 100) !== Math.round(v.scale * 100))
			this.#o.state.zoom = v.scale;
		this.#moveGrid();
		const seen = visibleWorld(v, this.#width, this.#height);
		this.#o.presence.setViewport({
			x: seen.minX,
			y: seen.minY,
			w: seen.maxX - seen.minX,
			h: seen.maxY - seen.minY
		});
		if (moving) {
			// While the view moves nothing needs hit testing: skip the hit canvas until it rests.
			this.#layer.listening(false);
			this.#moving = true;
			if (this.#interactTimer) clearTimeout(this.#interactTimer);
			this.#interactTimer = setTimeout(() => {
				this.#moving = false;
				this.#layer.listening(true);
				this.#render();
			}, 180);
		}
		this.#render();
	}

	/**
	 * The dot grid is a tiled background on its own element, three screens large, moved and
	 * scaled with a transform: the compositor does that without repainting. Only when a zoom
	 * comes to rest is the tile size changed (one repaint, so the dots stay crisp).
	 */
	#moveGrid(): void {
		const v = this.#viewport;
		let size = 40 * v.scale;
		while (size < 16) size *= 5;
		const style = this.#grid.style;
		const k = size / this.#gridTile;
		const mod = (a: number) => ((a % size) + size) % size;
		style.transform = `translate3d(${mod(v.x + this.#width)}px, ${mod(v.y + this.#height)}px, 0) scale(${k})`;
		if (k !== 1) {
			if (this.#gridTimer) clearTimeout(this.#gridTimer);
			this.#gridTimer = setTimeout(() => {
				this.#gridTimer = null;
				this.#gridTile = size;
				style.backgroundSize = `${size}px ${size}px`;
				this.#moveGrid();
			}, 200);
		}
	}

	#onPresence(): void {
		const target = this.#o.presence.followTarget;
		const rect = target?.viewport;
		if (rect) {
			const key = `${target.clientId}:${rect.x.toFixed(1)}:${rect.y.toFixed(1)}:${rect.w.toFixed(1)}:${rect.h.toFixed(1)}`;
			if (key !== this.#followed) {
				this.#followed = key;
				this.#setViewport(
					fitBox(
						{ minX: rect.x, minY: rect.y, maxX: rect.x + rect.w, maxY: rect.y + rect.h },
						this.#width,
						this.#height,
						0,
						6
					),
					false
				);
			}
		} else this.#followed = null;
		this.#presenceDirty = true;
		this.#drawPresenceSoon();
	}

	#presenceFrame = 0;
	#drawPresenceSoon(): void {
		if (this.#presenceFrame) return;
		this.#presenceFrame = requestAnimationFrame(() => {
			this.#presenceFrame = 0;
			this.#drawPresence();
			this.#ui.batchDraw();
		});
	}

	#drawPresence(): void {
		this.#presenceDirty = false;
		this.#presenceScale = this.#viewport.scale;
		const k = 1 / this.#viewport.scale;
		const peers = this.#o.presence.remoteStates();
		const alive = new Set<number>();
		this.#presenceGroup.destroyChildren();
		// Selections: others' in their colour, and arrows/paths of my own (the transformer skips them).
		const outline = (box: Box, color: string, dash: boolean) =>
			this.#presenceGroup.add(
				new Konva.Rect({
					x: box.minX - 6 * k,
					y: box.minY - 6 * k,
					width: box.maxX - box.minX + 12 * k,
					height: box.maxY - box.minY + 12 * k,
					stroke: color,
					strokeWidth: 3 * k,
					dash: dash ? [10 * k, 6 * k] : undefined,
					cornerRadius: 6 * k,
					listening: false
				})
			);
		for (const peer of peers) {
			for (const id of peer.selection) {
				const box = this.#boundsOf(id);
				if (box) outline(box, peer.user.color, true);
			}
		}
		for (const id of this.#selection) {
			if (this.#records.get(id)?.type !== 'arrow') continue;
			const box = this.#boundsOf(id);
			if (box) outline(box, SELECTION_COLOR, false);
		}
		for (const peer of peers) {
			if (!peer.pointer) continue;
			alive.add(peer.clientId);
			let cursor = this.#cursorNodes.get(peer.clientId);
			if (!cursor) {
				cursor = new Konva.Group({ listening: false, name: 'cursor' });
				cursor.add(
					new Konva.Path({
						data: 'M0 0 L0 22 L6 16 L11 27 L15 25 L10 15 L18 15 Z',
						fill: peer.user.color,
						stroke: '#ffffff',
						strokeWidth: 1.5
					})
				);
				const label = new Konva.Label({ x: 16, y: 26 });
				label.add(new Konva.Tag({ fill: peer.user.color, cornerRadius: 4 }));
				label.add(
					new Konva.Text({
						text: peer.user.name,
						fill: '#ffffff',
						fontSize: 16,
						padding: 5,
						fontStyle: 'bold'
					})
				);
				cursor.add(label);
				this.#cursorNodes.set(peer.clientId, cursor);
			}
			cursor.position(peer.pointer);
			cursor.scale({ x: k, y: k });
			this.#presenceGroup.add(cursor);
		}
		// Test hook and a text trace of what is drawn: whose cursors are on the canvas.
		const names = peers
			.filter((p) => p.pointer)
			.map((p) => p.user.name)
			.join(',');
		if (this.#o.container.dataset.cursors !== names) this.#o.container.dataset.cursors = names;
		for (const [id, node] of this.#cursorNodes) {
			if (!alive.has(id)) {
				node.destroy();
				this.#cursorNodes.delete(id);
			}
		}
	}

	// ---------------------------------------------------------------- pointer input

	#pos(e: PointerEvent | WheelEvent): { x: number; y: number } {
		const rect = this.#o.container.getBoundingClientRect();
		return { x: e.clientX - rect.left, y: e.clientY - rect.top };
	}

	#hit(pos: { x: number; y: number }): { id: string | null; anchor: boolean } {
		const shape = this.#stage.getIntersection(pos);
		if (!shape) return { id: this.#overviewOn ? this.#hitOverview(pos) : null, anchor: false };
		if (
			shape.getParent() === this.#transformer ||
			shape.findAncestor('Transformer') ||
			shape.name() === 'arrow-handle'
		)
			return { id: null, anchor: true };
		const group = shape.findAncestor('.element') as Konva.Group | undefined;
		return { id: group?.id() ?? null, anchor: false };
	}

	/** In the overview elements have no nodes: find the topmost element under `pos` in the index. */
	#hitOverview(pos: { x: number; y: number }): string | null {
		const w = screenToWorld(this.#viewport, pos);
		const hits = this.#index.search({ minX: w.x, minY: w.y, maxX: w.x, maxY: w.y });
		let best: string | null = null;
		for (const id of hits)
			if (best === null || (this.#orderPos.get(id) ?? 0) > (this.#orderPos.get(best) ?? 0))
				best = id;
		return best;
	}

	#boundary(): void {
		this.#o.stopCapturing?.();
	}

	#readOnly(): boolean {
		return this.#o.isReadOnly();
	}

	#canDrag(el: ElementRecord): boolean {
		return (
			!this.#readOnly() &&
			this.#o.state.tool === 'select' &&
			!(el.type === 'arrow' && (el.from || el.to))
		);
	}

	#updateDraggable(): void {
		for (const [id, node] of this.#nodes) {
			const el = this.#records.get(id);
			if (el) node.draggable(this.#canDrag(el));
		}
	}

	#bindPointer(): void {
		const c = this.#o.container;
		const opts = { capture: true } as const;
		const down = (e: PointerEvent) => this.#onDown(e);
		const move = (e: PointerEvent) => this.#onMove(e);
		const up = (e: PointerEvent) => this.#onUp(e);
		const leave = () => this.#o.presence.setPointer(null);
		const wheel = (e: WheelEvent) => this.#onWheel(e);
		const dbl = (e: MouseEvent) => {
			const { id } = this.#hit(this.#pos(e as PointerEvent));
			if (id) this.startEditing(id);
		};
		c.addEventListener('pointerdown', down, opts);
		window.addEventListener('pointermove', move);
		window.addEventListener('pointerup', up);
		window.addEventListener('pointercancel', up);
		c.addEventListener('pointerleave', leave);
		c.addEventListener('wheel', wheel, { passive: false });
		c.addEventListener('dblclick', dbl);
		this.#cleanup.push(() => {
			c.removeEventListener('pointerdown', down, opts);
			window.removeEventListener('pointermove', move);
			window.removeEventListener('pointerup', up);
			window.removeEventListener('pointercancel', up);
			c.removeEventListener('pointerleave', leave);
			c.removeEventListener('wheel', wheel);
			c.removeEventListener('dblclick', dbl);
		});
		// Double tap on touch screens.
		this.#stage.on('dbltap', () => {
			const p = this.#stage.getPointerPosition();
			if (!p) return;
			const { id } = this.#hit(p);
			if (id) this.startEditing(id);
		});
	}

	#onDown(e: PointerEvent): void {
		if (e.target instanceof HTMLTextAreaElement) return;
		const pos = this.#pos(e);
		this.#pointers.set(e.pointerId, pos);
		if (document.activeElement !== this.#o.container)
			this.#o.container.focus({ preventScroll: true });
		if (this.#pointers.size === 2) {
			this.#cancelGesture();
			const [a, b] = [...this.#pointers.values()] as [
				{ x: number; y: number },
				{ x: number; y: number }
			];
			this.#gesture = {
				kind: 'pinch',
				dist: Math.hypot(a.x - b.x, a.y - b.y) || 1,
				mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
				viewport: this.#viewport
			};
			return;
		}
		if (this.#pointers.size > 2) return;
		const world = screenToWorld(this.#viewport, pos);
		const tool = this.#o.state.tool;
		if (
			e.button === 1 ||
			this.#space ||
			tool === 'hand' ||
			(this.#readOnly() && tool !== 'select')
		) {
			this.#gesture = { kind: 'pan', last: pos, moved: false, clearOnClick: false };
			return;
		}
		if (e.button !== 0) return;
		const hit = this.#hit(pos);
		if (hit.anchor) return;
		switch (tool) {
			case 'select':
				if (hit.id) {
					if (e.shiftKey) {
						const has = this.#selection.includes(hit.id);
						this.select(
							has ? this.#selection.filter((x) => x !== hit.id) : [...this.#selection, hit.id]
						);
					} else if (!this.#selection.includes(hit.id)) this.select([hit.id]);
				} else if (e.shiftKey) {
					this.#gesture = { kind: 'marquee', start: world, base: this.#selection };
				} else {
					this.#gesture = { kind: 'pan', last: pos, moved: false, clearOnClick: true };
				}
				break;
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

	#onMove(e: PointerEvent): void {
		const pos = this.#pos(e);
		const inside = pos.x >= 0 && pos.y >= 0 && pos.x <= this.#width && pos.y <= this.#height;
		if (this.#pointers.has(e.pointerId)) this.#pointers.set(e.pointerId, pos);
		if (inside) this.#o.presence.setPointer(screenToWorld(this.#viewport, pos));
		const g = this.#gesture;
		const world = screenToWorld(this.#viewport, pos);
		switch (g.kind) {
			case 'pinch': {
				if (this.#pointers.size < 2) return;
				const [a, b] = [...this.#pointers.values()] as [
					{ x: number; y: number },
					{ x: number; y: number }
				];
				const dist = Math.hypot(a.x - b.x, a.y - b.y) || 1;
				const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
				const scale = clampScale(g.viewport.scale * (dist / g.dist));
				const anchor = screenToWorld(g.viewport, g.mid);
				this.#setViewport(
					{ scale, x: mid.x - anchor.x * scale, y: mid.y - anchor.y * scale },
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
				this.#setViewport(
					{ ...this.#viewport, x: this.#viewport.x + dx, y: this.#viewport.y + dy },
					true
				);
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
					strokeWidth: 1 / this.#viewport.scale
				});
				const hits = this.#index.search(box);
				this.select([...new Set([...g.base, ...hits])]);
				this.#ui.batchDraw();
				break;
			}
			case 'shape': {
				const box = normBox(g.start, world);
				this.#draft.destroyChildren();
				const attrs = {
					stroke: SELECTION_COLOR,
					strokeWidth: 2 / this.#viewport.scale,
					dash: [8, 6]
				};
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
				this.#ui.batchDraw();
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
				this.#ui.batchDraw();
				break;
			}
			case 'pen': {
				const last = g.points.length;
				const px = g.points[last - 2] ?? 0;
				const py = g.points[last - 1] ?? 0;
				if (Math.hypot(world.x - px, world.y - py) < 2 / this.#viewport.scale) return;
				g.points.push(world.x, world.y);
				this.#draft.destroyChildren();
				this.#draft.add(
					new Konva.Line({
						points: g.points,
						stroke: inkOf(this.#o.state.inkColor),
						strokeWidth: 5,
						lineCap: 'round',
						lineJoin: 'round',
						tension: 0.3
					})
				);
				this.#ui.batchDraw();
				break;
			}
		}
	}

	#onUp(e: PointerEvent): void {
		const had = this.#pointers.delete(e.pointerId);
		const g = this.#gesture;
		if (g.kind === 'pinch') {
			if (this.#pointers.size < 2) this.#gesture = { kind: 'none' };
			return;
		}
		if (!had) return;
		const pos = this.#pos(e);
		const world = screenToWorld(this.#viewport, pos);
		this.#gesture = { kind: 'none' };
		this.#draft.destroyChildren();
		this.#marquee.visible(false);
		if (g.kind === 'shape' || g.kind === 'arrow' || g.kind === 'pen') this.#boundary();
		switch (g.kind) {
			case 'pan':
				if (!g.moved && g.clearOnClick) this.select([]);
				break;
			case 'place':
				this.setTool('select');
				this.#createAt(g.tool, g.at, true);
				break;
			case 'shape': {
				const box = normBox(g.start, world);
				const small =
					(box.maxX - box.minX) * this.#viewport.scale < 8 &&
					(box.maxY - box.minY) * this.#viewport.scale < 8;
				if (small) this.#createAt(g.tool, g.start, false);
				else {
					const id = newId();
					createElement(this.#o.doc, {
						id,
						type: g.tool,
						x: box.minX,
						y: box.minY,
						w: box.maxX - box.minX,
						h: box.maxY - box.minY,
						color: g.tool === 'frame' ? '' : this.#o.state.inkColor,
						author: this.#o.userId
					});
					this.select([id]);
				}
				this.setTool('select');
				break;
			}
			case 'arrow': {
				const to = this.#hit(pos).id;
				const len = Math.hypot(world.x - g.start.x, world.y - g.start.y) * this.#viewport.scale;
				if (len > 10 || (to && to !== g.from)) {
					const id = newId();
					createElement(this.#o.doc, {
						id,
						type: 'arrow',
						x: g.start.x,
						y: g.start.y,
						points: [0, 0, world.x - g.start.x, world.y - g.start.y],
						from: g.from,
						to: to && to !== g.from ? to : null,
						color: this.#o.state.inkColor,
						author: this.#o.userId
					});
					this.select([id]);
				}
				this.setTool('select');
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
				createElement(this.#o.doc, {
					id: newId(),
					type: 'path',
					x: minX,
					y: minY,
					points,
					color: this.#o.state.inkColor,
					author: this.#o.userId
				});
				break;
			}
		}
		this.#ui.batchDraw();
	}

	#cancelGesture(): void {
		this.#draft.destroyChildren();
		this.#marquee.visible(false);
		for (const id of this.#drag?.ids ?? []) {
			const node = this.#nodes.get(id);
			if (node?.isDragging()) node.stopDrag();
		}
		this.#gesture = { kind: 'none' };
	}

	#onWheel(e: WheelEvent): void {
		e.preventDefault();
		const pos = this.#pos(e);
		const pixels = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? this.#height : 1;
		if (!e.ctrlKey && Math.abs(e.deltaX) > 0 && !e.shiftKey) {
			// Two-finger scroll on a touchpad pans.
			this.#setViewport(
				{
					...this.#viewport,
					x: this.#viewport.x - e.deltaX * pixels,
					y: this.#viewport.y - e.deltaY * pixels
				},
				true
			);
			return;
		}
		const factor = Math.exp((-e.deltaY * pixels) / (e.ctrlKey ? 100 : 500));
		this.#setViewport(zoomAt(this.#viewport, pos, factor), true);
	}

	#createAt(
		type: 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame',
		at: { x: number; y: number },
		edit: boolean
	): string | null {
		if (this.#readOnly()) return null;
		this.#boundary();
		const size = DEFAULT_SIZE[type] ?? { w: 200, h: 200 };
		const id = newId();
		createElement(this.#o.doc, {
			id,
			type,
			x: at.x - size.w / 2,
			y: at.y - size.h / 2,
			w: size.w,
			h: size.h,
			color:
				type === 'sticky'
					? this.#o.state.stickyColor
					: type === 'frame' || type === 'text'
						? ''
						: this.#o.state.inkColor,
			fontSize: DEFAULT_FONT[type],
			text: type === 'frame' ? 'Ramme' : '',
			author: this.#o.userId
		});
		this.#render();
		this.select([id]);
		if (edit) this.startEditing(id);
		return id;
	}

	// ---------------------------------------------------------------- drag and transform

	#bindDrag(): void {
		this.#layer.on('dragstart', (e) => {
			const node = e.target as unknown as Konva.Group;
			const id = node.id();
			if (!this.#records.has(id) || this.#pointers.size > 1) {
				node.stopDrag();
				return;
			}
			if (!this.#selection.includes(id)) this.select([id]);
			const ids = this.#selection.filter((x) => this.#canDrag(this.#records.get(x)!));
			const start = new Map(
				ids.flatMap((x) => {
					const n = this.#nodes.get(x);
					return n ? [[x, { x: n.x(), y: n.y() }] as const] : [];
				})
			);
			this.#boundary();
			this.#drag = { ids, start, committed: { x: 0, y: 0 }, lastCommit: performance.now() };
		});
		this.#layer.on('dragmove', (e) => {
			const drag = this.#drag;
			if (!drag) return;
			const node = e.target as unknown as Konva.Group;
			const s = drag.start.get(node.id());
			if (!s) return;
			const dx = node.x() - s.x;
			const dy = node.y() - s.y;
			for (const [id, p] of drag.start)
				if (id !== node.id()) this.#nodes.get(id)?.position({ x: p.x + dx, y: p.y + dy });
			this.#refreshArrowsOf(drag.ids);
			this.#transformer.forceUpdate();
			if (performance.now() - drag.lastCommit > 90) this.#commitDrag(dx, dy);
		});
		this.#layer.on('dragend', (e) => {
			const drag = this.#drag;
			if (!drag) return;
			const node = e.target as unknown as Konva.Group;
			const s = drag.start.get(node.id());
			if (s) this.#commitDrag(node.x() - s.x, node.y() - s.y);
			this.#drag = null;
			for (const id of drag.ids) this.#dirty.add(id);
			this.#render();
		});
		this.#transformer.on('transformstart', () => this.#boundary());
		this.#transformer.on('transform', () => {
			for (const node of this.#transformer.nodes()) {
				const id = node.id();
				const base = this.#transforming.get(id) ?? this.#records.get(id);
				if (!base) continue;
				const sx = node.scaleX();
				const sy = node.scaleY();
				const next: ElementRecord = {
					...base,
					x: node.x(),
					y: node.y(),
					rotation: node.rotation(),
					w: Math.max(8, base.w * sx),
					h: Math.max(8, base.h * sy),
					points:
						base.type === 'path' && base.points
							? base.points.map((p, i) => p * (i % 2 === 0 ? sx : sy))
							: base.points,
					fontSize:
						base.type === 'text' && base.fontSize
							? Math.max(8, base.fontSize * Math.sqrt(sx * sy))
							: base.fontSize
				};
				this.#transforming.set(id, next);
				node.scale({ x: 1, y: 1 });
				updateNode(node as Konva.Group, next, this.#lookup, this.#showText);
			}
			this.#refreshArrowsOf([...this.#transforming.keys()]);
		});
		this.#transformer.on('transformend', () => {
			const changes: GeometryChange[] = [...this.#transforming.values()].map((el) => ({
				id: el.id,
				x: el.x,
				y: el.y,
				w: el.w,
				h: el.h,
				rotation: el.rotation,
				points: el.type === 'path' ? el.points : undefined,
				fontSize: el.type === 'text' ? el.fontSize : undefined
			}));
			const ids = [...this.#transforming.keys()];
			if (!this.#readOnly()) transformElements(this.#o.doc, { changes });
			this.#transforming.clear();
			for (const id of ids) this.#dirty.add(id);
			this.#render();
		});
	}

	#commitDrag(dx: number, dy: number): void {
		const drag = this.#drag;
		if (!drag || this.#readOnly()) return;
		const ddx = dx - drag.committed.x;
		const ddy = dy - drag.committed.y;
		if (ddx === 0 && ddy === 0) return;
		moveElements(this.#o.doc, { ids: drag.ids, dx: ddx, dy: ddy });
		drag.committed = { x: dx, y: dy };
		drag.lastCommit = performance.now();
	}

	/** Redraws arrows bound to the given elements with their live (uncommitted) geometry. */
	#refreshArrowsOf(ids: string[]): void {
		for (const id of ids) {
			for (const arrowId of this.#arrowsOf.get(id) ?? []) {
				const arrow = this.#records.get(arrowId);
				const node = this.#nodes.get(arrowId);
				if (arrow && node) updateNode(node, arrow, this.#lookup, this.#showText);
			}
		}
		this.#layer.batchDraw();
	}

	#syncTransformer(): void {
		const editable = !this.#readOnly();
		const nodes = editable
			? this.#selection.flatMap((id) => {
					const el = this.#records.get(id);
					const node = this.#nodes.get(id);
					return el && node && el.type !== 'arrow' && node.getLayer() ? [node] : [];
				})
			: [];
		const current = this.#transformer.nodes();
		if (current.length !== nodes.length || current.some((n, i) => n !== nodes[i]))
			this.#transformer.nodes(nodes);
		const single = nodes.length === 1 ? this.#records.get(nodes[0]!.id()) : undefined;
		this.#transformer.keepRatio(single?.type === 'image');
		this.#transformer.anchorSize(this.#coarse ? 22 : 14);
		this.#syncArrowHandles(editable);
		if (this.#transformer.nodes().length > 0 || current.length > 0 || this.#handles.length > 0)
			this.#ui.batchDraw();
	}

	/**
	 * A single selected arrow gets a handle on each end. Dropping a handle on an element binds
	 * that end to it (the arrow then follows the element); dropping it on empty space frees it.
	 */
	#syncArrowHandles(editable: boolean): void {
		const id = this.#selection.length === 1 ? this.#selection[0] : undefined;
		const el = id ? this.#records.get(id) : undefined;
		if (!editable || !el || el.type !== 'arrow') {
			for (const h of this.#handles) h.destroy();
			this.#handles = [];
			return;
		}
		const [x0, y0, x1, y1] = arrowEndpoints(el, this.#lookup);
		if (this.#handles.length === 0) {
			this.#handles = (['from', 'to'] as const).map((end) => {
				const handle = new Konva.Circle({
					name: 'arrow-handle',
					draggable: true,
					fill: '#ffffff',
					stroke: SELECTION_COLOR
				});
				handle.setAttr('end', end);
				handle.on('dragmove', () => this.#moveArrowEnd(handle, false));
				handle.on('dragend', () => this.#moveArrowEnd(handle, true));
				this.#ui.add(handle);
				return handle;
			});
		}
		const k = 1 / this.#viewport.scale;
		const [from, to] = this.#handles;
		for (const [h, x, y] of [
			[from, x0, y0],
			[to, x1, y1]
		] as const) {
			if (!h || h.isDragging()) continue;
			h.setAttrs({ x, y, radius: (this.#coarse ? 14 : 9) * k, strokeWidth: 2 * k });
		}
	}

	#moveArrowEnd(handle: Konva.Circle, commit: boolean): void {
		const id = this.#selection[0];
		const el = id ? this.#records.get(id) : undefined;
		const node = id ? this.#nodes.get(id) : undefined;
		if (!id || !el || el.type !== 'arrow') return;
		const end = handle.getAttr('end') as 'from' | 'to';
		const p = { x: handle.x(), y: handle.y() };
		const target = this.#elementAt(p, id);
		if (!commit) {
			const pts = arrowEndpoints(el, this.#lookup);
			if (end === 'from') [pts[0], pts[1]] = [p.x, p.y];
			else [pts[2], pts[3]] = [p.x, p.y];
			node?.findOne<Konva.Arrow>('.body')?.points(pts);
			this.#layer.batchDraw();
			return;
		}
		this.#boundary();
		if (!this.#readOnly()) bindArrow(this.#o.doc, { id, end, target, point: p });
		this.#dirty.add(id);
		this.#render();
	}

	/** The topmost non-arrow element at world point `p`, other than `except`. */
	#elementAt(p: { x: number; y: number }, except: string): string | null {
		let best: string | null = null;
		for (const hit of this.#index.search({ minX: p.x, minY: p.y, maxX: p.x, maxY: p.y })) {
			if (hit === except || this.#records.get(hit)?.type === 'arrow') continue;
			if (best === null || (this.#orderPos.get(hit) ?? 0) > (this.#orderPos.get(best) ?? 0))
				best = hit;
		}
		return best;
	}

	// ---------------------------------------------------------------- text editing

	#onEditClosed(id: string): void {
		this.#o.state.editing = null;
		this.#dirty.add(id);
		this.#schedule();
		this.#o.container.focus({ preventScroll: true });
	}

	// ---------------------------------------------------------------- clipboard and keyboard

	#selectedRecords(): ElementRecord[] {
		return this.#selection.flatMap((id) => this.#records.get(id) ?? []);
	}

	/** The selection plus arrows that connect two selected elements. */
	#withBoundArrows(records: ElementRecord[]): ElementRecord[] {
		const ids = new Set(records.map((r) => r.id));
		const extra = [...this.#records.values()].filter(
			(el) =>
				el.type === 'arrow' &&
				!ids.has(el.id) &&
				el.from &&
				el.to &&
				ids.has(el.from) &&
				ids.has(el.to)
		);
		return [...records, ...extra].sort(
			(a, b) => (this.#orderPos.get(a.id) ?? 0) - (this.#orderPos.get(b.id) ?? 0)
		);
	}

	#paste(records: ElementRecord[], offset: number): void {
		this.#boundary();
		const all = this.#withBoundArrows(records);
		const newIds = Object.fromEntries(all.map((r) => [r.id, newId()]));
		pasteElements(this.#o.doc, {
			records: all,
			newIds,
			dx: offset,
			dy: offset,
			author: this.#o.userId
		});
		this.#render();
		this.select(Object.values(newIds));
	}

	#bindKeyboard(): void {
		const c = this.#o.container;
		const keydown = (e: KeyboardEvent) => this.#onKey(e);
		const keyup = (e: KeyboardEvent) => {
			if (e.code === 'Space') {
				this.#space = false;
				c.style.cursor = '';
			}
		};
		const copy = (e: ClipboardEvent) => {
			if (document.activeElement !== c) return;
			const records = this.copy();
			if (records.length === 0) return;
			e.clipboardData?.setData(CLIPBOARD_MIME, JSON.stringify(records));
			e.clipboardData?.setData(
				'text/plain',
				records
					.map((r) => r.text)
					.filter(Boolean)
					.join('\n')
			);
			e.preventDefault();
		};
		const cut = (e: ClipboardEvent) => {
			copy(e);
			if (document.activeElement === c) this.deleteSelection();
		};
		const paste = (e: ClipboardEvent) => {
			if (document.activeElement !== c || this.#readOnly()) return;
			const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
			if (file) {
				e.preventDefault();
				void this.insertImage(file);
				return;
			}
			const data = e.clipboardData?.getData(CLIPBOARD_MIME);
			if (data) {
				e.preventDefault();
				try {
					const parsed = JSON.parse(data) as unknown;
					const records = Array.isArray(parsed)
						? parsed.flatMap((r: unknown) => {
								const map = toYMapLike(r);
								return map ? [map] : [];
							})
						: [];
					this.paste(records);
				} catch {
					this.paste();
				}
				return;
			}
			const text = e.clipboardData?.getData('text/plain');
			if (text) {
				e.preventDefault();
				const id = this.addAtCenter('sticky');
				this.#overlay.close();
				if (id) setText(this.#o.doc, { id, text: text.slice(0, 5000) });
			}
		};
		c.addEventListener('keydown', keydown);
		c.addEventListener('keyup', keyup);
		document.addEventListener('copy', copy);
		document.addEventListener('cut', cut);
		document.addEventListener('paste', paste);
		this.#cleanup.push(() => {
			c.removeEventListener('keydown', keydown);
			c.removeEventListener('keyup', keyup);
			document.removeEventListener('copy', copy);
			document.removeEventListener('cut', cut);
			document.removeEventListener('paste', paste);
		});
	}

	#onKey(e: KeyboardEvent): void {
		if (e.target !== this.#o.container) return;
		const mod = e.ctrlKey || e.metaKey;
		const key = e.key.toLowerCase();
		const handled = () => e.preventDefault();
		if (e.code === 'Space') {
			this.#space = true;
			this.#o.container.style.cursor = 'grab';
			return handled();
		}
		if (mod && key === 'z') return (handled(), e.shiftKey ? this.#o.redo() : this.#o.undo());
		if (mod && key === 'y') return (handled(), this.#o.redo());
		if (mod && key === 'd') return (handled(), this.duplicateSelection());
		if (mod && key === 'a') return (handled(), this.select([...this.#records.keys()]));
		if (mod && (key === '+' || key === '=')) return (handled(), this.zoomBy(1.25));
		if (mod && key === '-') return (handled(), this.zoomBy(0.8));
		if (mod && key === '0') return (handled(), this.zoomTo(1));
		if (mod && e.key === ']') return (handled(), this.reorder('front'));
		if (mod && e.key === '[') return (handled(), this.reorder('back'));
		if (mod) return;
		if (e.key === ']') return (handled(), this.reorder('forward'));
		if (e.key === '[') return (handled(), this.reorder('backward'));
		if (e.key === 'Delete' || e.key === 'Backspace') return (handled(), this.deleteSelection());
		if (e.key === 'Escape') return (handled(), this.select([]), this.setTool('select'));
		const current = this.#o.state.tool;
		if (
			e.key === 'Enter' &&
			(current === 'sticky' ||
				current === 'text' ||
				current === 'rect' ||
				current === 'ellipse' ||
				current === 'frame')
		) {
			// Keyboard users place a new element in the middle of the view.
			handled();
			this.setTool('select');
			this.addAtCenter(current);
			return;
		}
		if (e.key === 'Enter' || e.key === 'F2') return (handled(), this.editSelected());
		if (e.key === '!' || (e.shiftKey && e.code === 'Digit1')) return (handled(), this.zoomToFit());
		if (e.key === '@' || e.key === '"' || (e.shiftKey && e.code === 'Digit2'))
			return (handled(), this.zoomToSelection());
		if (e.key === '+') return (handled(), this.zoomBy(1.25));
		if (e.key === '-') return (handled(), this.zoomBy(0.8));
		if (e.key.startsWith('Arrow')) {
			handled();
			const step = (e.shiftKey ? 50 : 10) / Math.max(0.5, this.#viewport.scale);
			const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
			const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
			if (this.#selection.length > 0 && !this.#readOnly()) {
				this.#boundary();
				moveElements(this.#o.doc, { ids: this.#selection, dx, dy });
			} else
				this.#setViewport(
					{
						...this.#viewport,
						x: this.#viewport.x - dx * this.#viewport.scale,
						y: this.#viewport.y - dy * this.#viewport.scale
					},
					true
				);
			return;
		}
		if (e.key === 'Tab' && this.#records.size > 0 && this.#selection.length <= 1) {
			// Tab walks through elements in reading order; leaves the canvas at either end.
			const list = this.#o.state.items;
			const at = list.findIndex((el) => el.id === this.#selection[0]);
			const next = at + (e.shiftKey ? -1 : 1);
			const target = at === -1 && e.shiftKey ? undefined : list[at === -1 ? 0 : next];
			if (target) {
				handled();
				this.focusElement(target.id);
			}
			return;
		}
		const tools: Record<string, Tool> = {
			v: 'select',
			h: 'hand',
			n: 'sticky',
			s: 'sticky',
			t: 'text',
			r: 'rect',
			o: 'ellipse',
			a: 'arrow',
			p: 'pen',
			f: 'frame'
		};
		const tool = tools[key];
		if (tool && !e.altKey) {
			handled();
			this.setTool(this.#readOnly() ? 'select' : tool);
			return;
		}
		if (key === 'g') {
			handled();
			this.#o.state.grid = !this.#o.state.grid;
		}
	}
}

function normBox(a: { x: number; y: number }, b: { x: number; y: number }): Box {
	return {
		minX: Math.min(a.x, b.x),
		minY: Math.min(a.y, b.y),
		maxX: Math.max(a.x, b.x),
		maxY: Math.max(a.y, b.y)
	};
}

function inkOf(color: string): string {
	return color === 'black'
		? '#1b1f24'
		: ((
				{
					blue: '#1d4e89',
					green: '#1e6b3a',
					red: '#a4161a',
					purple: '#6b3fa0',
					orange: '#9a4a00'
				} as Record<string, string>
			)[color] ?? '#1b1f24');
}

/** Validates a pasted record through the same reader the board uses. */
function toYMapLike(value: unknown): ElementRecord | null {
	if (typeof value !== 'object' || value === null) return null;
	const r = value as Record<string, unknown>;
	const doc = new Y.Doc();
	const map = new Y.Map<unknown>();
	doc.getMap('tmp').set('x', map);
	for (const [k, v] of Object.entries(r)) if (k !== 'id' && k !== 'text') map.set(k, v);
	map.set('text', new Y.Text(typeof r.text === 'string' ? r.text : ''));
	return typeof r.id === 'string' ? readElement(r.id, map) : null;
}

function imageSize(file: File): Promise<{ w: number; h: number }> {
	return new Promise((resolve, reject) => {
		const url = URL.createObjectURL(file);
		const img = new Image();
		img.onload = () => {
			resolve({ w: img.naturalWidth || 400, h: img.naturalHeight || 300 });
			URL.revokeObjectURL(url);
		};
		img.onerror = () => {
			URL.revokeObjectURL(url);
			reject(new Error('image'));
		};
		img.src = url;
	});
}
