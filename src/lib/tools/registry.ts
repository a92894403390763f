/**
 * The tools on the board, in menu order. Adding a tool: a folder `src/lib/tools/<tool>/` with
 * its `index.ts`, one line here, and its messages in `src/lib/i18n/index.ts`. The canvas, the
 * side panel, snapshots, diffs and the PDF find tools only through this list.
 */
import type { ToolId } from '../board/records/element';
import { genogram } from './genogram';
import { goals } from './goals';
import { network } from './network';
import { sos } from './sos';
import { timeline } from './timeline';
import type { AnyToolDefinition } from './types';

export const TOOLS: readonly AnyToolDefinition[] = [timeline, genogram, network, sos, goals];

const byId = new Map<ToolId, AnyToolDefinition>(TOOLS.map((tool) => [tool.id, tool]));

/** The definition of a tool, or undefined for a tool this build does not have. */
export function toolDefinition(id: ToolId | string | undefined): AnyToolDefinition | undefined {
	return byId.get(id as ToolId);
}
