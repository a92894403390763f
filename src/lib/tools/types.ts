/**
 * The seam every domain tool plugs into (ARCHITECTURE.md §2b). A tool is a folder
 * `src/lib/tools/<tool>/` whose `index.ts` exports a `ToolDefinition`, registered in
 * `registry.ts`; the canvas, the side panel, snapshots, diffs and the PDF know tools only through
 * it. Everything here is pure: no Svelte, Konva, DOM or server imports.
 */
import type * as Y from 'yjs';
import type { Collection } from '../board/doc';
import type { BoardOrigin } from '../board/origin';
import type { ToolId } from '../board/records/element';
import type { Locale, MessageKey, Translate } from '../i18n';
import type { DisplayList, Hit } from './draw/display';

export type { ToolId } from '../board/records/element';

/** A participant's role on the board (their case role, or a guest with an invite link). */
export type ParticipantRole = 'facilitator' | 'professional' | 'parent' | 'foster' | 'guest';

/**
 * What a tool's pure code works on: its own root map and the board's people registry – never the
 * whole board document, so a tool's data can later live in a document of its own.
 */
export interface ToolData {
	/** The tool's root (`doc.getMap(<tool>)`). */
	readonly root: Y.Map<unknown>;
	/** Everyone around the case (`people`), shared by every tool. */
	readonly people: Collection;
	/**
	 * This viewer may not see the tool's content (the goals without the parents' consent, for the
	 * foster family): the root is empty and stays so, and the tool says so instead of inviting edits.
	 */
	readonly withheld?: boolean;
}

/** What is selected inside a tool: one of its records (`kind` + `id`), or the tool itself. */
export interface ToolSelection {
	tool: ToolId;
	/** `'tool'` (with `id: ''`) for the tool as a whole, else the tool's own record kind. */
	kind: string;
	id: string;
}

export interface Size {
	width: number;
	height: number;
}

export interface Point {
	x: number;
	y: number;
}

/** What layouts may depend on besides the model and the size. */
export interface LayoutContext {
	t: Translate;
	locale: Locale;
	/** Today as `YYYY-MM-DD` (passed in, so layouts stay deterministic). */
	today: string;
	/** The record to highlight, if it belongs to this tool. */
	selected: ToolSelection | null;
}

/** One line of a tool's summary (snapshot lists, PDF): a label and its value. */
export interface SummaryItem {
	label: string;
	value: string | number;
}

export interface ToolSummary {
	/** Counts by name, for machines (API `summary`, trends). */
	counts: Record<string, number>;
	/** The same and more, in words, for people. */
	items: SummaryItem[];
	/** The tool's content as plain text lines (PDF, search). */
	text: string[];
	/**
	 * Numbers for the case's trends across meetings (optional; read by `src/lib/review/trends.ts`).
	 * A missing key means "no data" for that series, never an error. Keys read today:
	 * - tool `sos`: `overall.parents.median`, `overall.parents.min`, `overall.parents.max`,
	 *   `overall.professionals.median`, `overall.professionals.min`, `overall.professionals.max`,
	 *   `overall.network.median` (the overall safety scale 0–10 by role group) and
	 *   `overall.count` (how many ratings there are);
	 * - tool `goals`: `goals.active`, `goals.reached`, `goals.paused` (goals by status) and
	 *   `steps.done`, `steps.total` (stepping stones of all goals).
	 */
	trend?: Record<string, number>;
}

export type DiffKind = 'added' | 'changed' | 'removed';

/** One difference between two states of a tool (ARCHITECTURE.md §3 diff contract). */
export interface DiffEntry {
	kind: DiffKind;
	/** The record's id (or a composite id for things without one). */
	id: string;
	/** What happened, in Danish: "Birgit flyttet til inderste ring". */
	text: string;
}

/** What an edit from the canvas needs: the tool's data, the model it saw, who edits. */
export interface ToolEdit<M> {
	data: ToolData;
	model: M;
	size: Size;
	userId: string;
	/** The board is read-only here: a tap may select, never change anything. */
	readOnly?: boolean;
	origin: BoardOrigin;
	context: LayoutContext;
	/** The view's zoom (1 = 100 %), for snapping to what the user can see. */
	viewScale: number;
}

/**
 * A tool. `M` is its model: a typed, validated, plain read of its root (invalid records
 * skipped). Layouts work in the frame's content area (`size`, world units, origin top left).
 */
export interface ToolDefinition<M = unknown> {
	id: ToolId;
	/** Its name in the UI (the toolbar's "Værktøjer" menu, the frame's header). */
	name: MessageKey;
	/** Icon path data in a 24 × 24 box. */
	icon: string;
	/** The frame's size when placed, in world units (header included). */
	size: { w: number; h: number };
	/** Reads the model; never writes, never throws on bad data. */
	read(data: ToolData): M;
	layout(model: M, size: Size, context: LayoutContext): DisplayList;
	summary(model: M, t: Translate, locale: Locale): ToolSummary;
	diff(before: M, after: M, t: Translate, locale: Locale): DiffEntry[];
	/**
	 * A click in the frame's content: on a hit (a record or a place) or on nothing. Returns what to
	 * select (for example the event just created), or null to clear the selection.
	 */
	tap?(edit: ToolEdit<M>, hit: Hit | null, at: Point): ToolSelection | null;
	/** A draggable hit was dragged from `move.from` to `move.to` (content coordinates). */
	drop?(edit: ToolEdit<M>, hit: Hit, move: { from: Point; to: Point }): ToolSelection | null;
	/** Delete pressed with one of the tool's records selected. */
	remove?(edit: ToolEdit<M>, selection: ToolSelection): void;
	/**
	 * Arrow keys with one of the tool's records selected (`dx`, `dy` in −1…1; `big` with Shift):
	 * move it by one step. Returns a new selection when the selected thing itself changed.
	 */
	nudge?(
		edit: ToolEdit<M>,
		selection: ToolSelection,
		dx: number,
		dy: number,
		big: boolean
	): ToolSelection | void;
	/** Whether the tool has anything to show (an empty tool's frame invites to start). */
	isEmpty(model: M): boolean;
	/** Fills the demo case's content (the demo seed and tests). */
	demo?(data: ToolData, now: Date): void;
}

/** A definition with its model type erased, as the registry holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyToolDefinition = ToolDefinition<any>;
