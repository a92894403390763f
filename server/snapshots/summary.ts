/**
 * A snapshot's summary: how much the board holds, and each tool's own summary (counts, lines in
 * words, trend numbers) through the registry. Read leniently: unknown or malformed records are
 * skipped by the tools' readers, never thrown on.
 */
import * as Y from 'yjs';
import { combineGoals, docFromUpdate } from '../../src/lib/board/parts';
import { translator } from '../../src/lib/i18n';
import { summarizeTools } from '../../src/lib/review/board-tools';
import type { ToolId, ToolSummary } from '../../src/lib/tools/types';

export interface BoardSummary {
	[key: string]: unknown;
	elements: number;
	people: number;
	timelineEvents: number;
	sosItems: number;
	goals: number;
	minutesCharacters: number;
	/** Each registered tool's summary (Danish), by tool id. */
	tools: Partial<Record<ToolId, ToolSummary>>;
}

function mapSize(parent: Y.Map<unknown>, key: string): number {
	const child = parent.get(key);
	return child instanceof Y.Map ? child.size : 0;
}

/** The summary of a board document (a snapshot's, or a live board's before it is saved). */
export function summarizeDoc(doc: Y.Doc): BoardSummary {
	const minutes = doc.getXmlFragment('minutes');
	return {
		elements: doc.getMap('elements').size,
		people: doc.getMap('people').size,
		timelineEvents: mapSize(doc.getMap('timeline'), 'events'),
		sosItems: mapSize(doc.getMap('sos'), 'items'),
		goals: doc.getMap('goals').size,
		minutesCharacters: minutes.toString().replace(/<[^>]*>/g, '').length,
		tools: summarizeTools(doc, translator('da'), 'da')
	};
}

/** The summary of a board's main document and (when given) its goals document. */
export function summarizeBoard(state: Uint8Array, goals: Uint8Array | null = null): BoardSummary {
	const doc = docFromUpdate(state);
	const goalsDoc = docFromUpdate(goals);
	try {
		return summarizeDoc(combineGoals(doc, goalsDoc));
	} finally {
		doc.destroy();
		goalsDoc.destroy();
	}
}

/** A saved summary as a reader who may not see the goals gets it: without them. */
export function withoutGoals(summary: Record<string, unknown>): Record<string, unknown> {
	const { goals: _goals, tools, ...rest } = summary as BoardSummary;
	void _goals;
	const { goals: _tool, ...otherTools } = (tools ?? {}) as BoardSummary['tools'];
	void _tool;
	return { ...rest, tools: otherTools };
}
