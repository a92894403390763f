/**
 * The tools' Svelte views, found by convention: `src/lib/tools/<tool>/Panel.svelte` (the side
 * panel's editor for what is selected in the tool) and `List.svelte` (the accessible list view,
 * a phone's main view of the tool). Browser and SvelteKit code only; the pure registry stays
 * importable by the server.
 */
import type { Component } from 'svelte';
import type { Locale, Translate } from '$lib/i18n';
import type { ParticipantRole, ToolData, ToolId, ToolSelection } from './types';

/** What every tool Panel and List gets. */
export interface ToolViewProps<M = unknown> {
	data: ToolData;
	model: M;
	/** What is selected in this tool (null in a List when nothing is). */
	selection: ToolSelection | null;
	t: Translate;
	locale: Locale;
	readOnly: boolean;
	/** Who is looking: user id (`guest-<inviteId>` for a guest), name and role on the board. */
	me: { id: string; name: string; caseRole?: ParticipantRole };
	/** Selects something in the tool, on the board too (null: nothing). */
	select: (selection: ToolSelection | null) => void;
	/** Shows the tool's frame on the board. */
	show: () => void;
	/** Ends the current undo step (each Panel edit is a step of its own). */
	boundary: () => void;
}

type View = Component<ToolViewProps>;

const panels = import.meta.glob<View>('./*/Panel.svelte', { eager: true, import: 'default' });
const lists = import.meta.glob<View>('./*/List.svelte', { eager: true, import: 'default' });

const byTool = (modules: Record<string, View>) =>
	new Map(
		Object.entries(modules).map(([path, view]) => [path.split('/')[1] as ToolId, view] as const)
	);

const PANELS = byTool(panels);
const LISTS = byTool(lists);

export function toolPanel(tool: ToolId): View | undefined {
	return PANELS.get(tool);
}

export function toolList(tool: ToolId): View | undefined {
	return LISTS.get(tool);
}
