import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard } from '../board/doc';
import {
	elapsedSec,
	formatClock,
	goToItem,
	itemTime,
	nextItem,
	presentElement,
	readMeetingAgenda,
	setTimerRunning,
	syncAgenda,
	type PlannedItem
} from './agenda';

const PLAN: PlannedItem[] = [
	{ id: 'a', title: 'Velkommen', durationMinutes: 10 },
	{ id: 'b', title: 'Netværkskortet', durationMinutes: 25 },
	{ id: 'c', title: 'Aftaler', durationMinutes: null }
];

function board(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc);
	syncAgenda(doc, PLAN);
	return doc;
}

const MIN = 60_000;

describe('the agenda on the board', () => {
	it('follows the meeting plan, writing nothing when it already does', () => {
		const doc = board();
		expect(readMeetingAgenda(doc).items.map((i) => [i.id, i.title, i.minutes ?? null])).toEqual([
			['a', 'Velkommen', 10],
			['b', 'Netværkskortet', 25],
			['c', 'Aftaler', null]
		]);
		let updates = 0;
		doc.on('update', () => updates++);
		expect(syncAgenda(doc, PLAN)).toBe(false);
		expect(updates).toBe(0);
		// A changed plan: reordered, retitled, one removed.
		goToItem(doc, 'c', 0);
		expect(
			syncAgenda(doc, [
				{ id: 'b', title: 'Netværket', durationMinutes: 20 },
				{ id: 'a', title: 'Velkommen', durationMinutes: 10 }
			])
		).toBe(true);
		const state = readMeetingAgenda(doc);
		expect(state.items.map((i) => [i.id, i.title, i.minutes])).toEqual([
			['b', 'Netværket', 20],
			['a', 'Velkommen', 10]
		]);
		// The current item was removed from the plan: no current item, no timer.
		expect(state.currentItem).toBeNull();
		expect(state.timer).toBeNull();
	});

	it('"næste punkt" walks the items and keeps the time of each', () => {
		const doc = board();
		const t0 = 1_000_000;
		expect(nextItem(doc, t0)).toBe('a');
		let state = readMeetingAgenda(doc);
		expect(state.currentItem).toBe('a');
		expect(itemTime(state, 'a', t0 + 4 * MIN)).toMatchObject({
			usedSec: 240,
			plannedSec: 600,
			overSec: 0,
			running: true,
			current: true
		});
		expect(nextItem(doc, t0 + 12 * MIN)).toBe('b');
		state = readMeetingAgenda(doc);
		// "a" ran 12 of its 10 minutes: two minutes over, kept on the item.
		expect(itemTime(state, 'a', t0 + 20 * MIN)).toMatchObject({
			usedSec: 720,
			overSec: 120,
			running: false,
			current: false
		});
		expect(itemTime(state, 'b', t0 + 13 * MIN).usedSec).toBe(60);
		// Back to "a": its clock continues where it stopped.
		goToItem(doc, 'a', t0 + 14 * MIN);
		state = readMeetingAgenda(doc);
		expect(itemTime(state, 'a', t0 + 15 * MIN).usedSec).toBe(780);
		expect(itemTime(state, 'b', t0 + 15 * MIN).usedSec).toBe(120);
		// After the last item the agenda is done.
		goToItem(doc, 'c', t0 + 16 * MIN);
		expect(nextItem(doc, t0 + 20 * MIN)).toBeNull();
		state = readMeetingAgenda(doc);
		expect(state.currentItem).toBeNull();
		expect(itemTime(state, 'c', t0 + 30 * MIN)).toMatchObject({
			usedSec: 240,
			plannedSec: null,
			overSec: 0
		});
	});

	it('pauses and resumes the timer', () => {
		const doc = board();
		goToItem(doc, 'b', 0);
		setTimerRunning(doc, false, 5 * MIN);
		let state = readMeetingAgenda(doc);
		expect(itemTime(state, 'b', 60 * MIN)).toMatchObject({ usedSec: 300, running: false });
		setTimerRunning(doc, true, 60 * MIN);
		state = readMeetingAgenda(doc);
		expect(itemTime(state, 'b', 61 * MIN)).toMatchObject({ usedSec: 360, running: true });
		expect(elapsedSec(null, 5)).toBe(0);
	});

	it('moving the agenda is not undoable by the undo manager of local edits', async () => {
		const { LOCAL_ORIGIN } = await import('../board/origin');
		const doc = board();
		const undo = new Y.UndoManager(doc.getMap('presentation'), {
			trackedOrigins: new Set([LOCAL_ORIGIN])
		});
		nextItem(doc, 0);
		expect(undo.canUndo()).toBe(false);
	});

	it('presents one element, or none', () => {
		const doc = board();
		presentElement(doc, 'tool-timeline');
		expect(readMeetingAgenda(doc).presentedFrame).toBe('tool-timeline');
		presentElement(doc, null);
		expect(readMeetingAgenda(doc).presentedFrame).toBeNull();
	});

	it('formats clocks as minutes and seconds', () => {
		expect(formatClock(0)).toBe('0:00');
		expect(formatClock(65.9)).toBe('1:05');
		expect(formatClock(3725)).toBe('62:05');
		expect(formatClock(-3)).toBe('0:00');
	});
});
