/**
 * Comparing boards (acceptance 2): per tool, a scripted change between two snapshots appears
 * exactly once with the right kind, in Danish. The generic checks run for every registered tool
 * (its demo content against an empty board); the scripted ones use each tool's own ops.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../i18n';
import { toolData } from '../tools/data';
import { TOOLS } from '../tools/registry';
import { addEvent, removeEvent, updateEvent } from '../tools/timeline/ops';
import { demoBoard as demoBoardWith } from '../tools/test/helpers';
import { boardTools, diffBoards, shownTools, summarizeTools } from './board-tools';

const t = translator('da');
const NOW = new Date('2026-03-01T10:00:00Z');

const demoBoard = () => demoBoardWith(NOW);

/** A copy with the same history (the next snapshot of the same board). */
function copy(doc: Y.Doc): Y.Doc {
	const next = new Y.Doc();
	Y.applyUpdate(next, Y.encodeStateAsUpdate(doc));
	return next;
}

describe('diffBoards over every registered tool', () => {
	it('finds nothing between a board and its unchanged copy', () => {
		const doc = demoBoard();
		const diff = diffBoards(doc, copy(doc), t, 'da');
		for (const tool of TOOLS) expect(diff.tools[tool.id]).toEqual([]);
	});

	it.each(TOOLS.filter((tool) => tool.demo).map((tool) => [tool.id, tool] as const))(
		'%s: everything added from an empty board and removed going back, once each, in Danish',
		(id) => {
			const empty = new Y.Doc();
			const doc = demoBoard();
			const added = diffBoards(empty, doc, t, 'da').tools[id] ?? [];
			const removed = diffBoards(doc, empty, t, 'da').tools[id] ?? [];
			expect(added.length).toBeGreaterThan(0);
			// Records that exist on every board (a scale) change rather than appear.
			expect(added.every((e) => e.kind !== 'removed')).toBe(true);
			expect(removed.every((e) => e.kind !== 'added')).toBe(true);
			expect(added.filter((e) => e.kind === 'added').length).toBeGreaterThan(0);
			expect(new Set(added.map((e) => e.id)).size).toBe(added.length);
			expect(new Set(removed.map((e) => e.id)).size).toBe(removed.length);
			// Going back removes what was added; a tool may leave out what its removal implies
			// (a removed person's child links).
			const addedIds = new Set(added.map((e) => e.id));
			expect(removed.every((e) => addedIds.has(e.id))).toBe(true);
			expect(removed.length).toBeGreaterThan(0);
			for (const e of [...added, ...removed]) expect(e.text.trim().length).toBeGreaterThan(0);
		}
	);
});

describe('diffBoards, timeline scripted', () => {
	const data = (doc: Y.Doc) => toolData(doc, 'timeline');

	it('an added, a changed and a removed event each appear exactly once with the right kind and wording', () => {
		const before = demoBoard();
		const after = copy(before);
		expect(
			addEvent(data(after), 'tl-new', {
				title: 'Mikkel starter til svømning',
				date: '2026-02-10',
				category: 'succes'
			})
		).toBe(true);
		expect(
			updateEvent(data(after), 'tl-report', { title: 'Underretning fra skolen om fravær' })
		).toBe(true);
		removeEvent(data(after), 'tl-split');
		const entries = diffBoards(before, after, t, 'da').tools.timeline!;
		expect(entries).toHaveLength(3);
		const byId = new Map(entries.map((e) => [e.id, e]));
		expect(byId.get('tl-new')).toEqual({
			kind: 'added',
			id: 'tl-new',
			text: 'Ny begivenhed: Mikkel starter til svømning (10. feb. 2026)'
		});
		expect(byId.get('tl-report')).toEqual({
			kind: 'changed',
			id: 'tl-report',
			text: 'Underretning fra skolen om fravær: titel "Underretning fra skolen" → "Underretning fra skolen om fravær"'
		});
		expect(byId.get('tl-split')).toEqual({
			kind: 'removed',
			id: 'tl-split',
			text: 'Begivenhed fjernet: Line og Carsten går fra hinanden'
		});
		// The reverse direction: the same three, with the kinds turned round.
		const back = diffBoards(after, before, t, 'da').tools.timeline!;
		expect(back.map((e) => [e.id, e.kind]).sort()).toEqual([
			['tl-new', 'removed'],
			['tl-report', 'changed'],
			['tl-split', 'added']
		]);
	});

	it('a date change reads as "dato … → …"', () => {
		const before = demoBoard();
		const after = copy(before);
		updateEvent(data(after), 'tl-report', { date: '2025-01-15' });
		const [entry] = diffBoards(before, after, t, 'da').tools.timeline!;
		expect(entry?.kind).toBe('changed');
		expect(entry?.text).toMatch(/^Underretning fra skolen: dato .+ → 15\. jan\. 2025$/);
	});
});

describe('boardTools', () => {
	it('lists every registered tool, and shows those with content or a frame', () => {
		const empty = new Y.Doc();
		expect(boardTools(empty).map((b) => b.def.id)).toEqual(TOOLS.map((tool) => tool.id));
		expect(shownTools(empty)).toEqual([]);
		const doc = demoBoard();
		expect(shownTools(doc).map((b) => b.def.id)).toEqual(
			TOOLS.filter((tool) => tool.demo).map((tool) => tool.id)
		);
	});

	it('summarizes each tool by its id', () => {
		const summaries = summarizeTools(demoBoard(), t, 'da');
		expect(Object.keys(summaries).sort()).toEqual(TOOLS.map((tool) => tool.id).sort());
		expect(summaries.timeline?.counts.events).toBeGreaterThan(0);
	});
});
