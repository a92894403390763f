/**
 * The Konva canvas of a board: infinite pan/zoom, rendering with viewport culling (rbush) and
 * node reuse, selection, and the public API the page uses. Its parts live beside it and use it
 * through `CanvasHost`: pointer input (`pointer.ts`), drag and transform (`transform.ts`), arrow
 * handles, clipboard, keyboard, the presence layer, the dot grid and tool frames (the canvas
 * knows the domain tools only through `$lib/tools/registry`).
 *
 * Layers: `elements` (the board; listening off while the view moves) and `ui` (transformer,
 * marquee, drafts, presence; mostly not listening). Every change goes through the board ops.
 */
import Konva from 'konva';
import * as Y from 'yjs';
import {
	boundsOf,
	createElement,
	deleteElements,
	elements,
	newId,
	placeToolFrame,
	readElement,
	reorderElements,
	setColor,
	TEXT_ELEMENT_TYPES,
	toolFrameId,
	unionBox,
	type Box,
	type ElementRecord,
	type ReorderDirection,
	type ToolId
} from '$lib/board';
import type { Locale, Translate } from '$lib/i18n';
import type { Presence } from '$lib/presence/presence.svelte';
import { toolDefinition } from '$lib/tools/registry';
import type { ToolSelection } from '$lib/tools/types';
import { ArrowHandles } from './arrow-handles';
import type { CanvasState, Tool } from './canvas-state.svelte';
import { Clipboard } from './clipboard';
import { DotGrid } from './grid';
import type { CanvasHost, Pos } from './host';
import { bindBoardKeys } from './board-keys';
import {
	createNode,
	fittedFontSize,
	ImageCache,
	imageSize,
	setTextDetail,
	updateNode
} from './nodes';
import { levelOfDetail, MOVING_RESOLUTION } from './detail';
import { drawOverview, OverviewCache } from './overview';
import { MovingPicture } from './picture';
import { PointerInput, type CanvasHit } from './pointer';
import { PresenceLayer } from './presence-layer';
import { SpatialIndex, ViewSearch } from './spatial';
import { DEFAULT_FONT, DEFAULT_SIZE } from './style';
import { TextOverlay } from './text-overlay';
import { ToolFrames } from './tool-frames';
import { TransformControls } from './transform';
import {
	clampScale,
	coveredInsets,
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
	t: Translate;
	locale: Locale;
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
	/** Asks before tool frames are removed from the board (their data stays). */
	confirmRemoveTools?: (tools: ToolId[]) => Promise<boolean>;
	/** Draws the dot grid behind the board (shown while `state.grid`; see showGrid). */
	grid?: boolean;
}

/**
 * How many element nodes one frame may create at most (the rest follow in the next frames), and
 * how long creating them may take: the budget adapts to the device's measured cost per node, so
 * that a slow phone creates fewer per frame instead of stalling (a sticky note's text layout is
 * most of it).
 */
const NODES_PER_FRAME = 120;
const NODE_MS_PER_FRAME = 8;
/** Canvas pixels per CSS pixel, at most (see the constructor). */
const MAX_PIXEL_RATIO = 2;

export class BoardCanvas {
	readonly #o: CanvasOptions;
	readonly #stage: Konva.Stage;
	readonly #layer: Konva.Layer;
	readonly #ui: Konva.Layer;
	readonly #overlay: TextOverlay;
	readonly #images: ImageCache;
	readonly #grid: DotGrid | null;
	readonly #presence: PresenceLayer;
	readonly #transform: TransformControls;
	readonly #arrows: ArrowHandles;
	readonly #pointer: PointerInput;
	readonly #clipboard: Clipboard;
	readonly #tools: ToolFrames;
	readonly #host: CanvasHost;
	readonly #picture: MovingPicture;

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
	/** The view is moving by the user's input (host.setViewport); cleared when it rests. */
	#gesture = false;
	/** Measured milliseconds to create one element node (sets how many one frame creates). */
	#nodeCostMs = NODE_MS_PER_FRAME / NODES_PER_FRAME;
	#overviewIds: string[] = [];
	#overviewSkip = new Set<string>();
	/** The overview's bitmap while the view pans (overview.ts), and what it was searched in. */
	readonly #overviewCache = new OverviewCache();
	#overviewArea: Box | null = null;
	/** Bumped whenever an element, the paint order or the selection changed. */
	#contentVersion = 0;
	readonly #search = new ViewSearch(this.#index);
	#coarse = false;

