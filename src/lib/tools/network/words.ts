/** The network map's things in words (pure): rings, cells and people, for lists, summary, diff. */
import type { Translate } from '../../i18n';
import type { Cell, NetworkModel, NetworkPerson } from './model';

/** A ring's label for lists and fields: "Ring 1 (inderst)", "Ring 2", "Ring 3 (yderst)". */
export function ringLabel(t: Translate, ring: number, rings: number): string {
	if (ring === 0) return t('network.ring.inner', { n: 1 });
	if (ring >= rings - 1) return t('network.ring.outer', { n: ring + 1 });
	return t('network.ring.n', { n: ring + 1 });
}

/** A ring inside a sentence: "inderste ring", "ring 2", "yderste ring". */
export function ringName(t: Translate, ring: number, rings: number): string {
	if (ring === 0) return t('network.ringName.inner');
	if (ring >= rings - 1) return t('network.ringName.outer');
	return t('network.ringName.n', { n: ring + 1 });
}

export function sectorName(model: NetworkModel, id: string): string {
	return model.sectors.find((s) => s.id === id)?.name ?? id;
}

/** Where a cell is, in a sentence: "inderste ring i Familie", or "midten". */
export function whereText(t: Translate, model: NetworkModel, cell: Cell): string {
	if (cell.centre) return t('network.centreCell').toLowerCase();
	return t('network.where', {
		ring: ringName(t, cell.ring, model.rings),
		sector: sectorName(model, cell.sector)
	});
}

/** A cell's title: "Familie · Ring 1 (inderst)", or "Midten (børnene)". */
export function cellTitle(t: Translate, model: NetworkModel, cell: Cell): string {
	if (cell.centre) return t('network.centreCell');
	return `${sectorName(model, cell.sector)} · ${ringLabel(t, cell.ring, model.rings)}`;
}

/** One person in words: "Birgit (mormor) – ressource – hjælp: kan hente børnene". */
export function describePerson(t: Translate, p: NetworkPerson): string {
	const parts = [p.role ? `${p.name} (${p.role})` : p.name];
	if (p.resource !== 'neutral') parts.push(t(`network.resource.${p.resource}`).toLowerCase());
	if (p.help)
		parts.push(t('network.list.helps', { help: p.help }).replace(/^./, (c) => c.toLowerCase()));
	return parts.join(' – ');
}
