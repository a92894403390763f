/**
 * Keyboard shortcuts of the canvas (while it has focus). Maps keys to the canvas's actions; the
 * tool letters follow common whiteboards (V select, H hand, N note, T text, R, O, A, P, F).
 */
import type { ReorderDirection } from '$lib/board';
import type { Tool } from './canvas-state.svelte';

export interface KeyActions {
	readOnly(): boolean;
	tool(): Tool;
	setTool(tool: Tool): void;
	undo(): void;
	redo(): void;
	duplicate(): void;
	selectAll(): void;
	clearSelection(): void;
	zoomBy(factor: number): void;
	zoomTo(scale: number): void;
	zoomToFit(): void;
	zoomToSelection(): void;
	reorder(direction: ReorderDirection): void;
	deleteSelection(): void;
	editSelected(): void;
	addAtCenter(type: 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame'): void;
	/** Moves the selection, or pans the view when nothing is selected (world units). */
	arrow(dx: number, dy: number, unit: { dx: number; dy: number; big: boolean }): void;
	/** Tab: walks to the next or previous element; false when there is none (focus leaves). */
	walk(backwards: boolean): boolean;
	/** Selects the first element in reading order. */
	first(): void;
	toggleGrid(): void;
	setSpace(down: boolean): void;
}

const TOOL_KEYS: Record<string, Tool> = {
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

const PLACEABLE = new Set<Tool>(['sticky', 'text', 'rect', 'ellipse', 'frame']);

/** Handles one keydown on the canvas. `scale` is the view's zoom (arrow steps follow it). */
export function handleKey(e: KeyboardEvent, a: KeyActions, scale: number): void {
	const mod = e.ctrlKey || e.metaKey;
	const key = e.key.toLowerCase();
	const handled = () => e.preventDefault();
	if (e.code === 'Space') return (handled(), a.setSpace(true));
	if (mod && key === 'z') return (handled(), e.shiftKey ? a.redo() : a.undo());
	if (mod && key === 'y') return (handled(), a.redo());
	if (mod && key === 'd') return (handled(), a.duplicate());
	if (mod && key === 'a') return (handled(), a.selectAll());
	if (mod && (key === '+' || key === '=')) return (handled(), a.zoomBy(1.25));
	if (mod && key === '-') return (handled(), a.zoomBy(0.8));
	if (mod && key === '0') return (handled(), a.zoomTo(1));
	if (mod && e.key === ']') return (handled(), a.reorder('front'));
	if (mod && e.key === '[') return (handled(), a.reorder('back'));
	if (mod) return;
	if (e.key === ']') return (handled(), a.reorder('forward'));
	if (e.key === '[') return (handled(), a.reorder('backward'));
	if (e.key === 'Delete' || e.key === 'Backspace') return (handled(), a.deleteSelection());
	if (e.key === 'Escape') return (handled(), a.clearSelection(), a.setTool('select'));
	const current = a.tool();
	if (e.key === 'Enter' && PLACEABLE.has(current)) {
		// Keyboard users place a new element in the middle of the view.
		handled();
		a.setTool('select');
		a.addAtCenter(current as 'sticky' | 'text' | 'rect' | 'ellipse' | 'frame');
		return;
	}
	if (e.key === 'Enter' || e.key === 'F2') return (handled(), a.editSelected());
	if (e.key === '!' || (e.shiftKey && e.code === 'Digit1')) return (handled(), a.zoomToFit());
	if (e.key === '@' || e.key === '"' || (e.shiftKey && e.code === 'Digit2'))
		return (handled(), a.zoomToSelection());
	if (e.key === '+') return (handled(), a.zoomBy(1.25));
	if (e.key === '-') return (handled(), a.zoomBy(0.8));
	if (e.key.startsWith('Arrow')) {
		handled();
		const ux = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
		const uy = e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : 0;
		const step = (e.shiftKey ? 50 : 10) / Math.max(0.5, scale);
		a.arrow(ux * step, uy * step, { dx: ux, dy: uy, big: e.shiftKey });
		return;
	}
	if (e.key === 'Tab') {
		if (a.walk(e.shiftKey)) handled();
		return;
	}
	// Home selects the first element in reading order, from where Tab walks on.
	if (e.key === 'Home') return (handled(), a.first());
	const tool = TOOL_KEYS[key];
	if (tool && !e.altKey) {
		handled();
		a.setTool(a.readOnly() ? 'select' : tool);
		return;
	}
	if (key === 'g') {
		handled();
		a.toggleGrid();
	}
}
