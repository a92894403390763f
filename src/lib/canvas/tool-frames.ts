/**
 * Tool frames on the live board: the canvas knows tools only through the registry. For a frame
 * element (`type: 'tool'`) it asks the tool for its display list (`frameLayout`), draws it into
 * the frame's node with the Konva renderer, and routes clicks and drags on shapes with a record
 * id to the tool (`tap`, `drop`), and Delete and the arrow keys to `remove` and `nudge`.
 *
 * A frame is re-laid out only when its tool's data (or the people registry), its size, the
 * selection inside it or the language changed; moving it moves the node.
 */
import Konva from 'konva';
import type * as Y from 'yjs';
import {
	LOCAL_ORIGIN,
	toolFrameId,
	TOOL_IDS,
	people,
	type ElementRecord,
	type ToolId
} from '$lib/board';
import type { Locale, Translate } from '$lib/i18n';
import { toolData } from '$lib/tools/data';
import type { Hit } from '$lib/tools/draw/display';
import { applyDetail, drawKonva, hitNode, hitOf } from '$lib/tools/draw/konva';
import { contentSize, FRAME_HEADER, frameLayout } from '$lib/tools/frame';
import { toolDefinition } from '$lib/tools/registry';
import type { LayoutContext, Point, ToolEdit, ToolSelection } from '$lib/tools/types';
import type { CanvasHost } from './host';

export interface ToolHit {
	frameId: string;
	tool: ToolId;
	/** The shape's record (or place), when one was hit. */
	hit: Hit | null;
	/** The point in the tool's content coordinates (below the header). */
	at: Point;
	/** The click was on the header (moves and selects the frame itself). */
	header: boolean;
}

