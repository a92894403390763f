/** Shared test fixtures: a board document with the demo people, and the demo genogram. */
import * as Y from 'yjs';
import { initBoard } from '../../board/doc';
import { translator } from '../../i18n';
import { addDemoPeople } from '../../../../server/demo/people';
import { toolData } from '../data';
import type { LayoutContext, ToolData } from '../types';
import { seedGenogramDemo } from './demo';
import { addMember, addRelative } from './ops';

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

let counter = 0;

/** A new person input with a fresh id. */
export function person(name: string, sex: 'male' | 'female' | 'unknown', birthYear?: number) {
	counter++;
	return { person: { id: `p-${name.toLowerCase()}-${counter}`, name, sex, birthYear } };
}

/**
 * A four-generation family of 40 through the ops alone: great-grandparents on four lines, a
 * divorce and a new partner with a half-sibling in each of two generations, cousins, twins, an
 * adopted child and two placed children with their foster family.
 */
export function fortyPersonFamily(): { data: ToolData; ids: Record<string, string> } {
	const { data } = emptyBoard();
	const ids: Record<string, string> = {};
	let u = 0;
	const add = (key: string, input: ReturnType<typeof person>) => {
		ids[key] = input.person.id;
		return input;
	};
	const rel = (
		anchor: string,
		relation: 'child' | 'partner' | 'parent' | 'sibling',
		key: string,
		input: ReturnType<typeof person>,
		extra: Record<string, unknown> = {}
	) => {
		const result = addRelative(
			data,
			ids[anchor]!,
			relation,
			{ ...add(key, input), ...extra },
			`u${++u}`
		);
		if (!result.ok) throw new Error(`${key}: ${result.problems.join(', ')}`);
	};
	const link = (
		anchor: string,
		relation: 'child' | 'partner' | 'parent' | 'sibling',
		existing: string,
		extra: Record<string, unknown> = {}
	) => {
		const result = addRelative(
			data,
			ids[anchor]!,
			relation,
			{ existing: ids[existing], ...extra },
			`u${++u}`
		);
		if (!result.ok) throw new Error(`${existing}: ${result.problems.join(', ')}`);
	};
	addMember(data, add('b1', person('Bent', 'male', 1950)));
	rel('b1', 'partner', 'b2', person('Bodil', 'female', 1952));
	rel('b1', 'parent', 'a1', person('Aage', 'male', 1925));
	rel('b1', 'parent', 'a2', person('Asta', 'female', 1927));
	rel('b2', 'parent', 'a3', person('Arne', 'male', 1922));
	rel('b2', 'parent', 'a4', person('Agnes', 'female', 1926));
	rel('b1', 'sibling', 'b3', person('Bjarne', 'male', 1954));
	rel('b3', 'partner', 'b3p', person('Birthe', 'female', 1955));
	rel('b2', 'sibling', 'b7', person('Britta', 'female', 1956));
	rel('b1', 'child', 'c1', person('Camilla', 'female', 1975));
	rel('b1', 'child', 'c2', person('Christian', 'male', 1977));
	rel('b1', 'child', 'c3', person('Connie', 'female', 1980));
	addMember(data, add('b4', person('Bo', 'male', 1949)));
	rel('b4', 'partner', 'b5', person('Bettina', 'female', 1951), { unionKind: 'divorced' });
	rel('b4', 'parent', 'a5', person('Alfred', 'male', 1920));
	rel('b4', 'parent', 'a6', person('Alma', 'female', 1924));
	rel('b5', 'parent', 'a7', person('Anton', 'male', 1921));
	rel('b5', 'parent', 'a8', person('Ane', 'female', 1923));
	rel('b4', 'child', 'c4', person('Claus', 'male', 1973));
	rel('b4', 'child', 'c5', person('Cecilie', 'female', 1976));
	rel('b5', 'partner', 'b6', person('Benny', 'male', 1950));
	rel('b5', 'child', 'c6', person('Casper', 'male', 1982));
	link('c1', 'partner', 'c4', { unionKind: 'separated' });
	rel('c1', 'child', 'd1', person('Sofie', 'female', 2015));
	rel('c1', 'child', 'd2', person('Oliver', 'male', 2017));
	rel('c1', 'child', 'd3', person('Ella', 'female', 2019));
	rel('d3', 'sibling', 'd4', person('Alma', 'female', 2019));
	rel('c1', 'partner', 'c7', person('Christoffer', 'male', 1974), { unionKind: 'cohabiting' });
	rel('c1', 'child', 'd5', person('Noah', 'male', 2023));
	rel('c2', 'partner', 'c2p', person('Charlotte', 'female', 1978));
	rel('c2', 'child', 'd6', person('William', 'male', 2008));
	rel('c2', 'child', 'd7', person('Freja', 'female', 2010));
	rel('c3', 'child', 'd9', person('Liva', 'female', 2012), { kind: 'adopted' });
	rel('c5', 'partner', 'c5p', person('Carsten', 'male', 1975));
	rel('c5', 'child', 'd8', person('Lucas', 'male', 2006));
	rel('b3', 'child', 'c8', person('Dennis', 'male', 1979));
	rel('c8', 'partner', 'c8p', person('Dorthe', 'female', 1981));
	rel('c8', 'child', 'd10', person('Emil', 'male', 2011));
	rel('c8', 'child', 'd12', person('Mia', 'female', 2014));
	rel('c5', 'child', 'd11', person('Laura', 'female', 2009));
	rel('d1', 'parent', 'f', person('Plejefamilien Berg', 'unknown'), { kind: 'foster' });
	link('d2', 'parent', 'f', { kind: 'foster' });
	return { data, ids };
}
