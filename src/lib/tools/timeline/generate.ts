/**
 * A large timeline for the layout benchmark and tests: `count` events over about three years
 * (some periods, some month-precise, all lanes and categories) and the three phases. Seeded:
 * the same seed gives the same timeline.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { dayNumber, formatIso, fromDay } from './dates';
import { EVENT_CATEGORIES, LANES } from './model';
import { addEvent, addPhase } from './ops';

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

export function generate(data: ToolData, count: number, seed: number): void {
	const random = prng(seed);
	const start = dayNumber(2024, 1, 1);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
	transact(
		data,
		() => {
			for (let i = 0; i < count; i++) {
				const day = start + Math.floor(random() * 1000);
				const d = fromDay(day);
				const monthOnly = random() < 0.15;
				const period = random() < 0.1;
				addEvent(
					data,
					`gen-${seed}-${i}`,
					{
						title: `Begivenhed ${i + 1}: ${pick(['samvær', 'møde', 'skolestart', 'lægebesøg', 'familierådslagning'])}`,
						date: monthOnly ? formatIso({ year: d.year, month: d.month }) : formatIso(d),
						endDate: period ? formatIso(fromDay(day + 20 + Math.floor(random() * 200))) : undefined,
						category: pick(EVENT_CATEGORIES),
						lane: pick(LANES),
						deadline: random() < 0.01
					},
					LOCAL_ORIGIN
				);
			}
			addPhase(data, `gen-${seed}-p1`, { kind: 'opstart', start: '2024-02-01', end: '2024-05-01' });
			addPhase(data, `gen-${seed}-p2`, {
				kind: 'forandring',
				start: '2024-05-02',
				end: '2024-09-01'
			});
			addPhase(data, `gen-${seed}-p3`, { kind: 'vedligeholdelse', start: '2024-09-02' });
		},
		LOCAL_ORIGIN
	);
}
