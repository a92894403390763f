/**
 * The demo case's genogram (PRODUCT.md "Demo case"): three generations – Birgit (61), Line's
 * mother; Carsten's father, deceased; Line (34) and Carsten (38), separated; Sara (9, the index
 * child) and Mikkel (4), both placed with plejefamilien Holm, who are drawn as the children's
 * foster carers and as one household with them. The people are the demo registry's
 * (`server/demo/people.ts`); years are relative to the seed date.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import {
	addBond,
	addHousehold,
	addMember,
	addRelative,
	updateChildLink,
	updateMember,
	updateUnion
} from './ops';

export const DEMO_IDS = {
	sara: 'person-sara',
	mikkel: 'person-mikkel',
	line: 'person-line',
	carsten: 'person-carsten',
	birgit: 'person-birgit',
	carstensFar: 'person-carstens-far',
	holm: 'person-holm'
} as const;

export function seedGenogramDemo(data: ToolData, now: Date): void {
	const year = now.getFullYear();
	const p = DEMO_IDS;
	const o = LOCAL_ORIGIN;
	transact(
		data,
		() => {
			addMember(data, { existing: p.line }, o);
			addRelative(data, p.line, 'partner', { existing: p.carsten }, 'geno-union-line-carsten', o);
			updateUnion(
				data,
				'geno-union-line-carsten',
				{ kind: 'separated', startYear: year - 11, endYear: year - 2 },
				o
			);
			addRelative(
				data,
				p.line,
				'child',
				{ existing: p.sara, union: 'geno-union-line-carsten' },
				'',
				o
			);
			addRelative(
				data,
				p.line,
				'child',
				{ existing: p.mikkel, union: 'geno-union-line-carsten' },
				'',
				o
			);
			addRelative(data, p.line, 'parent', { existing: p.birgit }, 'geno-union-birgit', o);
			addRelative(
				data,
				p.carsten,
				'parent',
				{ existing: p.carstensFar },
				'geno-union-carstens-far',
				o
			);
			addRelative(
				data,
				p.sara,
				'parent',
				{ existing: p.holm, kind: 'foster' },
				'geno-union-holm',
				o
			);
			addRelative(
				data,
				p.mikkel,
				'parent',
				{ existing: p.holm, kind: 'foster' },
				'geno-union-holm',
				o
			);
			for (const child of [p.sara, p.mikkel])
				updateChildLink(data, 'geno-union-holm', child, { startYear: year - 1 }, o);
			updateMember(data, p.sara, { indexChild: true, placed: true }, o);
			updateMember(data, p.mikkel, { placed: true }, o);
			addHousehold(
				data,
				'geno-household-holm',
				{ name: 'Plejefamilien Holm', foster: true, members: [p.holm, p.sara, p.mikkel] },
				o
			);
			addBond(data, 'geno-bond-line-birgit', { a: p.line, b: p.birgit, kind: 'close' }, o);
			addBond(data, 'geno-bond-line-carsten', { a: p.line, b: p.carsten, kind: 'conflict' }, o);
			addBond(data, 'geno-bond-sara-mikkel', { a: p.sara, b: p.mikkel, kind: 'very-close' }, o);
		},
		o
	);
}
