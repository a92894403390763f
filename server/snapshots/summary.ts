/**
 * A snapshot's summary: how much each tool holds. Read leniently: unknown or malformed records
 * are counted only where they have the expected shape, never thrown on.
 */
import * as Y from 'yjs';

export interface BoardSummary {
	[key: string]: unknown;
	elements: number;
	people: number;
	timelineEvents: number;
	sosItems: number;
	goals: number;
	minutesCharacters: number;
}

function mapSize(parent: Y.Map<unknown>, key: string): number {
	const child = parent.get(key);
	return child instanceof Y.Map ? child.size : 0;
}

export function summarizeBoard(state: Uint8Array): BoardSummary {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	const minutes = doc.getXmlFragment('minutes');
	const summary: BoardSummary = {
		elements: doc.getMap('elements').size,
		people: doc.getMap('people').size,
		timelineEvents: mapSize(doc.getMap('timeline'), 'events'),
		sosItems: mapSize(doc.getMap('sos'), 'items'),
		goals: doc.getMap('goals').size,
		minutesCharacters: minutes.toString().replace(/<[^>]*>/g, '').length
	};
	doc.destroy();
	return summary;
}
