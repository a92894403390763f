/**
 * The timeline's time axis (pure): days ↔ content x, the ticks and labels for years, months and
 * weeks (each shown from the zoom where it fits), and the date a click on the axis means.
 */
import { textWidth } from '../draw/text';
import type { Size } from '../types';
import { dayNumber, fromDay, isoWeek, monthName, weekday, type PartialDate } from './dates';
import type { TimelineModel } from './model';
import { LABEL_COLUMN, RIGHT } from './metrics';
export interface TimeScale {
	/** First and last day shown. */
	lo: number;
	hi: number;
	/** Left and right end of the axis (content x). */
	x0: number;
	x1: number;
	x(day: number): number;
	/** The day at content x (clamped to the range). */
	dayAt(x: number): number;
}

/** The days shown: everything in the model and today, with some room on both sides. */
export function dayRange(model: TimelineModel): { lo: number; hi: number } {
	let lo = model.today;
	let hi = model.today;
	for (const e of model.events) {
		lo = Math.min(lo, e.fromDay);
		hi = Math.max(hi, e.toDay);
	}
	for (const p of model.phases) {
		lo = Math.min(lo, p.fromDay);
		hi = Math.max(hi, p.toDay);
	}
	if (model.events.length === 0 && model.phases.length === 0) {
		lo = model.today - 300;
		hi = model.today + 60;
	}
	const span = Math.max(90, hi - lo);
	return { lo: Math.floor(lo - span * 0.03 - 14), hi: Math.ceil(hi + span * 0.05 + 30) };
}

export function timeScale(model: TimelineModel, size: Size): TimeScale {
	const { lo, hi } = dayRange(model);
	const x0 = LABEL_COLUMN;
	const x1 = Math.max(x0 + 100, size.width - RIGHT);
	const k = (x1 - x0) / (hi - lo);
	return {
		lo,
		hi,
		x0,
		x1,
		x: (day) => x0 + (day - lo) * k,
		dayAt: (x) => Math.round(lo + (Math.min(x1, Math.max(x0, x)) - x0) / k)
	};
}

export interface AxisTick {
	day: number;
	level: 'year' | 'month' | 'week';
	label: string;
	/** The tick mark and the label are drawn from these view scales on. */
	markScale: number;
	labelScale: number;
}

/** Screen sizes (px) of the axis labels: they keep their size as the view zooms. */
export const LABEL_PX = { year: 20, month: 17, week: 15 } as const;
/** Room between two labels of one level, on screen (px). */
export const LABEL_GAP = 14;

/** The zoom from which labels `spacing` world units apart and `width` px wide do not crowd. */
export function labelZoom(width: number, spacing: number): number {
	return (width + LABEL_GAP) / spacing;
}

/**
 * The axis ticks of a time scale with the zoom each appears at: years always (thinned to every
 * 2nd, 5th, 10th year while they would crowd), months and then weeks as the view zooms in. Labels
 * keep their screen size, so zooming in makes room for the finer levels.
 */
export function axisTicks(scale: TimeScale, locale: 'da' | 'en'): AxisTick[] {
	const perDay = (scale.x1 - scale.x0) / (scale.hi - scale.lo);
	const ticks: AxisTick[] = [];
	const first = fromDay(scale.lo);
	const last = fromDay(scale.hi);
	const yearPx = perDay * 365.25;
	const yearWidth = textWidth('2026', LABEL_PX.year, true);
	for (let y = first.year; y <= last.year + 1; y++) {
		const day = dayNumber(y, 1, 1);
		if (day < scale.lo || day > scale.hi) continue;
		const step = y % 10 === 0 ? 10 : y % 5 === 0 ? 5 : y % 2 === 0 ? 2 : 1;
		ticks.push({
			day,
			level: 'year',
			label: String(y),
			markScale: 0,
			labelScale: Math.min(labelZoom(yearWidth, yearPx * step), step === 10 ? 0 : Infinity)
		});
	}
	const monthPx = perDay * 30.44;
	const monthWidth = Math.max(
		...Array.from({ length: 12 }, (_, i) => textWidth(monthName(i + 1, locale), LABEL_PX.month))
	);
	for (let m = first.year * 12 + first.month - 1; m <= last.year * 12 + last.month - 1; m++) {
		const year = Math.floor(m / 12);
		const month = (m % 12) + 1;
		const day = dayNumber(year, month, 1);
		if (day < scale.lo || day > scale.hi || month === 1) continue;
		ticks.push({
			day,
			level: 'month',
			label: monthName(month, locale),
			markScale: 6 / monthPx,
			labelScale: labelZoom(monthWidth, monthPx)
		});
	}
	const weekPx = perDay * 7;
	const word = locale === 'da' ? 'uge' : 'wk';
	const weekWidth = textWidth(`${word} 52`, LABEL_PX.week);
	for (let day = scale.lo + ((7 - weekday(scale.lo)) % 7); day <= scale.hi; day += 7) {
		ticks.push({
			day,
			level: 'week',
			label: `${word} ${isoWeek(day)}`,
			markScale: 6 / weekPx,
			labelScale: labelZoom(weekWidth, weekPx)
		});
	}
	return ticks;
}

/** Ticks whose label is drawn at view scale `scale`. */
export function labelsAt(ticks: AxisTick[], scale: number): AxisTick[] {
	return ticks.filter((t) => t.labelScale <= scale);
}

/** The partial date for a click at content x, known to the day when the view shows weeks. */
export function dateAtX(
	model: TimelineModel,
	size: Size,
	x: number,
	viewScale: number
): PartialDate {
	const scale = timeScale(model, size);
	const day = scale.dayAt(x);
	const weekPx = ((scale.x1 - scale.x0) / (scale.hi - scale.lo)) * 7 * viewScale;
	const d = fromDay(day);
	// Where single weeks are 40 px or more apart on screen, a click can mean a day.
	return weekPx >= 40 ? d : { year: d.year, month: d.month };
}
