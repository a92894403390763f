/**
 * The demo case's network map (PRODUCT.md "Demo case"): Sara and Mikkel in the centre; family,
 * friends and neighbours, professionals, and school, kindergarten and leisure around them, with
 * Birgit as a resource ("kan hente børnene") in the inner ring, and a few lines between people.
 * It places the people of the demo registry (server/demo/people.ts) and adds the few the map
 * needs besides (fictional, first names only). People missing from the registry are skipped.
 */
import { LOCAL_ORIGIN } from '../../board/origin';
import { transact } from '../data';
import { addPerson, type NewPerson } from '../people';
import type { ToolData } from '../types';
import type { LinkKind, ResourceKind } from './model';
import { addLink, placePerson, type PlacementInput } from './ops';

/** People of the demo case that only the network map brings in. */
export const NETWORK_DEMO_PEOPLE: NewPerson[] = [
	{ id: 'person-susanne', name: 'Susanne', sex: 'female', relation: 'Lines veninde og nabo' },
	{ id: 'person-dennis', name: 'Dennis', sex: 'male', relation: 'Carstens ven' },
	{ id: 'person-pernille', name: 'Pernille', sex: 'female', title: 'Saras klasselærer' },
	{ id: 'person-boernehave', name: 'Mikkels børnehave', sex: 'unknown', relation: 'dagtilbud' },
	{ id: 'person-ali', name: 'Ali', sex: 'male', relation: 'Saras fodboldtræner' }
];

type Spot = [sector: string, ring: number] | 'centre';

const PLACEMENTS: [id: string, spot: Spot, resource: ResourceKind, help?: string][] = [
	['person-sara', 'centre', 'neutral'],
	['person-mikkel', 'centre', 'neutral'],
	['person-birgit', ['familie', 0], 'resource', 'kan hente børnene'],
	['person-line', ['familie', 0], 'neutral'],
	['person-holm', ['familie', 0], 'resource', 'Sara og Mikkel bor hos dem'],
	['person-carsten', ['familie', 1], 'neutral'],
	['person-susanne', ['venner', 1], 'resource', 'kan passe Mikkel en eftermiddag'],
	['person-dennis', ['venner', 2], 'concern'],
	['person-jonas', ['professionelle', 1], 'resource', 'støtter Line hver uge'],
	['person-karim', ['professionelle', 1], 'neutral', 'er med til samværet'],
	['person-anne', ['professionelle', 2], 'neutral'],
	['person-mette', ['professionelle', 2], 'neutral', 'støtter plejefamilien'],
	['person-pernille', ['skole', 1], 'resource', 'fortæller, hvordan Sara har det i skolen'],
	['person-boernehave', ['skole', 1], 'neutral'],
	['person-ali', ['skole', 2], 'resource', 'Sara spiller fodbold hver tirsdag']
];

const LINKS: [id: string, a: string, b: string, kind: LinkKind][] = [
	['nw-link-line-birgit', 'person-line', 'person-birgit', 'normal'],
	['nw-link-line-carsten', 'person-line', 'person-carsten', 'weak'],
	['nw-link-birgit-carsten', 'person-birgit', 'person-carsten', 'broken'],
	['nw-link-carsten-dennis', 'person-carsten', 'person-dennis', 'normal']
];

export function seedNetworkDemo(data: ToolData, _now: Date): void {
	transact(
		data,
		() => {
			for (const person of NETWORK_DEMO_PEOPLE) addPerson(data, person, LOCAL_ORIGIN);
			for (const [id, spot, resource, help] of PLACEMENTS) {
				const placement: PlacementInput = {
					cell:
						spot === 'centre'
							? { centre: true }
							: { centre: false, sector: spot[0], ring: spot[1] },
					resource,
					help
				};
				placePerson(data, id, placement, LOCAL_ORIGIN);
			}
			for (const [id, a, b, kind] of LINKS) addLink(data, id, { a, b, kind }, LOCAL_ORIGIN);
		},
		LOCAL_ORIGIN
	);
}
