/**
 * Plausible Signs of Safety content in bulk, for the layout benchmark: `count` cards spread over
 * the columns and kinds with voices and pairings, and ratings on the scales. Deterministic for a
 * seed (lib0's seeded PRNG, ids from it too).
 */
import * as prng from 'lib0/prng';
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { COLUMN_KINDS, OVERALL, SOS_COLUMNS, VOICES, type SosKind } from './model';
import { addCard, pairCards, rate } from './ops';

const PHRASES = [
	'Samværet bliver aflyst',
	'Sara er glad for skolen',
	'Mikkel sover bedre',
	'Line ringer dagen før',
	'Mormor henter børnene',
	'konflikter ved overleveringen',
	'fast aftale hver anden lørdag',
	'lektier sammen om tirsdagen',
	'Carsten kommer til tiden',
	'plejefamilien fortæller, hvordan ugen gik'
];

export function generate(data: ToolData, count: number, seed: number): void {
	const gen = prng.create(seed);
	const id = (prefix: string, i: number) => `${prefix}-${seed}-${i}-${prng.uint32(gen, 0, 1e9)}`;
	const sentence = () => {
		const words = prng.int32(gen, 1, 3);
		const parts = Array.from({ length: words }, () => prng.oneOf(gen, PHRASES));
		return `${parts.join(', og ')}.`;
	};
	transact(
		data,
		() => {
			const dangers: string[] = [];
			const goals: string[] = [];
			for (let i = 0; i < count; i++) {
				const column = prng.oneOf(gen, [...SOS_COLUMNS]);
				const kind = prng.oneOf(gen, [...(COLUMN_KINDS[column] as readonly SosKind[])]);
				const cardId = id('card', i);
				addCard(
					data,
					cardId,
					{
						column,
						kind,
						text: sentence(),
						voice: prng.oneOf(gen, [...VOICES]),
						disagreement: kind === 'danger' && prng.bool(gen) ? sentence() : undefined
					},
					LOCAL_ORIGIN
				);
				if (kind === 'danger') dangers.push(cardId);
				if (kind === 'safety-goal') goals.push(cardId);
			}
			dangers.forEach((danger, i) => {
				if (goals[i]) pairCards(data, danger, goals[i]!, LOCAL_ORIGIN);
			});
			const raters = Math.min(30, Math.max(4, Math.round(count / 10)));
			for (let r = 0; r < raters; r++) {
				const rater = {
					key: `rater-${seed}-${r}`,
					group: prng.oneOf(gen, [...VOICES]),
					name: `Deltager ${r + 1}`
				};
				for (const scale of [OVERALL, ...dangers])
					rate(data, scale, rater, prng.int32(gen, 0, 10), LOCAL_ORIGIN);
			}
		},
		LOCAL_ORIGIN
	);
}
