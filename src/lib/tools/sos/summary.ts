/** The Signs of Safety columns in numbers and words: snapshot lists, the PDF and trends (pure). */
import type { Locale, Translate } from '../../i18n';
import type { SummaryItem, ToolSummary } from '../types';
import {
	SOS_COLUMNS,
	VOICES,
	formatScore,
	scaleStats,
	type RatingStats,
	type SosCard,
	type SosModel,
	type SosScale,
	type Voice
} from './model';

function statsText(stats: RatingStats, locale: Locale): string {
	const m = formatScore(stats.median, locale);
	return stats.min === stats.max ? m : `${m} (${stats.min}–${stats.max})`;
}

/** A scale in words: "median 5 (3–7), 4 svar – forældre 6 (5–7), fagpersoner 4 (3–5)". */
export function describeScale(scale: SosScale, t: Translate, locale: Locale): string {
	const { all, groups } = scaleStats(scale.ratings);
	if (!all) return t('sos.scale.none');
	const parts = VOICES.flatMap((g) =>
		groups[g] ? [`${t(`sos.group.${g}`).toLowerCase()} ${statsText(groups[g], locale)}`] : []
	);
	return `${t('sos.summary.median', { value: statsText(all, locale), count: all.count })} – ${parts.join(', ')}`;
}

/** One card in words: "Farevurdering (Forælder · Line): …". */
export function describeCard(card: SosCard, model: SosModel, t: Translate): string {
	const voice = [
		card.voice ? t(`sos.voice.${card.voice}`) : '',
		card.person ? (model.people.get(card.person)?.name ?? '') : ''
	]
		.filter(Boolean)
		.join(' · ');
	const pair = card.pair ? ` [${t('sos.pair.short', { n: card.pair })}]` : '';
	const head = `${t(`sos.kind.${card.kind}`)}${voice ? ` (${voice})` : ''}${pair}`;
	const disagreement = card.disagreement
		? ` – ${t('sos.card.disagreement')} ${card.disagreement}`
		: '';
	return `${head}: ${card.text || t('sos.card.empty')}${disagreement}`;
}

/** Counts by column and voice, and the scales' medians and spread per role group. */
export function sosCounts(model: SosModel): Record<string, number> {
	const counts: Record<string, number> = { cards: model.cards.length, pairs: model.pairs.length };
	for (const column of SOS_COLUMNS) counts[column] = model.columns[column].length;
	for (const voice of VOICES)
		counts[`voice.${voice}`] = model.cards.filter((c) => c.voice === voice).length;
	counts['voice.none'] = model.cards.filter((c) => !c.voice).length;
	const { all, groups } = scaleStats(model.overall.ratings);
	counts.ratings = model.overall.ratings.length;
	if (all) {
		counts['overall.median'] = all.median;
		counts['overall.min'] = all.min;
		counts['overall.max'] = all.max;
	}
	for (const [group, s] of Object.entries(groups) as [Voice, RatingStats][]) {
		counts[`overall.${group}.median`] = s.median;
		counts[`overall.${group}.min`] = s.min;
		counts[`overall.${group}.max`] = s.max;
		counts[`overall.${group}.count`] = s.count;
	}
	return counts;
}

export function summarizeSos(model: SosModel, t: Translate, locale: Locale): ToolSummary {
	const counts = sosCounts(model);
	const items: SummaryItem[] = [
		...SOS_COLUMNS.map((c) => ({ label: t(`sos.column.${c}`), value: model.columns[c].length })),
		{ label: t('sos.summary.parentVoice'), value: counts['voice.parent'] ?? 0 },
		{ label: t('sos.summary.overall'), value: describeScale(model.overall, t, locale) },
		...model.pairs.map((p) => ({
			label: t('sos.summary.pair', { n: p.number }),
			value: describeScale(p.danger.scale!, t, locale)
		}))
	];
	const text: string[] = [];
	for (const column of SOS_COLUMNS) {
		text.push(`${t(`sos.column.${column}`)} (${model.columns[column].length})`);
		for (const card of model.columns[column]) text.push(`– ${describeCard(card, model, t)}`);
	}
	text.push(`${t('sos.summary.overall')}: ${describeScale(model.overall, t, locale)}`);
	for (const p of model.pairs)
		text.push(
			`${t('sos.summary.pair', { n: p.number })}: ${describeScale(p.danger.scale!, t, locale)}`
		);
	return { counts, items, text, trend: sosTrend(model) };
}

/** The overall scale for the case's trends (ToolSummary.trend), parents and professionals apart. */
export function sosTrend(model: SosModel): Record<string, number> {
	const { groups } = scaleStats(model.overall.ratings);
	const trend: Record<string, number> = { 'overall.count': model.overall.ratings.length };
	const names: [Voice, string][] = [
		['parent', 'parents'],
		['professional', 'professionals'],
		['network', 'network'],
		['child', 'child']
	];
	for (const [group, name] of names) {
		const s = groups[group];
		if (!s) continue;
		trend[`overall.${name}.median`] = s.median;
		trend[`overall.${name}.min`] = s.min;
		trend[`overall.${name}.max`] = s.max;
	}
	return trend;
}
