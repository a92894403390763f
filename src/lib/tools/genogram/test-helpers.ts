/** Shared test fixtures: a board document with the demo people, and the demo genogram. */
import * as Y from 'yjs';
import { initBoard } from '../../board/doc';
import { translator } from '../../i18n';
import { addDemoPeople } from '../../../../server/demo/people';
import { toolData } from '../data';
import type { LayoutContext, ToolData } from '../types';
import { seedGenogramDemo } from './demo';

export const NOW = new Date('2026-06-01T12:00:00Z');
export const YEAR = NOW.getFullYear();

export function emptyBoard(): { doc: Y.Doc; data: ToolData } {
	const doc = new Y.Doc();
	initBoard(doc);
	return { doc, data: toolData(doc, 'genogram') };
}

export function demoBoard(): { doc: Y.Doc; data: ToolData } {
	const board = emptyBoard();
	board.doc.transact(() => {
		addDemoPeople(board.doc, NOW);
		seedGenogramDemo(board.data, NOW);
	});
	return board;
}

export const context: LayoutContext = {
	t: translator('da'),
	locale: 'da',
	today: '2026-06-01',
	selected: null
};
