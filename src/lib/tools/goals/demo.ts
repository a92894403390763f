/**
 * The demo case's goal steps (PRODUCT.md "Demo case"): two active goals for Line, written in her
 * words at the opstartsmøde three weeks ago, broken into stepping stones with who helps and by
 * when; the first step of the first goal was reached right away.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { addGoal, addStep, toggleStep, type StepInput } from './ops';

const DAY = 86_400_000;

export function seedGoalsDemo(data: ToolData, now: Date): void {
	const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
	const held = now.getTime() - 21 * DAY;
	const goals: {
		id: string;
		title: string;
		why: string;
		progress: number;
		steps: [string, StepInput, boolean?][];
	}[] = [
		{
			id: 'goal-visits',
			title: 'Jeg kommer til alle samvær – og til tiden',
			why: 'Så Sara og Mikkel kan stole på, at jeg kommer.',
			progress: 4,
			steps: [
				[
					'step-calendar',
					{
						text: 'Skrive alle samvær ind i kalenderen på telefonen',
						who: 'person-jonas',
						due: at(-20)
					},
					true
				],
				['step-shifts', { text: 'Bytte vagter, så jeg har fri hver anden lørdag', due: at(10) }],
				[
					'step-call',
					{
						text: 'Ringe til Karim dagen før, hvis noget driller',
						who: 'person-karim',
						due: at(14)
					}
				],
				[
					'step-four',
					{ text: 'Komme til tiden til fire samvær i træk', who: 'person-birgit', due: at(42) }
				]
			]
		},
		{
			id: 'goal-calm',
			title: 'Sara og Mikkel skal høre mig og Carsten tale pænt sammen',
			why: 'Børnene bliver kede af det, når vi skændes.',
			progress: 3,
			steps: [
				[
					'step-birgit',
					{
						text: 'Aftale med Carsten, at overleveringer sker hos mormor',
						who: 'person-birgit',
						due: at(7)
					}
				],
				[
					'step-practice',
					{
						text: 'Øve med Jonas, hvad jeg siger, når jeg bliver vred',
						who: 'person-jonas',
						due: at(21)
					}
				],
				[
					'step-three',
					{ text: 'Holde tre rolige overleveringer', who: 'person-birgit', due: at(56) }
				]
			]
		}
	];
	transact(
		data,
		() => {
			goals.forEach((goal, i) => {
				addGoal(
					data,
					goal.id,
					{ title: goal.title, why: goal.why, owner: 'person-line', progress: goal.progress },
					held + i,
					LOCAL_ORIGIN
				);
				for (const [id, step, done] of goal.steps) {
					addStep(data, goal.id, id, step, null, LOCAL_ORIGIN);
					if (done) toggleStep(data, goal.id, id, true, at(-21), LOCAL_ORIGIN);
				}
			});
		},
		LOCAL_ORIGIN
	);
}
