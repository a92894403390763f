/** The network map in numbers and words: for snapshot lists, the PDF and trends (pure). */
import type { Locale, Translate } from '../../i18n';
import type { SummaryItem, ToolSummary } from '../types';
import type { NetworkModel } from './model';
import { describePerson, ringLabel } from './words';

export function summarizeNetwork(model: NetworkModel, t: Translate, _locale: Locale): ToolSummary {
	const onRings = model.people.filter((p) => !p.centre);
	const children = model.people.filter((p) => p.centre);
	const counts: Record<string, number> = {
		people: model.people.length,
		children: children.length,
		resources: model.people.filter((p) => p.resource === 'resource').length,
		concerns: model.people.filter((p) => p.resource === 'concern').length,
		links: model.links.length,
		sectors: model.sectors.length,
		rings: model.rings
	};
	for (let ring = 0; ring < model.rings; ring++)
		counts[`ring.${ring + 1}`] = onRings.filter((p) => p.shownRing === ring).length;
	for (const s of model.sectors)
		counts[`sector.${s.id}`] = onRings.filter((p) => p.shownSector === s.id).length;

	const items: SummaryItem[] = [
		{ label: t('network.summary.people'), value: counts.people! },
		{ label: t('network.summary.children'), value: counts.children! },
		{ label: t('network.summary.resources'), value: counts.resources! },
		{ label: t('network.summary.concerns'), value: counts.concerns! },
		{ label: t('network.summary.links'), value: counts.links! }
	];
	const text: string[] = [];
	if (children.length > 0)
		text.push(
			`${t('network.centreCell')}: ${children.map((p) => describePerson(t, p)).join('; ')}`
		);
	for (const s of model.sectors) {
		const inSector = onRings.filter((p) => p.shownSector === s.id);
		const perRing: string[] = [];
		for (let ring = 0; ring < model.rings; ring++) {
			const here = inSector.filter((p) => p.shownRing === ring);
			if (here.length === 0) continue;
			perRing.push(`${ringLabel(t, ring, model.rings)}: ${here.length}`);
			text.push(
				`${s.name}, ${ringLabel(t, ring, model.rings).toLowerCase()}: ${here.map((p) => describePerson(t, p)).join('; ')}`
			);
		}
		items.push({
			label: s.name,
			value: perRing.length
				? `${inSector.length} (${perRing.join(', ').toLowerCase()})`
				: t('network.summary.none')
		});
	}
	for (const l of model.links)
		text.push(
			`${t('network.list.links')}: ${t('network.link.between', { a: l.aName, b: l.bName })} – ${t(`network.link.${l.kind}`).toLowerCase()}${l.note ? ` (${l.note})` : ''}`
		);
	return { counts, items, text };
}
