/**
 * What changed on the network map between two states (pure): people on the map (added, removed,
 * moved, marked), lines, sectors and the ring count – each in Danish ("Birgit flyttet til
 * inderste ring").
 */
import type { Locale, Translate } from '../../i18n';
import type { DiffEntry } from '../types';
import { cellOf, type NetworkLink, type NetworkModel, type NetworkPerson } from './model';
import { ringName, sectorName, whereText } from './words';

function moveText(
	t: Translate,
	before: NetworkModel,
	after: NetworkModel,
	a: NetworkPerson,
	b: NetworkPerson
): string | null {
	const name = b.name;
	if (a.centre && b.centre) return null;
	if (!a.centre && b.centre) return t('network.diff.toCentre', { name });
	if (a.centre && !b.centre)
		return t('network.diff.fromCentre', { name, where: whereText(t, after, cellOf(b)) });
	const sameSector = a.shownSector === b.shownSector;
	const sameRing = a.shownRing === b.shownRing;
	if (sameSector && sameRing) return null;
	if (sameSector)
		return t('network.diff.moved', { name, where: ringName(t, b.shownRing, after.rings) });
	if (sameRing)
		return t('network.diff.movedSector', {
			name,
			from: sectorName(before, a.shownSector),
			to: sectorName(after, b.shownSector)
		});
	return t('network.diff.moved', { name, where: whereText(t, after, cellOf(b)) });
}

function personChanges(
	t: Translate,
	before: NetworkModel,
	after: NetworkModel,
	a: NetworkPerson,
	b: NetworkPerson
): string[] {
	const out: string[] = [];
	const moved = moveText(t, before, after, a, b);
	if (moved) out.push(moved);
	if (a.resource !== b.resource) out.push(t(`network.diff.${b.resource}`, { name: b.name }));
	if ((a.help ?? '') !== (b.help ?? ''))
		out.push(
			b.help
				? t('network.diff.help', { name: b.name, help: b.help })
				: t('network.diff.helpRemoved', { name: b.name })
		);
	return out;
}

const linkKind = (t: Translate, l: NetworkLink) => t(`network.link.${l.kind}`).toLowerCase();

export function diffNetwork(
	before: NetworkModel,
	after: NetworkModel,
	t: Translate,
	_locale: Locale
): DiffEntry[] {
	const out: DiffEntry[] = [];
	if (before.rings !== after.rings)
		out.push({
			kind: 'changed',
			id: 'rings',
			text: t('network.diff.rings', { count: after.rings, before: before.rings })
		});

	const sectorsBefore = new Map(before.sectors.map((s) => [s.id, s]));
	const sectorsAfter = new Map(after.sectors.map((s) => [s.id, s]));
	for (const s of after.sectors) {
		const old = sectorsBefore.get(s.id);
		if (!old)
			out.push({
				kind: 'added',
				id: `sector:${s.id}`,
				text: t('network.diff.sectorAdded', { name: s.name })
			});
		else if (old.name !== s.name)
			out.push({
				kind: 'changed',
				id: `sector:${s.id}`,
				text: t('network.diff.sectorRenamed', { from: old.name, to: s.name })
			});
	}
	for (const s of before.sectors)
		if (!sectorsAfter.has(s.id))
			out.push({
				kind: 'removed',
				id: `sector:${s.id}`,
				text: t('network.diff.sectorRemoved', { name: s.name })
			});

	const was = new Map(before.people.map((p) => [p.id, p]));
	const now = new Map(after.people.map((p) => [p.id, p]));
	for (const p of after.people) {
		const old = was.get(p.id);
		if (!old)
			out.push({
				kind: 'added',
				id: p.id,
				text: t('network.diff.added', { name: p.name, where: whereText(t, after, cellOf(p)) })
			});
		else {
			const changes = personChanges(t, before, after, old, p);
			if (changes.length > 0) out.push({ kind: 'changed', id: p.id, text: changes.join('; ') });
		}
	}
	for (const p of before.people)
		if (!now.has(p.id))
			out.push({ kind: 'removed', id: p.id, text: t('network.diff.removed', { name: p.name }) });

	const linksBefore = new Map(before.links.map((l) => [l.id, l]));
	const linksAfter = new Map(after.links.map((l) => [l.id, l]));
	for (const l of after.links) {
		const old = linksBefore.get(l.id);
		const ends = { a: l.aName, b: l.bName };
		if (!old)
			out.push({
				kind: 'added',
				id: l.id,
				text: t('network.diff.linkAdded', { ...ends, kind: linkKind(t, l) })
			});
		else if (old.kind !== l.kind || (old.note ?? '') !== (l.note ?? ''))
			out.push({
				kind: 'changed',
				id: l.id,
				text: t('network.diff.linkChanged', {
					...ends,
					kind: l.note ? `${linkKind(t, l)} (${l.note})` : linkKind(t, l)
				})
			});
	}
	for (const l of before.links)
		if (!linksAfter.has(l.id))
			out.push({
				kind: 'removed',
				id: l.id,
				text: t('network.diff.linkRemoved', { a: l.aName, b: l.bName })
			});
	return out;
}
