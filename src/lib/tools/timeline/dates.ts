/**
 * Dates of the timeline: a date may be known to the day (`2025-10-14`), the month (`2025-10`)
 * or the year only (`2025`) – an uncertain date is never given an invented day. Days are counted
 * in UTC from 1970-01-01, so arithmetic does not depend on the time zone.
 */

export type Precision = 'day' | 'month' | 'year';

export interface PartialDate {
	year: number;
	/** 1–12, when known. */
	month?: number;
	/** 1–31, when known (then `month` is known too). */
	day?: number;
}

/** The years a timeline date may have. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

export const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; null when malformed, not a real date or out of range. */
export function parseDate(text: string): PartialDate | null {
	const m = PARTIAL_DATE.exec(text);
	if (!m) return null;
	const year = Number(m[1]);
	if (year < MIN_YEAR || year > MAX_YEAR) return null;
	if (m[2] === undefined) return { year };
	const month = Number(m[2]);
	if (month < 1 || month > 12) return null;
	if (m[3] === undefined) return { year, month };
	const day = Number(m[3]);
	if (day < 1 || day > daysInMonth(year, month)) return null;
	return { year, month, day };
}

export function precisionOf(date: PartialDate): Precision {
	return date.day !== undefined ? 'day' : date.month !== undefined ? 'month' : 'year';
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
	return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 30);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatIso(date: PartialDate): string {
	if (date.month === undefined) return String(date.year);
	if (date.day === undefined) return `${date.year}-${pad(date.month)}`;
	return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * Day number of a full date (days since 1970-01-01). Plain arithmetic (the civil calendar
 * algorithm of H. Hinnant) rather than Date objects: layouts convert hundreds of dates.
 */
export function dayNumber(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yoe = y - era * 400;
	const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
	return era * 146097 + doe - 719468;
}

/** The first day a partial date may mean. */
export function startDay(date: PartialDate): number {
	return dayNumber(date.year, date.month ?? 1, date.day ?? 1);
}

/** The last day a partial date may mean. */
export function endDay(date: PartialDate): number {
	if (date.day !== undefined) return startDay(date);
	if (date.month !== undefined)
		return dayNumber(date.year, date.month, daysInMonth(date.year, date.month));
	return dayNumber(date.year, 12, 31);
}

/** The middle of what a partial date may mean (where it is drawn). */
export function midDay(date: PartialDate): number {
	return Math.floor((startDay(date) + endDay(date)) / 2);
}

/** The full date of a day number (the inverse of `dayNumber`). */
export function fromDay(day: number): { year: number; month: number; day: number } {
	const z = day + 719468;
	const era = Math.floor(z / 146097);
	const doe = z - era * 146097;
	const yoe = Math.floor(
		(doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
	);
	const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
	const mp = Math.floor((5 * doy + 2) / 153);
	const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
	const m = mp < 10 ? mp + 3 : mp - 9;
	return { year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d };
}

/** The partial date of `precision` that contains day number `day`. */
export function dateAtDay(day: number, precision: Precision): PartialDate {
	const d = fromDay(day);
	if (precision === 'year') return { year: d.year };
	if (precision === 'month') return { year: d.year, month: d.month };
	return d;
}

/** Moves a date by whole days (day precision), months (month precision) or years. */
export function shiftDate(date: PartialDate, days: number): PartialDate {
	const precision = precisionOf(date);
	if (precision === 'day') return dateAtDay(startDay(date) + days, 'day');
	const months = Math.round(days / 30.44);
	if (precision === 'month') {
		const total = date.year * 12 + (date.month ?? 1) - 1 + months;
		return { year: Math.floor(total / 12), month: (total % 12) + 1 };
	}
	return { year: date.year + Math.round(days / 365.25) };
}

/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
	return (((day + 3) % 7) + 7) % 7;
}

/** ISO week number (1–53) of a day number. */
export function isoWeek(day: number): number {
	const thursday = day - weekday(day) + 3;
	const year = fromDay(thursday).year;
	const firstThursday = dayNumber(year, 1, 4);
	return 1 + Math.round((thursday - (firstThursday - weekday(firstThursday) + 3)) / 7);
}

const MONTHS: Record<'da' | 'en', string[]> = {
	da: [
		'jan.',
		'feb.',
		'mar.',
		'apr.',
		'maj',
		'jun.',
		'jul.',
		'aug.',
		'sep.',
		'okt.',
		'nov.',
		'dec.'
	],
	en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
};
const MONTHS_LONG: Record<'da' | 'en', string[]> = {
	da: [
		'januar',
		'februar',
		'marts',
		'april',
		'maj',
		'juni',
		'juli',
		'august',
		'september',
		'oktober',
		'november',
		'december'
	],
	en: [
		'January',
		'February',
		'March',
		'April',
		'May',
		'June',
		'July',
		'August',
		'September',
		'October',
		'November',
		'December'
	]
};

export function monthName(month: number, locale: 'da' | 'en', long = false): string {
	return (long ? MONTHS_LONG : MONTHS)[locale][month - 1] ?? '';
}

/** A partial date in words: "14. okt. 2025", "oktober 2025", "2025". */
export function formatDate(date: PartialDate, locale: 'da' | 'en'): string {
	if (date.month === undefined) return String(date.year);
	if (date.day === undefined) return `${monthName(date.month, locale, true)} ${date.year}`;
	return locale === 'da'
		? `${date.day}. ${monthName(date.month, locale)} ${date.year}`
		: `${date.day} ${monthName(date.month, locale)} ${date.year}`;
}

/** Today's day number from an ISO date string. */
export function dayOfIso(iso: string): number | null {
	const d = parseDate(iso.slice(0, 10));
	return d && d.day !== undefined ? startDay(d) : null;
}
