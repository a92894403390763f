/** The timeline in numbers and words: for snapshot lists, the PDF and trends (pure). */
import type { Locale, Translate } from '../../i18n';
import type { ToolSummary } from '../types';
import { formatDate } from './dates';
import { placements, type TimelineEvent, type TimelineModel } from './model';

/** One event in words: "14. okt. 2025 – 2. mar. 2026: Anbragt hos plejefamilien Holm (anbringelse)". */
export function describeEvent(e: TimelineEvent, t: Translate, locale: Locale): string {
	const when = e.isPeriod
		? `${formatDate(e.start, locale)} – ${e.end ? formatDate(e.end, locale) : t('timeline.now')}`
		: formatDate(e.start, locale);
	const what = e.title || t('timeline.untitled');
	const kind = e.deadline ? t('timeline.deadline') : t(`timeline.category.${e.category}`);
	return `${when}: ${what} (${kind.toLowerCase()})`;
}

export function summarizeTimeline(model: TimelineModel, t: Translate, locale: Locale): ToolSummary {
	const events = model.events.filter((e) => !e.deadline);
	const deadlines = model.events.filter((e) => e.deadline);
	const counts = {
		events: events.length,
		phases: model.phases.length,
		placements: placements(model).length,
		deadlines: deadlines.length
	};
	const items = [
		{ label: t('timeline.summary.events'), value: counts.events },
		{ label: t('timeline.summary.phases'), value: counts.phases },
		{ label: t('timeline.summary.deadlines'), value: counts.deadlines }
	];
	const text = [
		...model.phases.map(
			(p) =>
				`${t(`timeline.phase.${p.kind}`)}: ${t('timeline.summary.weeks', { weeks: p.weeks })}${p.tooLong ? ` – ${t('timeline.summary.tooLong')}` : ''}`
		),
		...model.events.map((e) => describeEvent(e, t, locale))
	];
	return { counts, items, text };
}
