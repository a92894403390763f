import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData } from '../data';
import { boardWith, TODAY } from '../test/helpers';
import { readTimeline } from './model';
import {
	addEvent,
	addPhase,
	eventProblems,
	moveEvent,
	phaseProblems,
	removeEvent,
	updateEvent,
	updatePhase
} from './ops';

describe('timeline ops', () => {
	it('refuse dates outside 1900–2100 and ends before starts with a Danish reason, changing nothing', () => {
		const { doc, data } = boardWith('timeline');
		let updates = 0;
		doc.on('update', () => updates++);
		expect(eventProblems({ title: 'x', date: '1899-05-01' })).toEqual(['timeline.error.date']);
		expect(eventProblems({ title: 'x', date: '2101' })).toEqual(['timeline.error.date']);
		expect(eventProblems({ title: 'x', date: '2026-05-01', endDate: '2026-04-30' })).toEqual([
			'timeline.error.endBeforeStart'
		]);
		expect(phaseProblems({ kind: 'opstart', start: '2026-13-01' })).toEqual([
			'timeline.error.date'
		]);
		expect(addEvent(data, 'a', { title: 'x', date: '1899-05-01' })).toBe(false);
		expect(addPhase(data, 'p', { kind: 'opstart', start: '2026-02-30' })).toBe(false);
		expect(updates).toBe(0);
		expect(addEvent(data, 'a', { title: 'Anbringelse', date: '2025-10-07', ongoing: true })).toBe(
			true
		);
		expect(updateEvent(data, 'a', { date: '3000-01-01' })).toBe(false);
		expect(updateEvent(data, 'a', { endDate: '2025-01-01' })).toBe(false);
		expect(readTimeline(data, TODAY).events[0]).toMatchObject({
			date: '2025-10-07',
			ongoing: true
		});
		expect(updatePhase(data, 'nope', { start: '2026-01-01' })).toBe(false);
	});

	it('move an event by days, a month-precise one by whole months, keeping a period’s length', () => {
		const { data } = boardWith('timeline');
		addEvent(data, 'd', { title: 'Dag', date: '2026-01-30' });
		addEvent(data, 'm', { title: 'Måned', date: '2026-01' });
		addEvent(data, 'p', { title: 'Periode', date: '2026-01-10', endDate: '2026-01-20' });
		moveEvent(data, 'd', 3);
		moveEvent(data, 'm', 31);
		moveEvent(data, 'p', 10);
		const byId = new Map(readTimeline(data, TODAY).events.map((e) => [e.id, e]));
		expect(byId.get('d')?.date).toBe('2026-02-02');
		expect(byId.get('m')?.date).toBe('2026-02');
		expect(byId.get('p')).toMatchObject({ date: '2026-01-20', endDate: '2026-01-30' });
	});

	it('clear optional fields with null and ignore records deleted meanwhile', () => {
		const { data } = boardWith('timeline');
		addEvent(data, 'a', { title: 'x', date: '2026-01-01', note: 'note', deadline: true });
		updateEvent(data, 'a', { note: null, deadline: false });
		expect(readTimeline(data, TODAY).events[0]).toMatchObject({ deadline: false });
		expect(readTimeline(data, TODAY).events[0]?.note).toBeUndefined();
		removeEvent(data, 'a');
		expect(updateEvent(data, 'a', { title: 'y' })).toBe(false);
		expect(moveEvent(data, 'a', 3)).toBe(false);
		expect(readTimeline(data, TODAY).events).toEqual([]);
	});

	it('converge when one removes an event another is editing (two replicas)', () => {
		const a = boardWith('timeline');
		const b = new Y.Doc();
		addEvent(a.data, 'e', { title: 'Samvær', date: '2026-03-01' });
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
		const bData = toolData(b, 'timeline');
		removeEvent(a.data, 'e');
		updateEvent(bData, 'e', { title: 'Samvær hos Birgit', category: 'samvaer' });
		moveEvent(bData, 'e', 14);
		Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
		const left = readTimeline(a.data, TODAY);
		const right = readTimeline(bData, TODAY);
		expect(left).toEqual(right);
		expect(left.events).toEqual([]);
	});
});