function isoToday(): string {
	const d = new Date();
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const FROZEN_MAX_PIXELS = 8_000_000;

export class ToolFrames {
	readonly #host: CanvasHost;
	readonly #t: Translate;
	readonly #locale: Locale;
	/** Bumped on every change of a tool's data; frames drawn for an older version are redrawn. */
	readonly #version = new Map<ToolId, number>();
	readonly #models = new Map<ToolId, { version: number; model: unknown }>();
	readonly #drawnKey = new WeakMap<Konva.Group, string>();
	/** Frames whose drawing waits for the view to rest (see `draw`). */
	readonly #deferred = new Map<Konva.Group, string>();
	#detailScale = 0;
	#today = isoToday();
	/** Frames' drawings held as one bitmap each while the view moves (see `freeze`). */
	readonly #frozen = new Set<Konva.Group>();

	constructor(host: CanvasHost, t: Translate, locale: Locale) {
		this.#host = host;
		this.#t = t;
		this.#locale = locale;
	}

	/**
	 * Watches the tools' roots and the people registry; returns the cleanup. This client's own
	 * edits redraw at once (the frame answers the click that made them); edits from elsewhere –
	 * other participants, the board arriving from the server or from IndexedDB – are drawn on the
	 * next animation frame, once for everything that arrived meanwhile (a synchronous render per
	 * observer and transaction cost a phone a second while the board loaded).
	 */
	observe(doc: Y.Doc): () => void {
		const cleanups: (() => void)[] = [];
		const bump = (tools: readonly ToolId[], transaction: Y.Transaction) => {
			for (const tool of tools) {
				this.#version.set(tool, (this.#version.get(tool) ?? 0) + 1);
				this.#host.markDirty(toolFrameId(tool));
			}
			if (transaction.local) this.#host.render();
			else this.#host.scheduleRender();
		};
		for (const tool of TOOL_IDS) {
			if (!toolDefinition(tool)) continue;
			const root = toolData(doc, tool).root;
			const fn = (_events: unknown, transaction: Y.Transaction) => bump([tool], transaction);
			root.observeDeep(fn);
			cleanups.push(() => root.unobserveDeep(fn));
		}
		const registry = people(doc);
		const all = (_events: unknown, transaction: Y.Transaction) => bump(TOOL_IDS, transaction);
		registry.observeDeep(all);
		cleanups.push(() => registry.unobserveDeep(all));
		return () => cleanups.forEach((fn) => fn());
	}

	/** The tool's model, read once per change. */
	model(tool: ToolId): unknown {
		const version = this.#version.get(tool) ?? 0;
		const cached = this.#models.get(tool);
		if (cached && cached.version === version) return cached.model;
		const def = toolDefinition(tool);
		const model = def?.read(toolData(this.#host.doc, tool));
		this.#models.set(tool, { version, model });
		return model;
	}

	context(tool: ToolId): LayoutContext {
		const selected = this.#host.state.toolSelection;
		return {
			t: this.#t,
			locale: this.#locale,
			today: this.#today,
			selected: selected?.tool === tool ? selected : null
		};
	}

	/** Draws a frame's content into its node when something it shows changed. */
	readonly draw = (group: Konva.Group, el: ElementRecord): void => {
		const tool = el.tool;
		const def = toolDefinition(tool);
		const content = group.findOne<Konva.Group>('.tool-content');
		if (!tool || !def || !content) return;
		const selected = this.#host.state.toolSelection;
		const key = [
			this.#version.get(tool) ?? 0,
			el.w,
			el.h,
			this.#today,
			selected?.tool === tool ? `${selected.kind}:${selected.id}` : ''
		].join('|');
		if (this.#drawnKey.get(group) === key) return;
		// While the user moves the view, a frame shows what it had (or nothing yet) and is drawn
		// when the view rests: laying out and creating the nodes of a 500-event timeline is a
		// long task on a phone, and in the middle of a pan it would be a visible stall.
		if (this.#host.gesture) {
			this.#deferred.set(group, el.id);
			return;
		}
		this.#deferred.delete(group);
		this.#drawnKey.set(group, key);
		const list = frameLayout(def, this.model(tool), el.w, el.h, this.context(tool));
		drawKonva(content, list.shapes, this.#host.viewport.scale);
	};

	/**
	 * The view rests: draws the frames deferred while it moved, and shows the level of detail for
	 * the current zoom in every drawn frame (when it changed).
	 */
	applyDetail(visible: Iterable<Konva.Group>, force = false): void {
		const nodes = [...visible];
		for (const group of nodes) {
			const id = this.#deferred.get(group);
			if (id === undefined) continue;
			this.#deferred.delete(group);
			const el = this.#host.records.get(id);
			if (el && this.#host.nodes.get(id) === group) this.draw(group, el);
		}
		const scale = this.#host.viewport.scale;
		if (!force && Math.abs(scale - this.#detailScale) < 1e-6) return;
		this.#detailScale = scale;
		for (const node of nodes) {
			const content = node.findOne<Konva.Group>('.tool-content');
			if (content) applyDetail(content, scale);
		}
	}

	/**
	 * The view starts to move: each visible frame's drawing becomes one bitmap at the resolution
	 * of the current zoom, so a pan or a wheel zoom paints a picture per frame instead of hundreds
	 * of shapes. It is sharp again when the view rests (`thaw`).
	 */
	freeze(visible: Iterable<Konva.Group>, pixelsPerUnit: number): void {
		for (const group of visible) {
			const content = group.findOne<Konva.Group>('.tool-content');
			if (!content || this.#frozen.has(content) || !content.hasChildren()) continue;
			const box = content.getClientRect({ relativeTo: content });
			if (box.width <= 0 || box.height <= 0) continue;
			// At most ~8 megapixels per frame, and never more than two pixels per unit.
			const k = Math.min(2, pixelsPerUnit, Math.sqrt(FROZEN_MAX_PIXELS / (box.width * box.height)));
			content.cache({ pixelRatio: Math.max(0.02, k) });
			this.#frozen.add(content);
		}
	}

	/** The view rests: frames are drawn as shapes again. */
	thaw(): void {
		for (const content of this.#frozen) content.clearCache();
		this.#frozen.clear();
	}

	/** Marks the frames of `tools` for redrawing (the selection inside them changed). */
	invalidate(tools: (ToolId | undefined)[]): void {
		for (const tool of tools) if (tool) this.#host.markDirty(toolFrameId(tool));
	}

	/** What a pointer at world `world` on shape `shape` of frame `el` means. */
	hitAt(el: ElementRecord, world: Point, shape: Konva.Node | null): ToolHit | null {
		if (el.type !== 'tool' || !el.tool || !toolDefinition(el.tool)) return null;
		const local = { x: world.x - el.x, y: world.y - el.y };
		return {
			frameId: el.id,
			tool: el.tool,
			hit: hitOf(shape),
			at: { x: local.x, y: local.y - FRAME_HEADER },
			header: local.y < FRAME_HEADER
		};
	}

	#edit(tool: ToolId): ToolEdit<unknown> | null {
		const el = this.#host.records.get(toolFrameId(tool));
		if (!el) return null;
		return {
			data: toolData(this.#host.doc, tool),
			model: this.model(tool),
			size: contentSize(el.w, el.h),
			userId: this.#host.userId,
			readOnly: this.#host.readOnly(),
			origin: LOCAL_ORIGIN,
			context: this.context(tool),
			viewScale: this.#host.viewport.scale
		};
	}

	/** A click in a frame's content. */
	tap(target: ToolHit): void {
		const def = toolDefinition(target.tool);
		const edit = this.#edit(target.tool);
		if (!def || !edit) return;
		const next = def.tap ? def.tap(edit, target.hit, target.at) : null;
		// Read-only boards allow looking at records, not proposing new ones.
		if (next && this.#host.readOnly() && next.kind.startsWith('new')) return;
		// A click on nothing in particular deselects, like a click on the empty board.
		if (!next) this.#host.select([]);
		this.#host.selectTool(next);
	}

	/** A drag of a record inside a frame ended. */
	drop(target: ToolHit, to: Point): void {
		const def = toolDefinition(target.tool);
		const edit = this.#edit(target.tool);
		if (!def?.drop || !edit || !target.hit || this.#host.readOnly()) return;
		this.#host.boundary();
		const next = def.drop(edit, target.hit, { from: target.at, to });
		this.#host.selectTool(next);
	}

	/** Delete with a record selected. */
	remove(selection: ToolSelection): void {
		const def = toolDefinition(selection.tool);
		const edit = this.#edit(selection.tool);
		if (!def?.remove || !edit || this.#host.readOnly()) return;
		this.#host.boundary();
		def.remove(edit, selection);
		this.#host.selectTool(null);
	}

	/** Arrow keys with a record selected. */
	nudge(selection: ToolSelection, dx: number, dy: number, big: boolean): void {
		const def = toolDefinition(selection.tool);
		const edit = this.#edit(selection.tool);
		if (!def?.nudge || !edit || this.#host.readOnly()) return;
		this.#host.boundary();
		const next = def.nudge(edit, selection, dx, dy, big);
		if (next) this.#host.selectTool(next);
	}

	/** The drawn node of a hit, to move while it is dragged. */
	hitNode(frame: Konva.Group, hit: Hit): Konva.Group | undefined {
		return hitNode(frame, hit.kind, hit.id);
	}

	/** Where a record of a tool is drawn, in canvas pixels (test hook), or null. */
	hitRect(
		tool: ToolId,
		kind: string,
		id: string
	): { x: number; y: number; width: number; height: number } | null {
		const frame = this.#host.nodes.get(toolFrameId(tool));
		const node = frame ? hitNode(frame, kind, id) : undefined;
		return node ? node.getClientRect() : null;
	}

	/** Redraws a frame's content on the next render even if nothing it shows changed. */
	invalidateNode(frameId: string): void {
		const node = this.#host.nodes.get(frameId);
		if (node) this.#drawnKey.delete(node);
	}
}
