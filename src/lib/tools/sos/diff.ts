/** What changed in the Signs of Safety columns between two states (pure): cards and scales. */
import type { Locale, Translate } from '../../i18n';
import type { DiffEntry } from '../types';
import {
	formatScore,
	scaleStats,
	VOICES,
	type SosCard,
	type SosModel,
	type SosScale
} from './model';

function short(text: string, t: Translate): string {
	if (!text) return t('sos.card.empty');
	return text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text;
}

function cardChanges(a: SosCard, b: SosCard, t: Translate): string[] {
	const out: string[] = [];
	if (a.column !== b.column)
		out.push(
			t('sos.diff.column', { from: t(`sos.column.${a.column}`), to: t(`sos.column.${b.column}`) })
		);
	if (a.kind !== b.kind)
		out.push(t('sos.diff.kind', { from: t(`sos.kind.${a.kind}`), to: t(`sos.kind.${b.kind}`) }));
	if (a.text !== b.text) out.push(t('sos.diff.text', { from: short(a.text, t) }));
	if ((a.voice ?? '') !== (b.voice ?? '') || (a.person ?? '') !== (b.person ?? ''))
		out.push(t('sos.diff.voice'));
	if (a.disagreement !== b.disagreement)
		out.push(t(b.disagreement ? 'sos.diff.disagreement' : 'sos.diff.disagreementRemoved'));
	if ((a.owner ?? '') !== (b.owner ?? '') || (a.due ?? '') !== (b.due ?? ''))
		out.push(t('sos.diff.nextStep'));
	if ((a.pairedWith ?? '') !== (b.pairedWith ?? ''))
		out.push(t(b.pairedWith ? 'sos.diff.paired' : 'sos.diff.unpaired'));
	return out;
}

const score = (value: number | undefined, locale: Locale, t: Translate) =>
	value === undefined ? t('sos.diff.noRating') : formatScore(value, locale);

/** "3 → 5 (forældre 4 → 6; fagpersoner 3 → 4)", or null when nothing about the ratings changed. */
export function scaleChange(
	before: SosScale,
	after: SosScale,
	t: Translate,
	locale: Locale
): string | null {
	const a = scaleStats(before.ratings);
	const b = scaleStats(after.ratings);
	const groups = VOICES.flatMap((g) => {
		const x = a.groups[g];
		const y = b.groups[g];
		if (x?.median === y?.median && x?.min === y?.min && x?.max === y?.max) return [];
		return [
			`${t(`sos.group.${g}`).toLowerCase()} ${score(x?.median, locale, t)} → ${score(y?.median, locale, t)}`
		];
	});
	const same =
		a.all?.median === b.all?.median && a.all?.count === b.all?.count && groups.length === 0;
	if (same) return null;
	const head = `${score(a.all?.median, locale, t)} → ${score(b.all?.median, locale, t)}`;
	return groups.length > 0 ? `${head} (${groups.join('; ')})` : head;
}

export function diffSos(
	before: SosModel,
	after: SosModel,
	t: Translate,
	locale: Locale
): DiffEntry[] {
	const out: DiffEntry[] = [];
	const was = new Map(before.cards.map((c) => [c.id, c]));
	const now = new Map(after.cards.map((c) => [c.id, c]));
	for (const card of after.cards) {
		const old = was.get(card.id);
		if (!old)
			out.push({
				kind: 'added',
				id: card.id,
				text: t('sos.diff.added', {
					kind: t(`sos.kind.${card.kind}`),
					column: t(`sos.column.${card.column}`),
					text: short(card.text, t)
				})
			});
		else {
			const changes = cardChanges(old, card, t);
			if (changes.length > 0)
				out.push({
					kind: 'changed',
					id: card.id,
					text: `${short(card.text, t)}: ${changes.join('; ')}`
				});
		}
	}
	for (const card of before.cards)
		if (!now.has(card.id))
			out.push({
				kind: 'removed',
				id: card.id,
				text: t('sos.diff.removed', {
					kind: t(`sos.kind.${card.kind}`),
					text: short(card.text, t)
				})
			});

	const overall = scaleChange(before.overall, after.overall, t, locale);
	if (overall)
		out.push({
			kind: 'changed',
			id: 'scale:overall',
			text: t('sos.diff.overall', { change: overall })
		});
	if (before.overall.question !== after.overall.question)
		out.push({ kind: 'changed', id: 'scale:overall:question', text: t('sos.diff.question') });
	for (const pair of after.pairs) {
		const old = was.get(pair.danger.id);
		if (!old?.scale) continue;
		const change = scaleChange(old.scale, pair.danger.scale!, t, locale);
		if (change)
			out.push({
				kind: 'changed',
				id: `scale:${pair.danger.id}`,
				text: t('sos.diff.pairScale', { n: pair.number, change })
			});
	}
	return out;
}
