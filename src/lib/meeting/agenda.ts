/**
 * Running the meeting (pure): the agenda in the board's `presentation` root, the current item, a
 * timer per item and the frame presented to everyone. Only the facilitator's board calls the
 * changing functions (the page shows the controls to the facilitator alone); everyone reads.
 *
 * The timer is `{ startedAt, durationSec, elapsedSec }` of the current item (epoch ms of the
 * facilitator's clock; null `startedAt` = paused). Leaving an item keeps its time in the item's
 * `usedSec`, so coming back continues where it stopped. Moving through the agenda is not an edit of
 * the board's content: it is made with `PRESENTATION_ORIGIN`, which the undo manager does not
 * track (Ctrl+Z never moves the agenda back).
 */
import * as Y from 'yjs';
import { ensureNested, nested, presentation, readAgenda, readPresentation } from '../board/doc';
import { keysBetween } from '../board/order';
import type { BoardOrigin } from '../board/origin';
import type { AgendaItemRecord, TimerRecord } from '../board/records/presentation';

/** Local, stored and forwarded like an edit, but not undoable (a different object than LOCAL_ORIGIN). */
export const PRESENTATION_ORIGIN: BoardOrigin = Object.freeze({ source: 'local' });

/** An agenda item as the meeting's plan has it (the `agenda_items` table). */
export interface PlannedItem {
	id: string;
	title: string;
	durationMinutes: number | null;
}

export interface AgendaState {
	items: AgendaItemRecord[];
	currentItem: string | null;
	timer: TimerRecord | null;
	presentedFrame: string | null;
}

export function readMeetingAgenda(doc: Y.Doc): AgendaState {
	const p = readPresentation(doc);
	const items = readAgenda(doc);
	const current = p.currentItem && items.some((i) => i.id === p.currentItem) ? p.currentItem : null;
	return {
		items,
		currentItem: current,
		timer: current ? (p.timer ?? null) : null,
		presentedFrame: p.presentedFrame ?? null
	};
}

/**
 * Makes the board's agenda the meeting's plan: items by the plan's ids, in its order, with its
 * titles and minutes; items no longer planned are removed (time used is kept for those that stay).
 * Writes nothing when they already match. Returns whether it changed anything.
 */
export function syncAgenda(
	doc: Y.Doc,
	plan: PlannedItem[],
	origin: BoardOrigin = PRESENTATION_ORIGIN
): boolean {
	const current = readAgenda(doc);
	const same =
		current.length === plan.length &&
		current.every(
			(item, i) =>
				item.id === plan[i]!.id &&
				item.title === plan[i]!.title &&
				(item.minutes ?? null) === (plan[i]!.durationMinutes ?? null)
		);
	if (same) return false;
	doc.transact(() => {
		const agenda = ensureNested(presentation(doc), 'agenda');
		const keep = new Set(plan.map((p) => p.id));
		for (const id of [...agenda.keys()]) if (!keep.has(id)) agenda.delete(id);
		const orders = keysBetween(null, null, plan.length);
		plan.forEach((item, i) => {
			let record = agenda.get(item.id);
			if (!(record instanceof Y.Map)) {
				record = new Y.Map<unknown>();
				agenda.set(item.id, record);
			}
			const map = record as Y.Map<unknown>;
			if (map.get('title') !== item.title) map.set('title', item.title);
			if ((map.get('minutes') ?? null) !== (item.durationMinutes ?? null)) {
				if (item.durationMinutes === null) map.delete('minutes');
				else map.set('minutes', item.durationMinutes);
			}
			map.set('order', orders[i]!);
		});
		const p = presentation(doc);
		const currentItem = p.get('currentItem');
		if (typeof currentItem === 'string' && !keep.has(currentItem)) {
			p.delete('currentItem');
			p.delete('timer');
		}
	}, origin);
	return true;
}

/** Seconds the current item's timer has run at `now`. */
export function elapsedSec(timer: TimerRecord | null, now: number): number {
	if (!timer) return 0;
	const running = timer.startedAt === null ? 0 : Math.max(0, (now - timer.startedAt) / 1000);
	return (timer.elapsedSec ?? 0) + running;
}

