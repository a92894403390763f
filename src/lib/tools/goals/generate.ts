/**
 * Plausible goal steps in bulk, for the layout benchmark: `count` goals (three active, the rest
 * paused or reached) with two to eight steps each, some reached. Deterministic for a seed.
 */
import * as prng from 'lib0/prng';
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { addGoal, addStep, toggleStep } from './ops';

const GOALS = [
	'Jeg kommer til alle samvær',
	'Vi taler pænt sammen ved overleveringen',
	'Sara og Mikkel ved, hvornår de ser os',
	'Jeg går til lægen med min ryg',
	'Vi får en fast aftale med skolen'
];
const STEPS = [
	'Skrive samvær i kalenderen',
	'Ringe til Karim dagen før',
	'Aftale med mormor',
	'Øve med Jonas',
	'Købe buskort',
	'Møde til tiden tre gange i træk',
	'Spørge Sara, hvad hun har lyst til'
];

export function generate(data: ToolData, count: number, seed: number): void {
	const gen = prng.create(seed);
	const base = Date.UTC(2026, 10, 1);
	const day = (n: number) => new Date(base + n * 86_400_000).toISOString().slice(0, 10);
	transact(
		data,
		() => {
			for (let i = 0; i < count; i++) {
				const goalId = `goal-${seed}-${i}-${prng.uint32(gen, 0, 1e9)}`;
				const status = i < 3 ? 'active' : prng.bool(gen) ? 'paused' : 'reached';
				addGoal(
					data,
					goalId,
					{
						title: prng.oneOf(gen, GOALS),
						why: prng.bool(gen) ? 'Så børnene kan stole på os.' : undefined,
						status,
						progress: prng.int32(gen, 0, 10)
					},
					base + i,
					LOCAL_ORIGIN
				);
				const steps = prng.int32(gen, 2, 8);
				for (let s = 0; s < steps; s++) {
					const stepId = `step-${seed}-${i}-${s}`;
					addStep(
						data,
						goalId,
						stepId,
						{ text: prng.oneOf(gen, STEPS), due: day(prng.int32(gen, 0, 60)) },
						null,
						LOCAL_ORIGIN
					);
					if (prng.int32(gen, 0, 3) === 0)
						toggleStep(data, goalId, stepId, true, day(prng.int32(gen, 0, 30)), LOCAL_ORIGIN);
				}
			}
		},
		LOCAL_ORIGIN
	);
}
