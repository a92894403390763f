/**
 * Calendar files and reminder texts for a meeting's participants (issue 11): an iCalendar file
 * per meeting and participant, written by the maintained `ics` generator, with Danish text, the
 * place, the time, the participant's own link and a reminder the day before; and a short
 * reminder text the facilitator can copy into an SMS or e-mail.
 *
 * Times are written in UTC (RFC 5545 form 2, `…Z`): one unambiguous instant that every
 * calendar shows in its own time zone – in Denmark Europe/Copenhagen, also across the change to
 * and from summer time. The text repeats the time as Danes read it.
 */
import { createEvent, type EventAttributes } from 'ics';
import { formatDateTime } from '../i18n';
import type { Meeting } from './db/schema';

/** How long a meeting without an agenda is taken to last. */
export const DEFAULT_MINUTES = 90;

export interface CalendarInput {
	meeting: Pick<Meeting, 'id' | 'title' | 'startsAt' | 'place'>;
	/** Sum of the agenda's durations, when known. */
	minutes?: number | null;
	/** Who the file is for (their name is in it; a stable key makes its UID). */
	recipient: { key: string; name: string; email?: string | null };
	/** The participant's own link to the meeting (a guest's invite link, or the meeting page). */
	url: string;
	organizer?: { name: string; email?: string | null };
}

function utcParts(date: Date): [number, number, number, number, number] {
	return [
		date.getUTCFullYear(),
		date.getUTCMonth() + 1,
		date.getUTCDate(),
		date.getUTCHours(),
		date.getUTCMinutes()
	];
}

/** When, in Danish: "tirsdag 24. nov. 2026 kl. 14.00". */
export function danishTime(date: Date): string {
	return formatDateTime('da', date);
}

/** The meeting as an iCalendar file for one participant. Throws when `ics` refuses the input. */
export function meetingCalendar(input: CalendarInput): string {
	const { meeting, recipient } = input;
	const minutes = input.minutes && input.minutes > 0 ? input.minutes : DEFAULT_MINUTES;
	const end = new Date(meeting.startsAt.getTime() + minutes * 60_000);
	const place = meeting.place || 'Stedet aftales';
	const event: EventAttributes = {
		uid: `${meeting.id}-${recipient.key}@moedetavle`,
		productId: 'moedetavle/ics',
		method: 'PUBLISH',
		title: meeting.title,
		description: [
			`Hej ${recipient.name}.`,
			`Du er inviteret til mødet "${meeting.title}" ${danishTime(meeting.startsAt)}.`,
			`Sted: ${place}.`,
			`Dit link til mødet: ${input.url}`,
			...(input.organizer ? [`Mødet holdes af ${input.organizer.name}.`] : [])
		].join('\n'),
		location: place,
		url: input.url,
		start: utcParts(meeting.startsAt),
		startInputType: 'utc',
		startOutputType: 'utc',
		end: utcParts(end),
		endInputType: 'utc',
		endOutputType: 'utc',
		status: 'CONFIRMED',
		alarms: [
			{
				action: 'display',
				description: `Påmindelse: i morgen er der møde – ${meeting.title}`,
				trigger: { days: 1, before: true }
			}
		],
		// RFC 5545 needs an address for an organizer: without one the name stays in the text.
		...(input.organizer?.email
			? { organizer: { name: input.organizer.name, email: input.organizer.email } }
			: {})
	};
	const { error, value } = createEvent(event);
	if (error || !value) throw error ?? new Error('ics gave no calendar');
	return value;
}

/** A reminder the facilitator can copy into an SMS or an e-mail (plain Danish, short). */
export function reminderText(input: {
	name: string;
	meeting: Pick<Meeting, 'title' | 'startsAt' | 'place'>;
	url: string;
	from: string;
}): string {
	const { meeting } = input;
	return [
		`Hej ${input.name}.`,
		`Husk mødet "${meeting.title}" ${danishTime(meeting.startsAt)}${meeting.place ? `, ${meeting.place}` : ''}.`,
		`Her er dit link til mødet: ${input.url}`,
		`Skriv eller ring, hvis du ikke kan komme. Venlig hilsen ${input.from}`
	].join('\n');
}