	#viewport: Viewport = { x: 0, y: 0, scale: 1 };
	#width = 0;
	#height = 0;
	#selection: string[] = [];
	#frame = 0;
	#interactTimer: ReturnType<typeof setTimeout> | null = null;
	#listTimer: ReturnType<typeof setTimeout> | null = null;
	readonly #cleanup: (() => void)[] = [];
	#destroyed = false;

	constructor(options: CanvasOptions) {
		this.#o = options;
		const { container } = options;
		this.#width = container.clientWidth || 800;
		this.#height = container.clientHeight || 600;
		// At most two canvas pixels per CSS pixel: a phone's third one costs more than half of the
		// pixels drawn and cleared every frame, for a difference hardly visible on a board.
		Konva.pixelRatio = Math.min(window.devicePixelRatio || 1, MAX_PIXEL_RATIO);
		this.#stage = new Konva.Stage({ container, width: this.#width, height: this.#height });
		this.#layer = new Konva.Layer();
		this.#ui = new Konva.Layer();
		this.#stage.add(this.#layer, this.#ui);
		this.#picture = new MovingPicture(this.#stage);
		// Drawn at the view itself: the picture's move ends in the same frame (picture.ts).
		this.#layer.on('draw', () => this.#picture.drawnAt(this.#viewport));
		this.#images = new ImageCache(() => this.#layer.batchDraw());
		this.#overview = new Konva.Shape({
			listening: false,
			perfectDrawEnabled: false,
			sceneFunc: (ctx) => this.#drawOverview(ctx._context)
		});
		this.#grid = options.grid
			? new DotGrid(
					() => this.#picture.drawn(),
					() => ({ width: this.#width, height: this.#height })
				)
			: null;
		this.#coarse = matchMedia('(pointer: coarse)').matches;
		this.#overlay = new TextOverlay(container, options.doc, (id) => this.#onEditClosed(id));
		this.#host = this.#makeHost();
		// Order in the ui layer: presence, drafts and marquee, then the transformer on top.
		this.#presence = new PresenceLayer(this.#host);
		this.#tools = new ToolFrames(this.#host, options.t, options.locale);
		this.#pointer = new PointerInput(this.#host, {
			hit: (pos) => this.#hit(pos),
			tools: this.#tools,
			setTool: (tool) => this.setTool(tool),
			cancelDrag: () => this.#transform.cancelDrag()
		});
		this.#transform = new TransformControls(
			this.#host,
			this.#arrowsOf,
			() => this.#showText,
			() => this.#pointer.pointers.size > 1
		);
		this.#ui.add(this.#transform.transformer);
		this.#arrows = new ArrowHandles(this.#host);
		this.#clipboard = new Clipboard(this.#host, {
			addSticky: () => this.addAtCenter('sticky'),
			insertImage: (file) => this.insertImage(file),
			deleteSelection: () => void this.deleteSelection(),
			closeEditor: () => this.#overlay.close()
		});

		this.#bindDoc();
		this.#cleanup.push(this.#tools.observe(options.doc));
		this.#cleanup.push(this.#pointer.bind((id) => this.startEditing(id)));
		this.#transform.bind();
		this.#cleanup.push(
			bindBoardKeys(this, this.#host, {
				tools: this.#tools,
				pointer: this.#pointer,
				undo: () => options.undo(),
				redo: () => options.redo()
			})
		);
		this.#cleanup.push(this.#clipboard.bind());
		const resize = new ResizeObserver(() => this.resize());
		resize.observe(container);
		this.#cleanup.push(() => resize.disconnect());
		this.#cleanup.push(options.presence.subscribe(() => this.#presence.onPresence()));
		this.#schedule();
	}

	#makeHost(): CanvasHost {
		// eslint-disable-next-line @typescript-eslint/no-this-alias
		const self = this;
		const o = this.#o;
		return {
			doc: o.doc,
			state: o.state,
			presence: o.presence,
			userId: o.userId,
			container: o.container,
			stage: this.#stage,
			layer: this.#layer,
			ui: this.#ui,
			records: this.#records,
			nodes: this.#nodes,
			index: this.#index,
			lookup: this.#lookup,
			get viewport() {
				return self.#viewport;
			},
			get width() {
				return self.#width;
			},
			get height() {
				return self.#height;
			},
			get selection() {
				return self.#selection;
			},
			get coarse() {
				return self.#coarse;
			},
			get gesture() {
				return self.#gesture;
			},
			get overviewOn() {
				return self.#overviewOn;
			},
			readOnly: () => o.isReadOnly(),
			boundary: () => o.stopCapturing?.(),
			select: (ids) => this.select(ids),
			selectTool: (sel) => this.selectTool(sel),
			setViewport: (v, byUser) => {
				// Pointer, wheel, pinch and following: the view moves under the user's eyes.
				this.#gesture = true;
				this.#setViewport(v, byUser);
			},
			orderOf: (id) => this.#orderPos.get(id) ?? 0,
			boundsOf: (id) => this.#boundsOf(id),
			markDirty: (id) => void this.#dirty.add(id),
			render: () => this.#render(),
			scheduleRender: () => this.#schedule(),
			applyDirty: () => void this.#applyDirty(),
			canDrag: (el) => this.#canDrag(el),
			pos: (e) => {
				const rect = o.container.getBoundingClientRect();
				return { x: e.clientX - rect.left, y: e.clientY - rect.top };
			},
			startEditing: (id) => this.startEditing(id),
			createAt: (type, at, edit) => this.#createAt(type, at, edit)
		};
	}

	// ---------------------------------------------------------------- public API

	get viewport(): Viewport {
		return this.#viewport;
	}

	/** Shows or hides the dot grid (the "#" switch, `state.grid`). */
	showGrid(on: boolean): void {
		this.#grid?.show(on);
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
		for (const [id, node] of this.#nodes) {
			const el = this.#records.get(id);
			if (el) node.draggable(this.#canDrag(el));
		}
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

	/**
	 * Fits one element into the view without selecting it (presenting it to everyone, or the
	 * room's screen showing what is presented). False when the element is not on the board.
	 */
	fitElement(id: string): boolean {
		this.#applyDirty();
		const box = this.#boundsOf(id);
		if (!box) return false;
		this.#setViewport(fitBox(box, this.#width, this.#height, 32, 4, this.#insets()), false);
		return true;
	}

	/** Selects and shows one element (from the list view). */
	focusElement(id: string): void {
		this.select([id]);
		this.#show(id);
	}

	/** Brings an element into view (zooming out if it is larger than the view). */
	#show(id: string): void {
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
		if (this.#selection.length > 0 && this.#o.state.toolSelection?.kind !== 'tool')
			this.#setToolSelection(null);
		const only = this.#selection.length === 1 ? this.#records.get(this.#selection[0]!) : undefined;
		// A selected tool frame shows its tool as a whole in the side panel.
		if (only?.type === 'tool' && only.tool && toolDefinition(only.tool))
			this.#setToolSelection({ tool: only.tool, kind: 'tool', id: '' });
		else if (this.#o.state.toolSelection?.kind === 'tool') this.#setToolSelection(null);
		this.#syncTransformer();
		this.#presence.draw();
		if (this.#overviewOn) this.#schedule();
	}

	/** Selects a record inside a tool (its Panel opens), or nothing. */
	selectTool(selection: ToolSelection | null): void {
		if (selection && selection.kind !== 'tool' && this.#selection.length > 0) {
			this.#selection = [];
			this.#o.state.selection = [];
			this.#o.presence.setSelection([]);
			this.#syncTransformer();
		}
		this.#setToolSelection(selection);
		this.#schedule();
	}

	#setToolSelection(selection: ToolSelection | null): void {
		const old = this.#o.state.toolSelection;
		if (old?.tool === selection?.tool && old?.kind === selection?.kind && old?.id === selection?.id)
			return;
		this.#o.state.toolSelection = selection;
		this.#tools.invalidate([old?.tool, selection?.tool]);
	}

	/** Places a tool's frame in the middle of the view, or shows it when it is there already. */
	placeTool(tool: ToolId): void {
		const def = toolDefinition(tool);
		if (!def) return;
		const id = toolFrameId(tool);
		if (!this.#records.has(id) && !this.#readOnly()) {
			const c = screenToWorld(this.#viewport, { x: this.#width / 2, y: this.#height / 2 });
			this.#boundary();
			placeToolFrame(this.#o.doc, {
				tool,
				x: c.x - def.size.w / 2,
				y: c.y - def.size.h / 2,
				w: def.size.w,
				h: def.size.h,
				author: this.#o.userId
			});
			this.#render();
		}
		if (!this.#records.has(id)) return;
		this.select([id]);
		this.showTool(tool);
	}

	/** Fits a tool's frame into the view (what is selected stays selected). */
	showTool(tool: ToolId): void {
		const box = this.#boundsOf(toolFrameId(tool));
		if (box)
			this.#setViewport(fitBox(box, this.#width, this.#height, 48, 1.5, this.#insets()), true);
	}

	async deleteSelection(): Promise<void> {
		if (this.#readOnly()) return;
		const toolSel = this.#o.state.toolSelection;
		if (this.#selection.length === 0 && toolSel && toolSel.kind !== 'tool') {
			this.#tools.remove(toolSel);
			return;
		}
		if (this.#selection.length === 0) return;
		const ids = [...this.#selection];
		const tools = ids.flatMap((id) => {
			const el = this.#records.get(id);
			return el?.type === 'tool' && el.tool ? [el.tool] : [];
		});
		if (tools.length > 0 && !(await (this.#o.confirmRemoveTools?.(tools) ?? true))) return;
		this.#boundary();
		deleteElements(this.#o.doc, { ids });
		this.select([]);
	}

	duplicateSelection(): void {
		this.#clipboard.duplicate();
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
		return this.#clipboard.copy();
	}

	paste(records?: ElementRecord[]): void {
		this.#clipboard.paste(records);
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

	/**
	 * Test hook: where a tool's record (a display-list hit, e.g. `'event'`, `'axis'`) is drawn,
	 * in canvas pixels, or null when it is not drawn.
	 */
	toolHitRect(
		tool: ToolId,
		kind: string,
		id: string
	): { x: number; y: number; width: number; height: number } | null {
		return this.#tools.hitRect(tool, kind, id);
	}

	/** Test hook: where an element is drawn, in canvas pixels, or null when it is not drawn. */
	elementRect(id: string): { x: number; y: number; width: number; height: number } | null {
		const node = this.#nodes.get(id);
		return node?.getLayer() ? node.getClientRect() : null;
	}

	/** Test hook: the selection handles' box in canvas pixels, or null when none are shown. */
	transformerBox(): { x: number; y: number; width: number; height: number } | null {
		const t = this.#transform.transformer;
		return t.nodes().length > 0 ? t.getClientRect() : null;
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
		this.#presence.destroy();
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
		const temp = this.#transform?.transforming.get(id);
		if (temp) return temp;
		const rec = this.#records.get(id);
		if (rec && this.#transform?.drag?.start.has(id)) {
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
		this.#presence.dirty = true;
		if (this.#selection.some((id) => !this.#records.has(id))) this.select(this.#selection);
		this.#scheduleList();
		return changed;
	}

	#render(): void {
		if (this.#destroyed) return;
		if (this.#applyDirty().size > 0 || this.#orderDirty) this.#contentVersion++;
		if (this.#orderDirty) {
			const ids = [...this.#records.values()]
				.sort((a, b) => (a.z < b.z ? -1 : a.z > b.z ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
				.map((el) => el.id);
			this.#orderPos = new Map(ids.map((id, i) => [id, i]));
		}
		const scale = this.#viewport.scale;
		const seen = visibleWorld(this.#viewport, this.#width, this.#height);
		const { area, ids: inView } = this.#search.search(
			seen,
			scale,
			this.#contentVersion,
			this.#orderPos
		);
		const { showText, overview } = levelOfDetail(scale, inView.length, this.#moving);
		const textChanged = showText !== this.#showText;
		this.#showText = showText;

		const byOrder = (a: string, b: string) =>
			(this.#orderPos.get(a) ?? 0) - (this.#orderPos.get(b) ?? 0);
		// Elements that need a real node even in the overview: what is selected, dragged, edited.
		const keep = new Set<string>([
			...this.#selection,
			...(this.#transform.drag?.ids ?? []),
			...this.#transform.transforming.keys()
		]);
		if (this.#overlay.editingId) keep.add(this.#overlay.editingId);
		// Creating hundreds of nodes at once (zooming in from the overview) would stall a frame:
		// create at most NODES_PER_FRAME per frame and draw the rest as overview shapes meanwhile.
		let budget = Math.max(
			8,
			Math.min(NODES_PER_FRAME, Math.floor(NODE_MS_PER_FRAME / this.#nodeCostMs))
		);
		const pending: string[] = [];
		let visible = overview
			? inView.filter((id) => keep.has(id))
			: inView.filter((id) => {
					if (this.#nodes.has(id) || keep.has(id) || budget-- > 0) return true;
					pending.push(id);
					return false;
				});
		const missing = [...keep].filter(
			(id) =>
				this.#records.has(id) &&
				!visible.includes(id) &&
				(this.#transform.drag?.start.has(id) ?? false)
		);
		if (missing.length > 0) visible = [...visible, ...missing].sort(byOrder);
		this.#overviewIds = overview ? inView : pending;
		this.#overviewSkip = keep;
		this.#overviewArea = overview ? area : null;
		if (!overview) this.#overviewCache.release();

		let created = 0;
		let creating = 0;
		for (const id of visible) {
			const el = this.#records.get(id);
			if (!el) continue;
			let node = this.#nodes.get(id);
			const busy = this.#transform.busy(id);
			if (!node) {
				const started = performance.now();
				node = createNode(el, this.#images);
				node.draggable(this.#canDrag(el));
				this.#nodes.set(id, node);
				updateNode(node, el, this.#lookup, showText, this.#tools.draw);
				this.#stale.delete(id);
				// Tool frames are few and costly: they do not count towards the per-node cost.
				if (el.type !== 'tool') {
					creating += performance.now() - started;
					created++;
				}
			} else if (this.#stale.has(id) && !busy) {
				updateNode(node, el, this.#lookup, showText, this.#tools.draw);
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
			if (this.#grid) this.#layer.add(this.#grid.shape);
			const nodes = visible.flatMap((id) => this.#nodes.get(id) ?? []);
			if (overview || pending.length > 0) this.#layer.add(this.#overview);
			if (nodes.length > 0) this.#layer.add(...nodes);
			this.#visible = visible;
			this.#overviewOn = overview;
		}
		// Tool frames move as pictures and show the detail of the zoom once the view rests.
		const frames = visible.flatMap((id) =>
			this.#records.get(id)?.type === 'tool' ? (this.#nodes.get(id) ?? []) : []
		);
		if (this.#moving) this.#tools.freeze(frames, scale * this.#layer.getCanvas().getPixelRatio());
		else {
			this.#tools.thaw();
			this.#tools.applyDetail(frames, !same);
		}
		if (created >= 8)
			this.#nodeCostMs = Math.max(0.01, 0.7 * this.#nodeCostMs + 0.3 * (creating / created));
		this.#orderDirty = false;
		this.#pendingCount = pending.length;
		if (pending.length > 0) this.#schedule();
		this.#followOverlay();
		this.#syncTransformer();
		if (this.#presence.dirty || this.#presence.drawnScale !== scale) this.#presence.draw();
		this.#layer.batchDraw();
		if (!this.#o.state.ready) this.#o.state.ready = true;
	}

	/** The overview shape's drawing: through the bitmap cache while only the view moves. */
	#drawOverview(ctx: CanvasRenderingContext2D): void {
		const area = this.#overviewArea;
		if (!area || this.#transform.active) {
			drawOverview(ctx, this.#overviewIds, this.#lookup, this.#overviewSkip);
			return;
		}
		const skip = [...this.#overviewSkip].sort().join(' ');
		this.#overviewCache.draw(
			ctx,
			{
				ids: this.#overviewIds,
				lookup: this.#lookup,
				skip: this.#overviewSkip,
				box: area,
				version: `${this.#contentVersion}|${skip}`
			},
			visibleWorld(this.#viewport, this.#width, this.#height),
			this.#viewport.scale * this.#layer.getCanvas().getPixelRatio(),
			this.#gesture
		);
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
		if (Math.round(this.#o.state.zoom * 100) !== Math.round(v.scale * 100))
			this.#o.state.zoom = v.scale;
		const seen = visibleWorld(v, this.#width, this.#height);
		this.#o.presence.setViewport({
			x: seen.minX,
			y: seen.minY,
			w: seen.maxX - seen.minX,
			h: seen.maxY - seen.minY
		});
		if (moving) {
			this.#moving = true;
			if (this.#interactTimer) clearTimeout(this.#interactTimer);
			this.#interactTimer = setTimeout(() => {
				this.#moving = false;
				this.#gesture = false;
				this.#layer.listening(true);
				this.#setResolution(Konva.pixelRatio);
				this.#picture.place(this.#viewport);
				this.#render();
			}, 180);
			// A gesture moves the last drawn picture while it still serves (picture.ts).
			if (
				this.#gesture &&
				!this.#transform.active &&
				this.#picture.follow(v, this.#width, this.#height)
			) {
				this.#followOverlay();
				return;
			}
			// Drawn while the view moves: no hit canvas, fewer pixels, until it rests.
			this.#layer.listening(false);
			this.#setResolution(Konva.pixelRatio * MOVING_RESOLUTION);
		}
		this.#picture.place(v);
		this.#render();
	}

	/** The text editor over the element being edited follows the view. */
	#followOverlay(): void {
		if (!this.#overlay.editingId) return;
		const editing = this.#records.get(this.#overlay.editingId);
		this.#overlay.update(editing && this.#asDrawn(editing), this.#viewport);
	}

	/** The board layer's canvas pixels per CSS pixel (see MOVING_RESOLUTION). */
	#setResolution(ratio: number): void {
		const canvas = this.#layer.getCanvas();
		if (canvas.getPixelRatio() === ratio) return;
		canvas.setPixelRatio(ratio);
	}

	// ---------------------------------------------------------------- input helpers

	#hit(pos: Pos): CanvasHit {
		const shape = this.#stage.getIntersection(pos);
		if (!shape)
			return { id: this.#overviewOn ? this.#hitOverview(pos) : null, anchor: false, shape: null };
		if (
			shape.getParent() === this.#transform.transformer ||
			shape.findAncestor('Transformer') ||
			shape.name() === 'arrow-handle'
		)
			return { id: null, anchor: true, shape };
		const group = shape.findAncestor('.element') as Konva.Group | undefined;
		return { id: group?.id() ?? null, anchor: false, shape };
	}

	/** In the overview elements have no nodes: find the topmost element under `pos` in the index. */
	#hitOverview(pos: Pos): string | null {
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

	#createAt(
		type: 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame',
		at: Pos,
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

	#syncTransformer(): void {
		const editable = !this.#readOnly();
		const changed = this.#transform.sync(editable, this.#coarse);
		this.#arrows.sync(editable);
		if (changed || this.#arrows.active) this.#ui.batchDraw();
	}

	#onEditClosed(id: string): void {
		this.#o.state.editing = null;
		this.#dirty.add(id);
		this.#schedule();
		this.#o.container.focus({ preventScroll: true });
	}
}
