/**
 * The timeline's model (`timeline` root: `events`, `phases`): record types, validators and the
 * typed read. Readers skip what does not validate – a record from an old or hostile peer never
 * reaches a view. Pure: Yjs and valibot only.
 */
import * as v from 'valibot';
import { readRecords } from '../../board/doc';
import { NESTED } from '../../board/keys';
import { nestedMap } from '../data';
import { readPeopleMap, type PersonRecord } from '../people';
import type { ToolData } from '../types';
import { dayOfIso, endDay, parseDate, startDay, type PartialDate } from './dates';

export const EVENT_CATEGORIES = [
	'anbringelse',
	'samvaer',
	'moede',
	'krise',
	'succes',
	'skole-sundhed',
	'beslutning',
	'andet'
] as const;
export const PHASE_KINDS = ['opstart', 'forandring', 'vedligeholdelse'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export type PhaseKind = (typeof PHASE_KINDS)[number];

/** Lanes: the child's life, the parents' life, and the help given, side by side. */
export const LANES = ['child', 'parents', 'help'] as const;
export type Lane = (typeof LANES)[number];

/** Recommended length of each programme phase, in weeks (reference/: the forløbsbeskrivelse). */
export const PHASE_WEEKS: Record<PhaseKind, { min: number; max: number }> = {
	opstart: { min: 4, max: 16 },
	forandring: { min: 8, max: 16 },
	vedligeholdelse: { min: 8, max: 16 }
};

const partialDate = v.pipe(
	v.string(),
	v.check((s) => parseDate(s) !== null, 'date')
);
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));

export const EventSchema = v.object({
	id,
	title: v.pipe(v.string(), v.maxLength(500)),
	/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: a date known to the year, month or day. */
	date: partialDate,
	/** The end of a period (a placement, a course of help). */
	endDate: v.optional(v.nullable(partialDate)),
	/** A period that goes on (no end yet). */
	ongoing: v.optional(v.boolean(), false),
	category: v.optional(v.picklist(EVENT_CATEGORIES), 'andet'),
	lane: v.optional(v.picklist(LANES), 'child'),
	/** A deadline the facilitator set (the next opfølgning): drawn as a marker, not a card. */
	deadline: v.optional(v.boolean(), false),
	note: v.optional(v.pipe(v.string(), v.maxLength(2_000))),
	/** People from the registry the event is about. */
	people: v.optional(v.pipe(v.array(id), v.maxLength(200)), [])
});
export type EventRecord = v.InferOutput<typeof EventSchema>;

export const PhaseSchema = v.object({
	id,
	kind: v.picklist(PHASE_KINDS),
	start: partialDate,
	/** Null or absent: the phase is going on. */
	end: v.optional(v.nullable(partialDate))
});
export type PhaseRecord = v.InferOutput<typeof PhaseSchema>;

/** An event with its dates parsed and its span in day numbers. */
export interface TimelineEvent extends EventRecord {
	start: PartialDate;
	end: PartialDate | null;
	/** First and last day it covers (an ongoing period runs to today). */
	fromDay: number;
	toDay: number;
	isPeriod: boolean;
}

export interface TimelinePhase extends PhaseRecord {
	fromDay: number;
	toDay: number;
	ongoing: boolean;
	/** Length in whole weeks (to today when ongoing). */
	weeks: number;
	/** Longer than recommended. */
	tooLong: boolean;
}

export interface TimelineModel {
	/** Events in date order (then title, then id). */
	events: TimelineEvent[];
	phases: TimelinePhase[];
	people: Map<string, PersonRecord>;
	today: number;
}

/** Today as a day number (from the layout context's `today`, or the clock). */
export function todayNumber(today?: string): number {
	return (today ? dayOfIso(today) : null) ?? Math.floor(Date.now() / 86_400_000);
}

function toEvent(record: EventRecord, today: number): TimelineEvent | null {
	const start = parseDate(record.date);
	if (!start) return null;
	const end = record.endDate ? parseDate(record.endDate) : null;
	const fromDay = startDay(start);
	let toDay = end ? endDay(end) : record.ongoing ? Math.max(fromDay, today) : endDay(start);
	if (toDay < fromDay) toDay = endDay(start);
	return Object.assign({}, record, {
		start,
		end,
		fromDay,
		toDay,
		isPeriod: !!end || record.ongoing
	});
}

