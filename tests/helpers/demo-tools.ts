/**
 * A board with the demo case's people and the Signs of Safety and goal steps demo content, for
 * the tools' unit tests. Set `SVG_OUT=<dir>` to have `writeSvg` save the pictures for a look.
 */
import { writeFileSync } from 'node:fs';
import * as Y from 'yjs';
import { addDemoPeople } from '../../server/demo/people';
import { initBoard } from '../../src/lib/board/doc';
import { toolData } from '../../src/lib/tools/data';
import { goals } from '../../src/lib/tools/goals';
import { sos } from '../../src/lib/tools/sos';

export const DEMO_NOW = new Date('2026-12-01T10:00:00Z');

export function demoDoc(now = DEMO_NOW): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc);
	doc.transact(() => addDemoPeople(doc, now));
	sos.demo!(toolData(doc, 'sos'), now);
	goals.demo!(toolData(doc, 'goals'), now);
	return doc;
}

export function writeSvg(name: string, svg: string): void {
	if (process.env.SVG_OUT) writeFileSync(`${process.env.SVG_OUT}/${name}.svg`, svg);
}
