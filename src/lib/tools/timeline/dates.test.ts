import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	dateAtDay,
	dayNumber,
	endDay,
	formatDate,
	formatIso,
	fromDay,
	isoWeek,
	parseDate,
	precisionOf,
	shiftDate,
	startDay,
	weekday
} from './dates';

describe('timeline dates', () => {
	it('parses day, month and year precision, and refuses what is not a real date in 1900–2100', () => {
		expect(parseDate('2025-10-14')).toEqual({ year: 2025, month: 10, day: 14 });
		expect(parseDate('2025-10')).toEqual({ year: 2025, month: 10 });
		expect(parseDate('2025')).toEqual({ year: 2025 });
		for (const bad of ['1899-12-31', '2101-01-01', '2025-02-30', '2025-13', '25-10-14', '', 'x'])
			expect(parseDate(bad), bad).toBeNull();
	});

	it('never invents a day: a month covers the whole month, a year the whole year', () => {
		const month = parseDate('2024-02')!;
		expect(precisionOf(month)).toBe('month');
		expect(endDay(month) - startDay(month)).toBe(28);
		const year = parseDate('2023')!;
		expect(endDay(year) - startDay(year)).toBe(364);
		expect(formatIso(dateAtDay(dayNumber(2025, 10, 14), 'month'))).toBe('2025-10');
	});

	it('moves a date by days, or by whole months and years at coarser precision', () => {
		expect(formatIso(shiftDate(parseDate('2025-01-31')!, 1))).toBe('2025-02-01');
		expect(formatIso(shiftDate(parseDate('2025-11')!, 31))).toBe('2025-12');
		expect(formatIso(shiftDate(parseDate('2025-12')!, 31))).toBe('2026-01');
		expect(formatIso(shiftDate(parseDate('2025-01')!, -31))).toBe('2024-12');
		expect(formatIso(shiftDate(parseDate('2025')!, 365))).toBe('2026');
	});

	it('counts days like the calendar does, both ways, for every day 1900–2100', () => {
		fc.assert(
			fc.property(fc.integer({ min: -25567, max: 47482 }), (day) => {
				const d = new Date(day * 86_400_000);
				const civil = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
				expect(fromDay(day)).toEqual(civil);
				expect(dayNumber(civil.year, civil.month, civil.day)).toBe(day);
				expect(weekday(day)).toBe((d.getUTCDay() + 6) % 7);
			})
		);
	});

	it('numbers ISO weeks and writes dates in Danish', () => {
		expect(isoWeek(dayNumber(2026, 1, 1))).toBe(1);
		expect(isoWeek(dayNumber(2027, 1, 1))).toBe(53);
		expect(isoWeek(dayNumber(2026, 12, 1))).toBe(49);
		expect(formatDate(parseDate('2025-10-07')!, 'da')).toBe('7. okt. 2025');
		expect(formatDate(parseDate('2025-10')!, 'da')).toBe('oktober 2025');
		expect(formatDate(parseDate('2025')!, 'da')).toBe('2025');
		expect(formatDate(parseDate('2025-10-07')!, 'en')).toBe('7 Oct 2025');
	});
});
