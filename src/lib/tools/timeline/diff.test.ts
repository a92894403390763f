import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../i18n';
import { toolData } from '../data';
import { boardWith, NOW, TODAY } from '../test/helpers';
import { diffTimeline } from './diff';
import { timeline } from './index';
import { readTimeline } from './model';
import { addEvent, addPhase, removeEvent, removePhase, updateEvent, updatePhase } from './ops';
import { summarizeTimeline } from './summary';

const t = translator('da');

function demoPair() {
	const before = boardWith('timeline');
	timeline.demo!(before.data, NOW);
	const after = new Y.Doc();
	Y.applyUpdate(after, Y.encodeStateAsUpdate(before.doc));
	return { before: before.data, after: toolData(after, 'timeline') };
}

describe('timeline diff and summary', () => {
	it('report each scripted change exactly once, with its kind and Danish words', () => {
		const { before, after } = demoPair();
		addEvent(after, 'new', { title: 'Samvær hos Birgit', date: '2026-11-28', category: 'samvaer' });
		removeEvent(after, 'tl-cancelled');
		updateEvent(after, 'tl-job', { date: '2026-11-01', title: 'Line får fast job' });
		updatePhase(after, 'tl-phase-opstart', { end: '2026-12-20' });
		removePhase(after, 'tl-phase-forandring');
		addPhase(after, 'vedl', { kind: 'vedligeholdelse', start: '2027-03-01', end: '2027-05-01' });
		const diff = diffTimeline(readTimeline(before, TODAY), readTimeline(after, TODAY), t, 'da');
		const byId = (id: string) => diff.filter((d) => d.id === id);
		expect(byId('new')).toEqual([
			{ kind: 'added', id: 'new', text: 'Ny begivenhed: Samvær hos Birgit (28. nov. 2026)' }
		]);
		expect(byId('tl-cancelled')).toEqual([
			{ kind: 'removed', id: 'tl-cancelled', text: 'Begivenhed fjernet: Samvær aflyst tre gange' }
		]);
		expect(byId('tl-job')).toHaveLength(1);
		expect(byId('tl-job')[0]).toMatchObject({ kind: 'changed' });
		expect(byId('tl-job')[0]!.text).toContain(
			'titel "Line får fast arbejde" → "Line får fast job"'
		);
		expect(byId('tl-job')[0]!.text).toContain('dato 24. okt. 2026 → 1. nov. 2026');
		expect(byId('tl-phase-opstart')).toEqual([
			{ kind: 'changed', id: 'tl-phase-opstart', text: 'Opstart: længde 8 → 6 uger' }
		]);
		expect(byId('tl-phase-forandring')).toEqual([
			{ kind: 'removed', id: 'tl-phase-forandring', text: 'Fase fjernet: Forandring' }
		]);
		expect(byId('vedl')).toEqual([
			{ kind: 'added', id: 'vedl', text: 'Ny fase: Vedligeholdelse (9 uger)' }
		]);
		expect(diff).toHaveLength(6);
		expect(diffTimeline(readTimeline(before, TODAY), readTimeline(before, TODAY), t, 'da')).toEqual(
			[]
		);
	});

	it('summarise the demo timeline in numbers and words', () => {
		const { before } = demoPair();
		const summary = summarizeTimeline(readTimeline(before, TODAY), t, 'da');
		expect(summary.counts).toEqual({ events: 10, phases: 2, placements: 1, deadlines: 1 });
		expect(summary.items[0]).toEqual({ label: 'Begivenheder', value: 10 });
		expect(summary.text).toContain('Opstart: 8 uger');
		expect(
			summary.text.some((l) =>
				l.includes('Sara og Mikkel anbringes hos plejefamilien Holm (anbringelse)')
			)
		).toBe(true);
	});
});
