/** The genogram in numbers and words: for snapshot lists, the PDF and the List view (pure). */
import type { Locale, Translate } from '../../i18n';
import type { ToolSummary } from '../types';
import { arrange } from './arrange';
import {
	ageOf,
	type GenoBond,
	type GenoHousehold,
	type GenogramModel,
	type GenoMember,
	type GenoUnion
} from './model';

/** A member's name, or the word for their kind. */
export function nameOf(member: GenoMember | undefined, t: Translate): string {
	if (!member) return t('genogram.unknownPerson');
	return member.name || t(`genogram.kind.${member.kind}`);
}

/** One person in words: "Line (f. 1992, 34 år)", "Sara (f. 2017, 9 år, indeksbarn, anbragt)". */
export function describeMember(member: GenoMember, model: GenogramModel, t: Translate): string {
	const parts: string[] = [];
	if (member.birthYear != null) parts.push(t('genogram.describe.born', { year: member.birthYear }));
	if (member.deathYear != null) parts.push(t('genogram.describe.died', { year: member.deathYear }));
	else if (member.deceased && member.kind === 'person') parts.push(t('genogram.describe.deceased'));
	const age = ageOf(member, model.year);
	if (age !== null && !member.deceased) parts.push(t('genogram.describe.age', { age }));
	if (member.indexChild) parts.push(t('genogram.describe.index'));
	if (member.placed) parts.push(t('genogram.describe.placed'));
	const carers = (model.parentsOf.get(member.id) ?? [])
		.filter((l) => l.kind === 'foster' && l.endYear == null)
		.map((l) =>
			partnerNames(
				model.unions.find((u) => u.id === l.union),
				model,
				t
			)
		);
	if (carers.length > 0) parts.push(t('genogram.describe.fosterAt', { names: carers.join(', ') }));
	const name = nameOf(member, t);
	return parts.length > 0 ? `${name} (${parts.join(', ')})` : name;
}

/** The partners of a union in words: "Line og Carsten", "Birgit". */
export function partnerNames(
	union: GenoUnion | undefined,
	model: GenogramModel,
	t: Translate
): string {
	if (!union || union.partners.length === 0) return t('genogram.unknownPerson');
	const names = union.partners.map((p) => nameOf(model.members.get(p), t));
	return names.length === 2 ? `${names[0]} & ${names[1]}` : names[0]!;
}

/** A union in words: "Line og Carsten: separeret (g. 2014 · sep. 2024); børn: Sara, Mikkel". */
export function describeUnion(union: GenoUnion, model: GenogramModel, t: Translate): string {
	const name = (id: string) => nameOf(model.members.get(id), t);
	let text: string;
	if (union.partners.length === 2)
		text = t('genogram.describe.union', {
			a: name(union.partners[0]!),
			b: name(union.partners[1]!),
			kind: t(`genogram.union.${union.kind}`).toLowerCase()
		});
	else if (union.partners.length === 1)
		text = t('genogram.describe.single', { a: name(union.partners[0]!) });
	else text = t('genogram.list.unknownParents');
	const years = [union.startYear, union.endYear].filter((y) => y != null).join('–');
	if (years) text += ` (${years})`;
	if (
		union.partners.length === 1 &&
		union.children.length > 0 &&
		union.children.every((l) => l.kind === 'foster')
	) {
		const names = union.children.map((l) => name(l.child)).join(', ');
		return `${name(union.partners[0]!)}: ${t('genogram.list.fosterChildren', { names })}`;
	}
	const kids = union.children.map((l) =>
		l.kind === 'biological'
			? name(l.child)
			: `${name(l.child)} (${t(`genogram.child.${l.kind}`).toLowerCase()})`
	);
	if (kids.length > 0) text += `; ${t('genogram.list.children', { names: kids.join(', ') })}`;
	return text;
}

export function describeBond(bond: GenoBond, model: GenogramModel, t: Translate): string {
	return t('genogram.describe.bond', {
		a: nameOf(model.members.get(bond.a), t),
		b: nameOf(model.members.get(bond.b), t),
		kind: t(`genogram.bond.${bond.kind}`).toLowerCase()
	});
}

export function describeHousehold(h: GenoHousehold, model: GenogramModel, t: Translate): string {
	return t('genogram.describe.household', {
		name: h.name || t('genogram.household'),
		members: h.members
			.map((m) => nameOf(model.members.get(m), t))
			.sort((a, b) => a.localeCompare(b, 'da'))
			.join(', ')
	});
}

/** Members by generation (top first), each generation in drawing order (left to right). */
export function generationsOf(model: GenogramModel): GenoMember[][] {
	const arr = arrange(model);
	const rows: GenoMember[][] = Array.from({ length: arr.rows }, () => []);
	for (const [id, member] of model.members) rows[arr.rowOf.get(id) ?? 0]!.push(member);
	for (const row of rows) row.sort((a, b) => (arr.xOf.get(a.id) ?? 0) - (arr.xOf.get(b.id) ?? 0));
	return rows.filter((r) => r.length > 0);
}

export function summarizeGenogram(
	model: GenogramModel,
	t: Translate,
	_locale: Locale
): ToolSummary {
	const members = [...model.members.values()];
	const generations = model.members.size > 0 ? generationsOf(model) : [];
	const counts = {
		people: members.filter((m) => m.kind === 'person').length,
		generations: generations.length,
		unions: model.unions.filter((u) => u.partners.length === 2).length,
		placed: members.filter((m) => m.placed).length,
		bonds: model.bonds.length,
		households: model.households.length
	};
	const items = [
		{ label: t('genogram.summary.people'), value: counts.people },
		{ label: t('genogram.summary.generations'), value: counts.generations },
		{ label: t('genogram.summary.unions'), value: counts.unions },
		{ label: t('genogram.summary.placed'), value: counts.placed },
		{ label: t('genogram.summary.bonds'), value: counts.bonds },
		{ label: t('genogram.summary.households'), value: counts.households }
	];
	const text: string[] = [];
	generations.forEach((row, i) => {
		text.push(
			`${t('genogram.list.generation', { n: i + 1 })}: ${row.map((m) => describeMember(m, model, t)).join('; ')}`
		);
	});
	for (const u of model.unions)
		if (u.partners.length > 0 || u.children.length > 0) text.push(describeUnion(u, model, t));
	for (const h of model.households) text.push(describeHousehold(h, model, t));
	for (const b of model.bonds) text.push(describeBond(b, model, t));
	return { counts, items, text };
}
