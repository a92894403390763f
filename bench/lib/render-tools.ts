/**
 * Tool content for the render benchmark (bench/render.js): on top of the demo board's five tool
 * frames and their demo content, a 40-person genogram and 500 timeline events from the tools'
 * own generators (their `generate.ts`), written through a client like any edit.
 */
import type * as Y from 'yjs';
import { ROOT } from '../../src/lib/board/keys';
import { toolFrameId } from '../../src/lib/board/records/element';
import { toolData } from '../../src/lib/tools/data';
import { generate as genogram } from '../../src/lib/tools/genogram/generate';
import { generate as timeline } from '../../src/lib/tools/timeline/generate';

export const GENOGRAM_PEOPLE = 40;
export const TIMELINE_EVENTS = 500;

export function addToolContent(doc: Y.Doc): void {
	genogram(toolData(doc, 'genogram'), GENOGRAM_PEOPLE, 13);
	timeline(toolData(doc, 'timeline'), TIMELINE_EVENTS, 13);
}

/**
 * Removes the frames of every tool not in `keep` (RENDER_TOOLS, e.g. `timeline,network`: the
 * board the timeline and network issue measured its budget on). Their content stays, unseen.
 */
export function keepToolFrames(doc: Y.Doc, keep: string[]): void {
	const elements = doc.getMap(ROOT.elements);
	doc.transact(() => {
		for (const tool of ['timeline', 'network', 'genogram', 'sos', 'goals'])
			if (!keep.includes(tool)) elements.delete(toolFrameId(tool as never));
	});
}
