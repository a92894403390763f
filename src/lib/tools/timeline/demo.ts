/**
 * The demo case's timeline (PRODUCT.md "Demo case"): the placement 14 months ago and the time
 * before it, the help given, the opstart phase that began with the opstartsmøde three weeks ago,
 * the planned forandring phase and the next follow-up. Dates are relative to the seed date.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { dateAtDay, formatIso, type Precision } from './dates';
import { addEvent, addPhase, type EventInput } from './ops';

export function seedTimelineDemo(data: ToolData, now: Date): void {
	const today = Math.floor(now.getTime() / 86_400_000);
	const at = (days: number, precision: Precision = 'day') =>
		formatIso(dateAtDay(today + days, precision));
	const month = 30;
	const events: [string, EventInput][] = [
		[
			'tl-split',
			{
				title: 'Line og Carsten går fra hinanden',
				date: at(-19 * month, 'month'),
				category: 'krise',
				lane: 'parents'
			}
		],
		[
			'tl-report',
			{
				title: 'Underretning fra skolen',
				date: at(-15 * month - 10),
				category: 'krise',
				lane: 'child'
			}
		],
		[
			'tl-placement',
			{
				title: 'Sara og Mikkel anbringes hos plejefamilien Holm',
				date: at(-14 * month),
				ongoing: true,
				category: 'anbringelse',
				lane: 'child',
				people: ['person-sara', 'person-mikkel', 'person-holm']
			}
		],
		[
			'tl-visit',
			{
				title: 'Første samvær med Line og Carsten',
				date: at(-14 * month + 12),
				category: 'samvaer',
				lane: 'parents'
			}
		],
		[
			'tl-treatment',
			{
				title: 'Familiebehandling hos Jonas begynder',
				date: at(-12 * month),
				ongoing: true,
				category: 'moede',
				lane: 'help',
				people: ['person-jonas', 'person-line']
			}
		],
		[
			'tl-school',
			{
				title: 'Sara starter i 3. klasse på ny skole',
				date: at(-9 * month - 5),
				category: 'skole-sundhed',
				lane: 'child'
			}
		],
		[
			'tl-kindergarten',
			{
				title: 'Mikkel får plads i børnehaven',
				date: at(-6 * month),
				category: 'skole-sundhed',
				lane: 'child'
			}
		],
		[
			'tl-cancelled',
			{
				title: 'Samvær aflyst tre gange',
				date: at(-4 * month, 'month'),
				category: 'samvaer',
				lane: 'parents'
			}
		],
		[
			'tl-job',
			{ title: 'Line får fast arbejde', date: at(-month - 8), category: 'succes', lane: 'parents' }
		],
		[
			'tl-opstart',
			{
				title: 'Opstartsmøde om forældrehandleplanen',
				date: at(-21),
				category: 'moede',
				lane: 'help',
				people: ['person-anne', 'person-jonas', 'person-line']
			}
		],
		[
			'tl-followup',
			{
				title: 'Opfølgning på handleplanen',
				date: at(7 * 7),
				deadline: true,
				category: 'beslutning',
				lane: 'help'
			}
		]
	];
	transact(
		data,
		() => {
			for (const [id, input] of events) addEvent(data, id, input, LOCAL_ORIGIN);
			addPhase(data, 'tl-phase-opstart', { kind: 'opstart', start: at(-21), end: at(5 * 7) });
			addPhase(data, 'tl-phase-forandring', {
				kind: 'forandring',
				start: at(5 * 7 + 1),
				end: at(19 * 7)
			});
		},
		LOCAL_ORIGIN
	);
}
