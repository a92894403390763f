/**
 * The demo case's Signs of Safety columns (PRODUCT.md "Demo case"), as written at the
 * opstartsmøde: harm kept apart from the danger statements, each danger statement paired with
 * its safety goal, cards in the parents', the network's and the professionals' voices, the
 * family's disagreement written on the cards, and the ratings of Line, Carsten, Anne and Jonas
 * on the overall scale and on each pair's scale.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import type { ToolData } from '../types';
import { OVERALL, type Voice } from './model';
import { addCard, pairCards, rate, type CardInput, type Rater } from './ops';

const DAY = 86_400_000;

const RATERS: Record<string, Rater> = {
	line: { key: 'demo-line', group: 'parent', name: 'Line' },
	carsten: { key: 'demo-carsten', group: 'parent', name: 'Carsten' },
	anne: { key: 'demo-anne', group: 'professional', name: 'Anne' },
	jonas: { key: 'demo-jonas', group: 'professional', name: 'Jonas' }
};

export function seedSosDemo(data: ToolData, now: Date): void {
	const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
	const voice = (v: Voice, person?: string) => ({ voice: v, person: person ?? null });
	const cards: [string, CardInput][] = [
		[
			'sos-harm',
			{
				column: 'worries',
				kind: 'harm',
				text: 'Før anbringelsen kom Sara ofte sulten i skole, og Mikkel var meget alene.',
				...voice('professional', 'person-anne')
			}
		],
		[
			'sos-worry',
			{
				column: 'worries',
				kind: 'worry',
				text: 'Samvær er aflyst tre gange siden sommer. Sara spørger, om mor kommer.',
				...voice('network', 'person-holm')
			}
		],
		[
			'sos-complicating',
			{
				column: 'worries',
				kind: 'complicating',
				text: 'Mine nye vagter gør det svært at planlægge samvær.',
				...voice('parent', 'person-line')
			}
		],
		[
			'sos-danger-visits',
			{
				column: 'worries',
				kind: 'danger',
				text: 'Anne og Jonas er bekymrede for, at samvær bliver aflyst uden varsel, så Sara og Mikkel bliver utrygge.',
				...voice('professional', 'person-anne'),
				disagreement: 'Line mener, at det skyldtes vagtplanen og ikke sker igen.'
			}
		],
		[
			'sos-danger-conflict',
			{
				column: 'worries',
				kind: 'danger',
				text: 'Jonas er bekymret for, at børnene hører Line og Carsten skændes ved overleveringerne.',
				...voice('professional', 'person-jonas'),
				disagreement: 'Carsten synes ikke, at de skændes foran børnene.'
			}
		],
		[
			'sos-strength-line',
			{
				column: 'working',
				kind: 'strength',
				text: 'Jeg vil gerne have, at Sara og Mikkel ved, at jeg kæmper for dem.',
				...voice('parent', 'person-line')
			}
		],
		[
			'sos-strength-school',
			{
				column: 'working',
				kind: 'strength',
				text: 'Sara er glad for skolen, og Mikkel sover bedre.',
				...voice('network', 'person-holm')
			}
		],
		[
			'sos-safety-birgit',
			{
				column: 'working',
				kind: 'safety',
				text: 'Mormor henter børnene til samvær, når Line arbejder sent.',
				...voice('network', 'person-birgit')
			}
		],
		[
			'sos-exception',
			{
				column: 'working',
				kind: 'exception',
				text: 'Til Mikkels fødselsdag kom vi begge til tiden.',
				...voice('parent', 'person-carsten')
			}
		],
		[
			'sos-goal-visits',
			{
				column: 'next',
				kind: 'safety-goal',
				text: 'Samværet bliver til noget hver gang, og børnene ved, hvornår det er. Karim kan se det i kalenderen i tre måneder.',
				...voice('parent', 'person-line')
			}
		],
		[
			'sos-goal-handover',
			{
				column: 'next',
				kind: 'safety-goal',
				text: 'Overleveringer sker roligt hos mormor, uden diskussioner foran børnene, i to måneder.',
				...voice('professional', 'person-jonas')
			}
		],
		[
			'sos-next-plan',
			{
				column: 'next',
				kind: 'next-step',
				text: 'En fast samværsplan, der passer til Lines vagter.',
				...voice('professional', 'person-jonas'),
				owner: 'person-jonas',
				due: at(14)
			}
		],
		[
			'sos-next-birgit',
			{
				column: 'next',
				kind: 'next-step',
				text: 'Jeg vil gerne have mormor med til samvær om lørdagen.',
				...voice('parent', 'person-line'),
				owner: 'person-birgit',
				due: at(21)
			}
		]
	];
	const ratings: [string, keyof typeof RATERS, number][] = [
		[OVERALL, 'line', 6],
		[OVERALL, 'carsten', 5],
		[OVERALL, 'anne', 4],
		[OVERALL, 'jonas', 5],
		['sos-danger-visits', 'line', 7],
		['sos-danger-visits', 'carsten', 6],
		['sos-danger-visits', 'anne', 4],
		['sos-danger-visits', 'jonas', 5],
		['sos-danger-conflict', 'line', 6],
		['sos-danger-conflict', 'carsten', 7],
		['sos-danger-conflict', 'anne', 5],
		['sos-danger-conflict', 'jonas', 4]
	];
	transact(
		data,
		() => {
			for (const [id, input] of cards) addCard(data, id, input, LOCAL_ORIGIN);
			pairCards(data, 'sos-danger-visits', 'sos-goal-visits', LOCAL_ORIGIN);
			pairCards(data, 'sos-danger-conflict', 'sos-goal-handover', LOCAL_ORIGIN);
			for (const [scale, who, value] of ratings)
				rate(data, scale, RATERS[who]!, value, LOCAL_ORIGIN);
		},
		LOCAL_ORIGIN
	);
}