function toPhase(record: PhaseRecord, today: number): TimelinePhase | null {
	const start = parseDate(record.start);
	if (!start) return null;
	const end = record.end ? parseDate(record.end) : null;
	const fromDay = startDay(start);
	const toDay = end ? endDay(end) : Math.max(fromDay, today);
	if (toDay < fromDay) return null;
	const weeks = Math.max(0, Math.round((toDay - fromDay + 1) / 7));
	return Object.assign({}, record, {
		fromDay,
		toDay,
		ongoing: !end,
		weeks,
		tooLong: weeks > PHASE_WEEKS[record.kind].max
	});
}

export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
	return a.fromDay - b.fromDay || a.title.localeCompare(b.title, 'da') || (a.id < b.id ? -1 : 1);
}

/** Reads the timeline; invalid records are skipped. */
export function readTimeline(data: ToolData, today?: string): TimelineModel {
	const now = todayNumber(today);
	const events = readRecords(nestedMap(data.root, NESTED.timeline.events), EventSchema)
		.flatMap((r) => toEvent(r, now) ?? [])
		.sort(compareEvents);
	const phases = readRecords(nestedMap(data.root, NESTED.timeline.phases), PhaseSchema)
		.flatMap((r) => toPhase(r, now) ?? [])
		.sort((a, b) => a.fromDay - b.fromDay || (a.id < b.id ? -1 : 1));
	return { events, phases, people: readPeopleMap(data.people), today: now };
}

/** The category's visual: a colour (≥ 4.5:1 on white) and an icon – never colour alone. */
export const CATEGORY_STYLE: Record<EventCategory, { color: string; fill: string; icon: string }> =
	{
		anbringelse: {
			color: '#9a4a00',
			fill: '#fff1e0',
			icon: 'M3 11l9-7 9 7M5 10v10h14V10M10 20v-6h4v6'
		},
		samvaer: {
			color: '#8a1c5c',
			fill: '#fde8f3',
			icon: 'M8 11a3 3 0 100-6 3 3 0 000 6zM16 11a3 3 0 100-6 3 3 0 000 6zM2 20c0-3 3-6 6-6s6 3 6 6M12 20c0-3 2-6 4-6 3 0 6 3 6 6'
		},
		moede: {
			color: '#1d4e89',
			fill: '#e6effa',
			icon: 'M4 6h16v10H4zM8 20h8M12 16v4'
		},
		krise: {
			color: '#a4161a',
			fill: '#fde7e7',
			icon: 'M13 2L4 14h7l-1 8 9-12h-7z'
		},
		succes: {
			color: '#1e6b3a',
			fill: '#e3f4e8',
			icon: 'M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z'
		},
		'skole-sundhed': {
			color: '#0b6470',
			fill: '#e0f3f5',
			icon: 'M4 5h7a2 2 0 012 2v13a2 2 0 00-2-2H4zM20 5h-5a2 2 0 00-2 2v13a2 2 0 012-2h5z'
		},
		beslutning: {
			color: '#4b3a8f',
			fill: '#ece8fa',
			icon: 'M5 12l4 4 10-10M5 20h14'
		},
		andet: {
			color: '#4a525c',
			fill: '#eef0f3',
			icon: 'M12 8a4 4 0 110 8 4 4 0 010-8z'
		}
	};

export const PHASE_STYLE: Record<PhaseKind, { fill: string; label: string }> = {
	opstart: { fill: 'rgba(29,78,137,0.07)', label: '#1d4e89' },
	forandring: { fill: 'rgba(30,107,58,0.08)', label: '#1e6b3a' },
	vedligeholdelse: { fill: 'rgba(75,58,143,0.08)', label: '#4b3a8f' }
};

/** The placement periods: events of category `anbringelse` (drawn as a band on the axis). */
export function placements(model: TimelineModel): TimelineEvent[] {
	return model.events.filter((e) => e.category === 'anbringelse' && !e.deadline);
}
