/**
 * The board's keyboard: the canvas's actions behind the shortcuts of keyboard.ts, bound to the
 * canvas element while it has focus.
 */
import { moveElements } from '$lib/board';
import type { BoardCanvas } from './board-canvas';
import type { CanvasHost } from './host';
import { handleKey, type KeyActions } from './keyboard';
import type { PointerInput } from './pointer';
import type { ToolFrames } from './tool-frames';

export interface BoardKeyParts {
	tools: ToolFrames;
	pointer: PointerInput;
	undo(): void;
	redo(): void;
}

/** Binds the keys on the host's container; returns the cleanup. */
export function bindBoardKeys(
	canvas: BoardCanvas,
	host: CanvasHost,
	parts: BoardKeyParts
): () => void {
	const c = host.container;
	const actions = boardKeyActions(canvas, host, parts);
	const keydown = (e: KeyboardEvent) => {
		if (e.target === c) handleKey(e, actions, host.viewport.scale);
	};
	const keyup = (e: KeyboardEvent) => {
		if (e.code === 'Space') {
			parts.pointer.space = false;
			c.style.cursor = '';
		}
	};
	c.addEventListener('keydown', keydown);
	c.addEventListener('keyup', keyup);
	return () => {
		c.removeEventListener('keydown', keydown);
		c.removeEventListener('keyup', keyup);
	};
}

function boardKeyActions(canvas: BoardCanvas, host: CanvasHost, parts: BoardKeyParts): KeyActions {
	const { state } = host;
	return {
		readOnly: () => host.readOnly(),
		tool: () => state.tool,
		setTool: (tool) => canvas.setTool(tool),
		undo: () => parts.undo(),
		redo: () => parts.redo(),
		duplicate: () => canvas.duplicateSelection(),
		selectAll: () => canvas.select([...host.records.keys()]),
		clearSelection: () => {
			canvas.select([]);
			canvas.selectTool(null);
		},
		zoomBy: (f) => canvas.zoomBy(f),
		zoomTo: (s) => canvas.zoomTo(s),
		zoomToFit: () => canvas.zoomToFit(),
		zoomToSelection: () => canvas.zoomToSelection(),
		reorder: (d) => canvas.reorder(d),
		deleteSelection: () => void canvas.deleteSelection(),
		editSelected: () => canvas.editSelected(),
		addAtCenter: (type) => void canvas.addAtCenter(type),
		arrow: (dx, dy, unit) => {
			const toolSel = state.toolSelection;
			const selection = host.selection;
			if (selection.length === 0 && toolSel && toolSel.kind !== 'tool') {
				parts.tools.nudge(toolSel, unit.dx, unit.dy, unit.big);
				return;
			}
			if (selection.length > 0 && !host.readOnly()) {
				host.boundary();
				moveElements(host.doc, { ids: [...selection], dx, dy });
			} else {
				const v = host.viewport;
				host.setViewport({ ...v, x: v.x - dx * v.scale, y: v.y - dy * v.scale }, true);
			}
		},
		walk: (backwards) => {
			// With one element selected, Tab walks through the elements in reading order and
			// leaves the canvas at either end; with nothing selected it leaves at once (the side
			// panel is one Tab away, not one per element).
			const selection = host.selection;
			if (selection.length !== 1) return false;
			const list = state.items;
			const at = list.findIndex((el) => el.id === selection[0]);
			const next = at + (backwards ? -1 : 1);
			const target = at === -1 && backwards ? undefined : list[at === -1 ? 0 : next];
			if (!target) return false;
			canvas.focusElement(target.id);
			return true;
		},
		first: () => {
			const target = state.items[0];
			if (target) canvas.focusElement(target.id);
		},
		toggleGrid: () => {
			state.grid = !state.grid;
		},
		setSpace: (down) => {
			parts.pointer.space = down;
			if (down) host.container.style.cursor = 'grab';
		}
	};
}