export interface ItemTime {
	/** Seconds used (the current item's running timer included). */
	usedSec: number;
	/** Planned seconds, or null when the item has no planned minutes. */
	plannedSec: number | null;
	/** Seconds over the plan (0 when within it or unplanned). */
	overSec: number;
	running: boolean;
	current: boolean;
}

/** The time of one item at `now`: for the current item from the timer, else what it used. */
export function itemTime(state: AgendaState, itemId: string, now: number): ItemTime {
	const item = state.items.find((i) => i.id === itemId);
	const current = state.currentItem === itemId;
	const usedSec = current ? elapsedSec(state.timer, now) : (item?.usedSec ?? 0);
	const plannedSec = item?.minutes ? item.minutes * 60 : null;
	return {
		usedSec,
		plannedSec,
		overSec: plannedSec === null ? 0 : Math.max(0, usedSec - plannedSec),
		running: current && state.timer !== null && state.timer.startedAt !== null,
		current
	};
}

/** "12:05" (minutes:seconds; hours count as minutes). */
export function formatClock(seconds: number): string {
	const s = Math.max(0, Math.floor(seconds));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function agendaMap(doc: Y.Doc): Y.Map<unknown> | null {
	return nested(presentation(doc), 'agenda');
}

/** Keeps the time of the current item in its record (before leaving it). */
function foldCurrent(doc: Y.Doc, now: number): void {
	const state = readMeetingAgenda(doc);
	if (!state.currentItem) return;
	const record = agendaMap(doc)?.get(state.currentItem);
	if (record instanceof Y.Map) record.set('usedSec', Math.round(elapsedSec(state.timer, now)));
}

/** Makes `itemId` the current item with its timer running (continuing its time so far). */
export function goToItem(
	doc: Y.Doc,
	itemId: string,
	now: number,
	origin: BoardOrigin = PRESENTATION_ORIGIN
): void {
	const item = readAgenda(doc).find((i) => i.id === itemId);
	if (!item) return;
	doc.transact(() => {
		foldCurrent(doc, now);
		const p = presentation(doc);
		p.set('currentItem', itemId);
		const timer: TimerRecord = {
			startedAt: now,
			durationSec: (item.minutes ?? 0) * 60,
			elapsedSec: item.usedSec ?? 0
		};
		p.set('timer', timer);
	}, origin);
}

/**
 * "Næste punkt": the item after the current one (the first when none is current). After the last
 * item the agenda is done: no current item. Returns the new current item id, or null.
 */
export function nextItem(
	doc: Y.Doc,
	now: number,
	origin: BoardOrigin = PRESENTATION_ORIGIN
): string | null {
	const state = readMeetingAgenda(doc);
	const index = state.currentItem ? state.items.findIndex((i) => i.id === state.currentItem) : -1;
	const next = state.items[index + 1];
	if (next) {
		goToItem(doc, next.id, now, origin);
		return next.id;
	}
	if (state.currentItem)
		doc.transact(() => {
			foldCurrent(doc, now);
			presentation(doc).delete('currentItem');
			presentation(doc).delete('timer');
		}, origin);
	return null;
}

/** Pauses (or resumes) the current item's timer. */
export function setTimerRunning(
	doc: Y.Doc,
	running: boolean,
	now: number,
	origin: BoardOrigin = PRESENTATION_ORIGIN
): void {
	const state = readMeetingAgenda(doc);
	const timer = state.timer;
	if (!state.currentItem || !timer || (timer.startedAt !== null) === running) return;
	const next: TimerRecord = running
		? { ...timer, startedAt: now }
		: { ...timer, startedAt: null, elapsedSec: elapsedSec(timer, now) };
	doc.transact(() => presentation(doc).set('timer', next), origin);
}

/** Puts one element (a tool frame, a note) in front of everyone, or none. */
export function presentElement(
	doc: Y.Doc,
	elementId: string | null,
	origin: BoardOrigin = PRESENTATION_ORIGIN
): void {
	const p = presentation(doc);
	if ((p.get('presentedFrame') ?? null) === elementId) return;
	doc.transact(() => {
		if (elementId === null) p.delete('presentedFrame');
		else p.set('presentedFrame', elementId);
	}, origin);
}
