/**
 * Timeline edits, each one Yjs transaction with a typed origin. Input is checked first
 * (`eventProblems`, `phaseProblems`): an op given bad input changes nothing. Ops ignore ids
 * that no longer exist (someone may have deleted the record meanwhile).
 */
import { LOCAL_ORIGIN, type BoardOrigin } from '../../board/origin';
import { NESTED } from '../../board/keys';
import type { MessageKey } from '../../i18n';
import { ensureMap, insertRecord, nestedMap, recordMap, setFields, transact } from '../data';
import type { ToolData } from '../types';
import { endDay, formatIso, parseDate, shiftDate, startDay } from './dates';
import {
	EVENT_CATEGORIES,
	LANES,
	PHASE_KINDS,
	type EventCategory,
	type Lane,
	type PhaseKind
} from './model';

export interface EventInput {
	title: string;
	date: string;
	endDate?: string | null;
	ongoing?: boolean;
	category?: EventCategory;
	lane?: Lane;
	deadline?: boolean;
	note?: string;
	people?: string[];
}

/** What is wrong with an event's fields, as message keys (empty: fine). */
export function eventProblems(input: Partial<EventInput>): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.title !== undefined && input.title.length > 500) problems.push('timeline.error.title');
	if (input.date !== undefined && !parseDate(input.date)) problems.push('timeline.error.date');
	if (input.endDate) {
		const end = parseDate(input.endDate);
		const start = input.date ? parseDate(input.date) : null;
		if (!end) problems.push('timeline.error.date');
		else if (start && endDay(end) < startDay(start)) problems.push('timeline.error.endBeforeStart');
	}
	if (input.category !== undefined && !EVENT_CATEGORIES.includes(input.category))
		problems.push('timeline.error.category');
	if (input.lane !== undefined && !LANES.includes(input.lane))
		problems.push('timeline.error.category');
	if (input.note !== undefined && input.note.length > 2000) problems.push('timeline.error.note');
	return [...new Set(problems)];
}

const events = (data: ToolData) => ensureMap(data.root, NESTED.timeline.events);
const phases = (data: ToolData) => ensureMap(data.root, NESTED.timeline.phases);

/** Adds an event under `id`. Nothing happens when the input has problems. */
export function addEvent(
	data: ToolData,
	id: string,
	input: EventInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (eventProblems(input).length > 0) return false;
	transact(
		data,
		() =>
			insertRecord(events(data), id, {
				title: input.title,
				date: input.date,
				endDate: input.endDate || undefined,
				ongoing: input.ongoing || undefined,
				category: input.category ?? 'andet',
				lane: input.lane ?? 'child',
				deadline: input.deadline || undefined,
				note: input.note || undefined,
				people: input.people?.length ? input.people : undefined
			}),
		origin
	);
	return true;
}

/** Changes fields of an event (`null` clears an optional field). */
export function updateEvent(
	data: ToolData,
	id: string,
	patch: Partial<{ [K in keyof EventInput]: EventInput[K] | null }>,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(nestedMap(data.root, NESTED.timeline.events), id);
	if (!map) return false;
	const merged = {
		date: (patch.date ?? map.get('date')) as string,
		endDate:
			patch.endDate === undefined ? (map.get('endDate') as string | undefined) : patch.endDate,
		title: patch.title ?? undefined,
		category: patch.category ?? undefined,
		lane: patch.lane ?? undefined,
		note: patch.note ?? undefined
	};
	if (eventProblems(merged).length > 0) return false;
	transact(
		data,
		() =>
			setFields(map, {
				...patch,
				endDate: patch.endDate === '' ? null : patch.endDate,
				note: patch.note === '' ? null : patch.note,
				ongoing: patch.ongoing === false ? null : patch.ongoing,
				deadline: patch.deadline === false ? null : patch.deadline,
				people: patch.people && patch.people.length === 0 ? null : patch.people
			}),
		origin
	);
	return true;
}

/** Moves an event by `days` (a month- or year-precise date moves by whole months or years). */
export function moveEvent(
	data: ToolData,
	id: string,
	days: number,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(nestedMap(data.root, NESTED.timeline.events), id);
	const date = parseDate(String(map?.get('date') ?? ''));
	if (!map || !date || !Number.isFinite(days) || days === 0) return false;
	const next = shiftDate(date, days);
	const end = map.get('endDate');
	const endDate = typeof end === 'string' ? parseDate(end) : null;
	const patch: Partial<EventInput> = { date: formatIso(next) };
	if (endDate)
		patch.endDate = formatIso(shiftDate(endDate, startDay(next) - startDay(date) || days));
	return updateEvent(data, id, patch, origin);
}

export function removeEvent(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const list = nestedMap(data.root, NESTED.timeline.events);
	if (!list?.has(id)) return;
	transact(data, () => list.delete(id), origin);
}

export interface PhaseInput {
	kind: PhaseKind;
	start: string;
	end?: string | null;
}

export function phaseProblems(input: Partial<PhaseInput>): MessageKey[] {
	const problems: MessageKey[] = [];
	if (input.kind !== undefined && !PHASE_KINDS.includes(input.kind))
		problems.push('timeline.error.category');
	const start = input.start !== undefined ? parseDate(input.start) : null;
	if (input.start !== undefined && !start) problems.push('timeline.error.date');
	if (input.end) {
		const end = parseDate(input.end);
		if (!end) problems.push('timeline.error.date');
		else if (start && endDay(end) < startDay(start)) problems.push('timeline.error.endBeforeStart');
	}
	return [...new Set(problems)];
}

export function addPhase(
	data: ToolData,
	id: string,
	input: PhaseInput,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	if (phaseProblems(input).length > 0) return false;
	transact(
		data,
		() =>
			insertRecord(phases(data), id, {
				kind: input.kind,
				start: input.start,
				end: input.end || undefined
			}),
		origin
	);
	return true;
}

export function updatePhase(
	data: ToolData,
	id: string,
	patch: Partial<{ kind: PhaseKind; start: string; end: string | null }>,
	origin: BoardOrigin = LOCAL_ORIGIN
): boolean {
	const map = recordMap(nestedMap(data.root, NESTED.timeline.phases), id);
	if (!map) return false;
	const merged = {
		kind: patch.kind ?? (map.get('kind') as PhaseKind),
		start: patch.start ?? (map.get('start') as string),
		end: patch.end === undefined ? (map.get('end') as string | undefined) : patch.end
	};
	if (phaseProblems(merged).length > 0) return false;
	transact(
		data,
		() => setFields(map, { ...patch, end: patch.end === '' ? null : patch.end }),
		origin
	);
	return true;
}

export function removePhase(data: ToolData, id: string, origin: BoardOrigin = LOCAL_ORIGIN): void {
	const list = nestedMap(data.root, NESTED.timeline.phases);
	if (!list?.has(id)) return;
	transact(data, () => list.delete(id), origin);
}
