/**
 * A board's tools as the review views see them (pure; the server and the browser share it):
 * each registered tool's model, summary and picture, found only through the registry, so a tool
 * added later shows up in snapshots, comparisons and the PDF without a change here.
 */
import type * as Y from 'yjs';
import { getElement } from '../board/doc';
import { toolFrameId } from '../board/records/element';
import type { Locale, Translate } from '../i18n';
import { toolData } from '../tools/data';
import type { DisplayList } from '../tools/draw/display';
import { frameLayout } from '../tools/frame';
import { TOOLS } from '../tools/registry';
import type {
	AnyToolDefinition,
	DiffEntry,
	LayoutContext,
	ToolId,
	ToolSummary
} from '../tools/types';

export interface BoardTool {
	def: AnyToolDefinition;
	model: unknown;
	/** The tool's frame on the board, or null when it has none. */
	frame: { w: number; h: number } | null;
	empty: boolean;
}

/** Every registered tool of a board, in menu order (also those without a frame). */
export function boardTools(doc: Y.Doc): BoardTool[] {
	return TOOLS.map((def) => {
		const model: unknown = def.read(toolData(doc, def.id));
		const el = getElement(doc, toolFrameId(def.id));
		return {
			def,
			model,
			frame: el && el.type === 'tool' ? { w: el.w, h: el.h } : null,
			empty: def.isEmpty(model)
		};
	});
}

/** The tools worth showing for a saved board: those with a frame or with content. */
export function shownTools(doc: Y.Doc): BoardTool[] {
	return boardTools(doc).filter((tool) => tool.frame || !tool.empty);
}

/** Each tool's summary, by tool id. */
export function summarizeTools(
	doc: Y.Doc,
	t: Translate,
	locale: Locale
): Partial<Record<ToolId, ToolSummary>> {
	const out: Partial<Record<ToolId, ToolSummary>> = {};
	for (const tool of boardTools(doc)) out[tool.def.id] = tool.def.summary(tool.model, t, locale);
	return out;
}

/** A layout context for a saved picture: as it looked on `day` (`YYYY-MM-DD`), nothing selected. */
export function pictureContext(t: Translate, locale: Locale, day: string): LayoutContext {
	return { t, locale, today: day, selected: null };
}

/** The tool's frame as drawn on the board (its size there, else the tool's default size). */
export function framePicture(tool: BoardTool, context: LayoutContext): DisplayList {
	const { w, h } = tool.frame ?? tool.def.size;
	return frameLayout(tool.def, tool.model, w, h, context);
}

/** Per tool: what was added, changed and removed from `before` to `after` (ARCHITECTURE.md §3). */
export interface BoardDiff {
	tools: Partial<Record<ToolId, DiffEntry[]>>;
}

export function diffBoards(before: Y.Doc, after: Y.Doc, t: Translate, locale: Locale): BoardDiff {
	const tools: BoardDiff['tools'] = {};
	for (const def of TOOLS) {
		const a: unknown = def.read(toolData(before, def.id));
		const b: unknown = def.read(toolData(after, def.id));
		tools[def.id] = def.diff(a, b, t, locale);
	}
	return { tools };
}
