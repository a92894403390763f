/** What changed on the timeline between two states (pure): events and phases by id. */
import type { Locale, Translate } from '../../i18n';
import type { DiffEntry } from '../types';
import { formatDate } from './dates';
import type { TimelineEvent, TimelineModel, TimelinePhase } from './model';

function eventChanges(a: TimelineEvent, b: TimelineEvent, t: Translate, locale: Locale): string[] {
	const out: string[] = [];
	if (a.title !== b.title) out.push(t('timeline.diff.title', { from: a.title, to: b.title }));
	if (a.date !== b.date)
		out.push(
			t('timeline.diff.date', {
				from: formatDate(a.start, locale),
				to: formatDate(b.start, locale)
			})
		);
	if ((a.endDate ?? '') !== (b.endDate ?? '') || a.ongoing !== b.ongoing) {
		const end = (e: TimelineEvent) =>
			e.end ? formatDate(e.end, locale) : e.ongoing ? t('timeline.now') : '–';
		out.push(t('timeline.diff.end', { from: end(a), to: end(b) }));
	}
	if (a.category !== b.category)
		out.push(
			t('timeline.diff.category', {
				from: t(`timeline.category.${a.category}`),
				to: t(`timeline.category.${b.category}`)
			})
		);
	if (a.lane !== b.lane)
		out.push(
			t('timeline.diff.lane', {
				from: t(`timeline.lane.${a.lane}`),
				to: t(`timeline.lane.${b.lane}`)
			})
		);
	if ((a.note ?? '') !== (b.note ?? '')) out.push(t('timeline.diff.note'));
	if (a.people.join() !== b.people.join()) out.push(t('timeline.diff.people'));
	return out;
}

function phaseChanges(a: TimelinePhase, b: TimelinePhase, t: Translate): string[] {
	const out: string[] = [];
	if (a.kind !== b.kind)
		out.push(
			t('timeline.diff.category', {
				from: t(`timeline.phase.${a.kind}`),
				to: t(`timeline.phase.${b.kind}`)
			})
		);
	if (a.start !== b.start || (a.end ?? '') !== (b.end ?? ''))
		out.push(t('timeline.diff.weeks', { from: a.weeks, to: b.weeks }));
	return out;
}

export function diffTimeline(
	before: TimelineModel,
	after: TimelineModel,
	t: Translate,
	locale: Locale
): DiffEntry[] {
	const out: DiffEntry[] = [];
	const name = (e: TimelineEvent) => e.title || t('timeline.untitled');
	const was = new Map(before.events.map((e) => [e.id, e]));
	const now = new Map(after.events.map((e) => [e.id, e]));
	for (const e of after.events) {
		const old = was.get(e.id);
		if (!old)
			out.push({
				kind: 'added',
				id: e.id,
				text: t(e.deadline ? 'timeline.diff.deadlineAdded' : 'timeline.diff.added', {
					title: name(e),
					date: formatDate(e.start, locale)
				})
			});
		else {
			const changes = eventChanges(old, e, t, locale);
			if (changes.length > 0)
				out.push({ kind: 'changed', id: e.id, text: `${name(e)}: ${changes.join('; ')}` });
		}
	}
	for (const e of before.events)
		if (!now.has(e.id))
			out.push({ kind: 'removed', id: e.id, text: t('timeline.diff.removed', { title: name(e) }) });

	const phasesBefore = new Map(before.phases.map((p) => [p.id, p]));
	const phasesAfter = new Map(after.phases.map((p) => [p.id, p]));
	for (const p of after.phases) {
		const old = phasesBefore.get(p.id);
		const label = t(`timeline.phase.${p.kind}`);
		if (!old)
			out.push({
				kind: 'added',
				id: p.id,
				text: t('timeline.diff.phaseAdded', { name: label, weeks: p.weeks })
			});
		else {
			const changes = phaseChanges(old, p, t);
			if (changes.length > 0)
				out.push({ kind: 'changed', id: p.id, text: `${label}: ${changes.join('; ')}` });
		}
	}
	for (const p of before.phases)
		if (!phasesAfter.has(p.id))
			out.push({
				kind: 'removed',
				id: p.id,
				text: t('timeline.diff.phaseRemoved', { name: t(`timeline.phase.${p.kind}`) })
			});
	return out;
}
