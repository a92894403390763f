/**
 * The tools' models as reactive state for the side panel and the lists: each tool's root (and
 * the people registry) is observed, and its model re-read once per animation frame after a
 * change. The canvas reads its own copy (`tool-frames.ts`); both use the tool's `read`.
 */
import type * as Y from 'yjs';
import { people, TOOL_IDS, type ToolId } from '$lib/board';
import { toolData } from './data';
import { toolDefinition } from './registry';

export class ToolModels {
	readonly #doc: Y.Doc;
	#models = $state.raw<Partial<Record<ToolId, unknown>>>({});
	// A plain Set on purpose: the tools waiting to be re-read; nothing renders it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #dirty = new Set<ToolId>();
	#frame = 0;
	readonly #cleanup: (() => void)[] = [];

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		for (const tool of TOOL_IDS) {
			if (!toolDefinition(tool)) continue;
			const root = toolData(doc, tool).root;
			const fn = () => this.#changed([tool]);
			root.observeDeep(fn);
			this.#cleanup.push(() => root.unobserveDeep(fn));
		}
		const all = () => this.#changed(TOOL_IDS);
		people(doc).observeDeep(all);
		this.#cleanup.push(() => people(doc).unobserveDeep(all));
		this.#read(TOOL_IDS);
	}

	/** The current model of a tool (reactive). */
	get(tool: ToolId): unknown {
		return this.#models[tool];
	}

	#changed(tools: readonly ToolId[]): void {
		for (const tool of tools) this.#dirty.add(tool);
		if (this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			const dirty = [...this.#dirty];
			this.#dirty.clear();
			this.#read(dirty);
		});
	}

	#read(tools: readonly ToolId[]): void {
		const next = { ...this.#models };
		for (const tool of tools) {
			const def = toolDefinition(tool);
			if (def) next[tool] = def.read(toolData(this.#doc, tool));
		}
		this.#models = next;
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
		for (const fn of this.#cleanup) fn();
	}
}
