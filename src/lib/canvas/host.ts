/**
 * What the canvas's parts (pointer input, drag and transform, arrow handles, clipboard,
 * keyboard, presence layer, tool frames) may use of the canvas. `BoardCanvas` implements it; the
 * parts never reach into each other, only through this.
 */
import type Konva from 'konva';
import type * as Y from 'yjs';
import type { Box, ElementRecord } from '$lib/board';
import type { Presence } from '$lib/presence/presence.svelte';
import type { ToolSelection } from '$lib/tools/types';
import type { CanvasState } from './canvas-state.svelte';
import type { Lookup } from './nodes';
import type { SpatialIndex } from './spatial';
import type { Viewport } from './viewport';

export interface Pos {
	x: number;
	y: number;
}

export interface CanvasHost {
	readonly doc: Y.Doc;
	readonly state: CanvasState;
	readonly presence: Presence;
	readonly userId: string;
	readonly container: HTMLDivElement;
	readonly stage: Konva.Stage;
	/** The board's elements (listening off while the view moves). */
	readonly layer: Konva.Layer;
	/** Transformer, marquee, drafts, presence. */
	readonly ui: Konva.Layer;
	/** The valid elements by id, as last read. */
	readonly records: ReadonlyMap<string, ElementRecord>;
	/** The Konva node of each drawn element. */
	readonly nodes: ReadonlyMap<string, Konva.Group>;
	readonly index: SpatialIndex;
	/** A record with its live (uncommitted) geometry while dragged or transformed. */
	readonly lookup: Lookup;
	readonly viewport: Viewport;
	readonly width: number;
	readonly height: number;
	readonly selection: readonly string[];
	/** Whether a coarse pointer (touch) is the primary input. */
	readonly coarse: boolean;
	/**
	 * The user is moving the view (pan, zoom, pinch, following a presenter) and it has not come
	 * to rest yet: expensive drawing can wait until it does.
	 */
	readonly gesture: boolean;
	/** Whether the canvas draws the overview (far zoom) instead of element nodes. */
	readonly overviewOn: boolean;

	readOnly(): boolean;
	/** Ends the current undo step, so the next change becomes a step of its own. */
	boundary(): void;
	select(ids: string[]): void;
	selectTool(selection: ToolSelection | null): void;
	setViewport(v: Viewport, byUser: boolean): void;
	/** Paint order position of an element (higher = on top). */
	orderOf(id: string): number;
	boundsOf(id: string): Box | null;
	/** Marks an element as changed (its node is brought up to date on the next render). */
	markDirty(id: string): void;
	/** Renders now (document changes read, nodes updated). */
	render(): void;
	/** Renders on the next animation frame (several requests make one render). */
	scheduleRender(): void;
	/** Brings the cache up to date with the document without drawing. */
	applyDirty(): void;
	/** Whether an element may be dragged now. */
	canDrag(el: ElementRecord): boolean;
	/** Screen position of a pointer or wheel event, relative to the canvas. */
	pos(e: { clientX: number; clientY: number }): Pos;
	startEditing(id: string): void;
	/** Creates an element of a placeable type at a world point; returns its id. */
	createAt(
		type: 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame',
		at: Pos,
		edit: boolean
	): string | null;
}
