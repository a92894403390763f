/** Reactive state of the canvas UI (tool, selection, zoom, list view), written by BoardCanvas. */
import type { ElementRecord } from '$lib/board';
import type { ToolSelection } from '$lib/tools/types';

export type Tool =
	'select' | 'hand' | 'sticky' | 'text' | 'rect' | 'ellipse' | 'arrow' | 'pen' | 'frame';

export class CanvasState {
	#tool = $state<Tool>('select');
	#stickyColor = $state('yellow');
	#inkColor = $state('black');
	#selection = $state.raw<string[]>([]);
	#zoom = $state(1);
	#grid = $state(true);
	#items = $state.raw<ElementRecord[]>([]);
	#ready = $state(false);
	#editing = $state<string | null>(null);
	#count = $state(0);
	#toolSelection = $state.raw<ToolSelection | null>(null);

	get tool(): Tool {
		return this.#tool;
	}
	set tool(tool: Tool) {
		this.#tool = tool;
	}
	get stickyColor(): string {
		return this.#stickyColor;
	}
	set stickyColor(color: string) {
		this.#stickyColor = color;
	}
	get inkColor(): string {
		return this.#inkColor;
	}
	set inkColor(color: string) {
		this.#inkColor = color;
	}
	get selection(): string[] {
		return this.#selection;
	}
	set selection(ids: string[]) {
		this.#selection = ids;
	}
	/** 1 = 100 %. */
	get zoom(): number {
		return this.#zoom;
	}
	set zoom(zoom: number) {
		this.#zoom = zoom;
	}
	get grid(): boolean {
		return this.#grid;
	}
	set grid(on: boolean) {
		this.#grid = on;
	}
	/** Elements for the list view, in reading order (top to bottom, left to right). */
	get items(): ElementRecord[] {
		return this.#items;
	}
	set items(items: ElementRecord[]) {
		this.#items = items;
	}
	get count(): number {
		return this.#count;
	}
	set count(n: number) {
		this.#count = n;
	}
	/** The first render after loading is done. */
	get ready(): boolean {
		return this.#ready;
	}
	set ready(ready: boolean) {
		this.#ready = ready;
	}
	/** What is selected inside a tool (its Panel shows it), or null. */
	get toolSelection(): ToolSelection | null {
		return this.#toolSelection;
	}
	set toolSelection(selection: ToolSelection | null) {
		this.#toolSelection = selection;
	}
	get editing(): string | null {
		return this.#editing;
	}
	set editing(id: string | null) {
		this.#editing = id;
	}
}
