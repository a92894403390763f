import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { meetingCalendar, reminderText } from './calendar';

/** Wall-clock time of an instant in Europe/Copenhagen, e.g. "2026-06-24 14:00". */
function copenhagen(date: Date): string {
	const parts = new Intl.DateTimeFormat('sv-SE', {
		timeZone: 'Europe/Copenhagen',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	}).format(date);
	return parts.replace(',', '');
}

function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics));
	const vevent = calendar.getFirstSubcomponent('vevent')!;
	return { calendar, vevent, event: new ICAL.Event(vevent) };
}

describe('the meeting as a calendar file', () => {
	// 14:00 Danish summer time (UTC+2) and 14:00 Danish winter time (UTC+1).
	for (const [startsAt, local] of [
		['2026-06-24T12:00:00Z', '2026-06-24 14:00'],
		['2026-11-24T13:00:00Z', '2026-11-24 14:00']
	] as const) {
		it(`parses with ical.js: summary, start and end in Europe/Copenhagen (${local}), place, link, a reminder the day before`, () => {
			const ics = meetingCalendar({
				meeting: {
					id: 'm1',
					title: 'Netværksmøde: hvem kan hjælpe?',
					startsAt: new Date(startsAt),
					place: 'Hos Birgit, eller på video'
				},
				minutes: 70,
				recipient: { key: 'demo-line', name: 'Line' },
				url: 'https://moedetavle.example/meetings/m1',
				organizer: { name: 'Anne' }
			});
			const { event, vevent } = parse(ics);
			expect(event.summary).toBe('Netværksmøde: hvem kan hjælpe?');
			expect(event.location).toBe('Hos Birgit, eller på video');
			expect(vevent.getFirstPropertyValue('url')).toBe('https://moedetavle.example/meetings/m1');
			expect(event.description).toContain(
				'Dit link til mødet: https://moedetavle.example/meetings/m1'
			);
			expect(event.description).toContain('Hej Line.');
			expect(event.description).toContain('Mødet holdes af Anne.');
			expect(event.description).toMatch(/\d{4}, 14[.:]00/);
			expect(copenhagen(event.startDate.toJSDate())).toBe(local);
			expect(copenhagen(event.endDate.toJSDate())).toBe(local.replace('14:00', '15:10'));
			expect(event.uid).toBe('m1-demo-line@moedetavle');
			const alarms = vevent.getAllSubcomponents('valarm');
			expect(alarms).toHaveLength(1);
			const trigger = alarms[0]!.getFirstPropertyValue('trigger') as ICAL.Duration;
			expect(trigger.isNegative).toBe(true);
			expect(trigger.toSeconds()).toBe(-24 * 3600);
			expect(alarms[0]!.getFirstPropertyValue('action')).toBe('DISPLAY');
			expect(String(alarms[0]!.getFirstPropertyValue('description'))).toContain('i morgen');
		});
	}

	it('has a default length and a place when the meeting names none', () => {
		const { event } = parse(
			meetingCalendar({
				meeting: { id: 'm2', title: 'Møde', startsAt: new Date('2026-03-02T09:00:00Z'), place: '' },
				recipient: { key: 'x', name: 'Birgit' },
				url: 'https://moedetavle.example/b'
			})
		);
		expect(
			(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()) / 60_000
		).toBe(90);
		expect(event.location).toBe('Stedet aftales');
	});

	it('gives a reminder text to copy, in Danish with the time, place and link', () => {
		const text = reminderText({
			name: 'Birgit',
			meeting: {
				title: 'Netværksmøde',
				startsAt: new Date('2026-11-24T13:00:00Z'),
				place: 'Hos Birgit'
			},
			url: 'https://moedetavle.example/x',
			from: 'Anne'
		});
		expect(text).toMatch(/^Hej Birgit\./);
		expect(text).toMatch(/tirsdag den 24\. nov\. 2026, 14[.:]00, Hos Birgit/);
		expect(text).toContain('https://moedetavle.example/x');
		expect(text).toContain('Venlig hilsen Anne');
	});
});
