/**
 * Plausible genograms of any size, for the layout benchmark (`npm run bench`) and tests: a
 * seeded, deterministic family over several generations with couples, second partners and
 * half-siblings, twins now and then, an adopted child and a placed child with a foster family.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { readGenogram } from './model';
import { addMember, addRelative, setTwin, updateMember, type Relation } from './ops';

const NAMES = {
	male: [
		'Anders',
		'Bo',
		'Carl',
		'Dan',
		'Emil',
		'Frank',
		'Gustav',
		'Hans',
		'Ib',
		'Jens',
		'Karl',
		'Lars',
		'Mads',
		'Niels',
		'Ole',
		'Peter'
	],
	female: [
		'Anna',
		'Bente',
		'Cecilie',
		'Dorte',
		'Emma',
		'Freja',
		'Grete',
		'Hanne',
		'Ida',
		'Julie',
		'Karen',
		'Lone',
		'Maja',
		'Nina',
		'Olga',
		'Pia'
	]
};

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Fills the genogram with `count` people, deterministically for the same seed. */
export function generate(data: ToolData, count: number, seed: number): void {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	let n = 0;
	const person = (birthYear: number) => {
		const sex = random() < 0.5 ? 'male' : 'female';
		n++;
		const year = Math.min(2025, Math.max(1900, birthYear));
		return {
			id: `gen-${seed}-${n}`,
			name: pick(NAMES[sex]),
			sex,
			birthYear: year,
			// The oldest have died (at an age between 70 and 95).
			deathYear: year < 1945 ? Math.min(2025, year + 70 + Math.floor(random() * 25)) : undefined
		} as const;
	};
	transact(
		data,
		() => {
			const first = person(1940);
			addMember(data, { person: first }, LOCAL_ORIGIN);
			let guard = 0;
			while (n < count && guard++ < count * 20) {
				const model = readGenogram(data, 2026);
				const people = [...model.members.values()];
				const anchor = pick(people);
				const born = anchor.birthYear ?? 1970;
				const unions = model.unionsOf.get(anchor.id) ?? [];
				const hasParents = (model.parentsOf.get(anchor.id) ?? []).length > 0;
				const r = random();
				let relation: Relation;
				if (unions.length === 0 || (unions.length < 2 && r < 0.12)) relation = 'partner';
				else if (!hasParents && r < 0.2) relation = 'parent';
				else if (hasParents && r < 0.3) relation = 'sibling';
				else relation = 'child';
				if (relation === 'child' && born > 2005) continue;
				const latest = unions.at(-1);
				if (relation === 'child' && latest && latest.children.length >= 4) continue;
				const year =
					relation === 'child'
						? born + 22 + Math.floor(random() * 14)
						: relation === 'parent'
							? born - 20 - Math.floor(random() * 15)
							: born + Math.floor(random() * 8) - 4;
				const kind = relation === 'child' && random() < 0.05 ? 'adopted' : 'biological';
				const who = person(year);
				const result = addRelative(
					data,
					anchor.id,
					relation,
					{ person: who, kind },
					`gen-${seed}-u${n}`,
					LOCAL_ORIGIN
				);
				if (!result.ok) {
					n--;
					continue;
				}
				// Now and then twins, and a placed child with a foster family.
				if (relation === 'child' && random() < 0.06 && n < count) {
					const twin = person(year);
					const link = readGenogram(data, 2026).parentsOf.get(who.id)?.[0];
					if (
						link &&
						addRelative(
							data,
							who.id,
							'sibling',
							{ person: twin },
							`gen-${seed}-u${n}`,
							LOCAL_ORIGIN
						).ok
					)
						setTwin(
							data,
							link.union,
							who.id,
							twin.id,
							random() < 0.5,
							`gen-${seed}-t${n}`,
							LOCAL_ORIGIN
						);
				}
				if (relation === 'child' && year > 2008 && random() < 0.1 && n < count) {
					const carer = {
						...person(year - 40),
						name: `Plejefamilien ${pick(NAMES.male)}sen`,
						sex: 'unknown' as const
					};
					if (
						addRelative(
							data,
							who.id,
							'parent',
							{ person: carer, kind: 'foster' },
							`gen-${seed}-u${n}`,
							LOCAL_ORIGIN
						).ok
					)
						updateMember(data, who.id, { placed: true }, LOCAL_ORIGIN);
				}
			}
		},
		LOCAL_ORIGIN
	);
}
