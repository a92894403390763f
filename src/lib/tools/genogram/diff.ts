/** What changed in the genogram between two states (pure): members, unions, child links, bonds, households. */
import type { Locale, Translate } from '../../i18n';
import type { DiffEntry } from '../types';
import type { GenoChild, GenogramModel } from './model';
import { describeBond, describeHousehold, nameOf, partnerNames } from './summary';

export function diffGenogram(
	before: GenogramModel,
	after: GenogramModel,
	t: Translate,
	_locale: Locale
): DiffEntry[] {
	const out: DiffEntry[] = [];
	for (const [id, m] of after.members) {
		const old = before.members.get(id);
		const name = nameOf(m, t);
		if (!old) {
			out.push({ kind: 'added', id, text: t('genogram.diff.added', { name }) });
			continue;
		}
		const what: string[] = [];
		if (old.name !== m.name) what.push(`${old.name} → ${m.name}`);
		if (old.birthYear !== m.birthYear)
			what.push(
				`${t('genogram.field.birthYear').toLowerCase()} ${old.birthYear ?? '–'} → ${m.birthYear ?? '–'}`
			);
		if (old.deathYear !== m.deathYear || old.deceased !== m.deceased)
			what.push(
				`${t('genogram.field.deathYear').toLowerCase()} ${old.deathYear ?? (old.deceased ? '?' : '–')} → ${m.deathYear ?? (m.deceased ? '?' : '–')}`
			);
		if (old.placed !== m.placed)
			what.push(t(m.placed ? 'genogram.diff.placedOn' : 'genogram.diff.placedOff'));
		if (old.indexChild !== m.indexChild)
			what.push(t(m.indexChild ? 'genogram.diff.indexOn' : 'genogram.diff.indexOff'));
		if (what.length > 0)
			out.push({
				kind: 'changed',
				id,
				text: t('genogram.diff.changed', { name, what: what.join('; ') })
			});
	}
	for (const [id, m] of before.members)
		if (!after.members.has(id))
			out.push({ kind: 'removed', id, text: t('genogram.diff.removed', { name: nameOf(m, t) }) });

	const unionsBefore = new Map(before.unions.map((u) => [u.id, u]));
	const unionsAfter = new Map(after.unions.map((u) => [u.id, u]));
	for (const u of after.unions) {
		const old = unionsBefore.get(u.id);
		const names = partnerNames(u, after, t);
		if (u.partners.length === 2 && (!old || old.partners.length < 2))
			out.push({
				kind: 'added',
				id: u.id,
				text: t('genogram.diff.unionAdded', {
					names,
					kind: t(`genogram.union.${u.kind}`).toLowerCase()
				})
			});
		else if (
			old &&
			(old.kind !== u.kind || old.startYear !== u.startYear || old.endYear !== u.endYear) &&
			u.partners.length === 2
		) {
			const label = (x: typeof u) =>
				[
					t(`genogram.union.${x.kind}`).toLowerCase(),
					[x.startYear, x.endYear].filter((y) => y != null).join('–')
				]
					.filter(Boolean)
					.join(' ');
			out.push({
				kind: 'changed',
				id: u.id,
				text: t('genogram.diff.unionChanged', { names, from: label(old), to: label(u) })
			});
		}
	}
	for (const u of before.unions)
		if (u.partners.length === 2 && !unionsAfter.get(u.id)?.partners.length)
			out.push({
				kind: 'removed',
				id: u.id,
				text: t('genogram.diff.unionRemoved', { names: partnerNames(u, before, t) })
			});

	const links = (m: GenogramModel) =>
		new Map<string, GenoChild>(
			m.unions.flatMap((u) => u.children.map((l) => [`${u.id}/${l.child}`, l] as const))
		);
	const linksBefore = links(before);
	const linksAfter = links(after);
	for (const [key, l] of linksAfter) {
		const old = linksBefore.get(key);
		const params = {
			child: nameOf(after.members.get(l.child), t),
			parents: partnerNames(unionsAfter.get(l.union), after, t)
		};
		if (!old)
			out.push({
				kind: 'added',
				id: key,
				text: t('genogram.diff.childAdded', {
					...params,
					kind: t(`genogram.child.${l.kind}`).toLowerCase()
				})
			});
		else if (old.kind !== l.kind)
			out.push({
				kind: 'changed',
				id: key,
				text: t('genogram.diff.childChanged', {
					...params,
					from: t(`genogram.child.${old.kind}`).toLowerCase(),
					to: t(`genogram.child.${l.kind}`).toLowerCase()
				})
			});
	}
	for (const [key, l] of linksBefore)
		if (!linksAfter.has(key) && after.members.has(l.child))
			out.push({
				kind: 'removed',
				id: key,
				text: t('genogram.diff.childRemoved', {
					child: nameOf(before.members.get(l.child), t),
					parents: partnerNames(unionsBefore.get(l.union), before, t)
				})
			});

	const bondsBefore = new Map(before.bonds.map((b) => [b.id, b]));
	const bondsAfter = new Map(after.bonds.map((b) => [b.id, b]));
	for (const b of after.bonds) {
		const old = bondsBefore.get(b.id);
		if (!old)
			out.push({
				kind: 'added',
				id: b.id,
				text: t('genogram.diff.bondAdded', { text: describeBond(b, after, t) })
			});
		else if (old.kind !== b.kind || old.a !== b.a || old.b !== b.b)
			out.push({
				kind: 'changed',
				id: b.id,
				text: t('genogram.diff.bondChanged', { text: describeBond(b, after, t) })
			});
	}
	for (const b of before.bonds)
		if (!bondsAfter.has(b.id))
			out.push({
				kind: 'removed',
				id: b.id,
				text: t('genogram.diff.bondRemoved', { text: describeBond(b, before, t) })
			});

	const hBefore = new Map(before.households.map((h) => [h.id, h]));
	const hAfter = new Map(after.households.map((h) => [h.id, h]));
	for (const h of after.households) {
		const old = hBefore.get(h.id);
		if (!old)
			out.push({
				kind: 'added',
				id: h.id,
				text: t('genogram.diff.householdAdded', { text: describeHousehold(h, after, t) })
			});
		else if (old.name !== h.name || old.members.join() !== h.members.join())
			out.push({
				kind: 'changed',
				id: h.id,
				text: t('genogram.diff.householdChanged', { text: describeHousehold(h, after, t) })
			});
	}
	for (const h of before.households)
		if (!hAfter.has(h.id))
			out.push({
				kind: 'removed',
				id: h.id,
				text: t('genogram.diff.householdRemoved', { name: h.name || t('genogram.household') })
			});
	return out;
}
