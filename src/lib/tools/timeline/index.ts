/**
 * Tidslinje – the case's course on a date axis (PRODUCT.md "Tidslinje"). The tool's definition:
 * how the canvas, the side panel, snapshots and the PDF use it.
 */
import type { ToolDefinition } from '../types';
import { dateAtDay, formatIso, parseDate, precisionOf, startDay } from './dates';
import { seedTimelineDemo } from './demo';
import { diffTimeline } from './diff';
import { dateAtX, timeScale } from './axis';
import { layoutTimeline } from './layout';
import { readTimeline, type TimelineModel } from './model';
import { moveEvent, removeEvent, removePhase } from './ops';
import { summarizeTimeline } from './summary';

/** Selection kind of an event not created yet: a click on the axis proposes its date. */
export const NEW_EVENT = 'new-event';

export const timeline: ToolDefinition<TimelineModel> = {
	id: 'timeline',
	name: 'timeline.name',
	icon: 'M3 12h18M7 8v8M12 6v12M17 9v6',
	size: { w: 2000, h: 980 },
	read: (data) => readTimeline(data),
	layout: layoutTimeline,
	summary: summarizeTimeline,
	diff: diffTimeline,
	isEmpty: (model) => model.events.length === 0 && model.phases.length === 0,
	tap(edit, hit, at) {
		if (!hit) return null;
		if (hit.kind === 'axis') {
			const date = dateAtX(edit.model, edit.size, at.x, edit.viewScale);
			return { tool: 'timeline', kind: NEW_EVENT, id: formatIso(date) };
		}
		return { tool: 'timeline', kind: hit.kind, id: hit.id };
	},
	drop(edit, hit, move) {
		if (hit.kind !== 'event') return null;
		const scale = timeScale(edit.model, edit.size);
		const days = scale.dayAt(move.to.x) - scale.dayAt(move.from.x);
		moveEvent(edit.data, hit.id, days, edit.origin);
		return { tool: 'timeline', kind: 'event', id: hit.id };
	},
	remove(edit, selection) {
		if (selection.kind === 'event') removeEvent(edit.data, selection.id, edit.origin);
		else if (selection.kind === 'phase') removePhase(edit.data, selection.id, edit.origin);
	},
	nudge(edit, selection, dx, _dy, big) {
		if (dx === 0) return;
		if (selection.kind === 'event') {
			const event = edit.model.events.find((e) => e.id === selection.id);
			if (!event) return;
			const step = precisionOf(event.start) === 'day' ? (big ? 7 : 1) : big ? 365 : 31;
			moveEvent(edit.data, selection.id, dx * step, edit.origin);
		} else if (selection.kind === NEW_EVENT) {
			const date = parseDate(selection.id);
			if (!date) return;
			const day = startDay(date) + dx * (precisionOf(date) === 'day' ? (big ? 7 : 1) : 31);
			return { ...selection, id: formatIso(dateAtDay(day, precisionOf(date))) };
		}
	},
	demo: seedTimelineDemo
};
