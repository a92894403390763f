/**
 * Test helpers of the network map (imported by its tests only): a board document with the demo
 * case's people, and a layout context.
 */
import * as Y from 'yjs';
import { translator } from '../../i18n';
import { toolData } from '../data';
import { addPerson, type NewPerson } from '../people';
import type { LayoutContext, ToolData } from '../types';

/** The people of server/demo/people.ts that the network map places (names and roles). */
export const DEMO_REGISTRY: NewPerson[] = [
	{ id: 'person-sara', name: 'Sara', sex: 'female', relation: 'barn (anbragt)' },
	{ id: 'person-mikkel', name: 'Mikkel', sex: 'male', relation: 'barn (anbragt)' },
	{ id: 'person-line', name: 'Line', sex: 'female', relation: 'mor' },
	{ id: 'person-carsten', name: 'Carsten', sex: 'male', relation: 'far' },
	{ id: 'person-birgit', name: 'Birgit', sex: 'female', relation: 'mormor' },
	{ id: 'person-holm', name: 'Plejefamilien Holm', relation: 'plejefamilie' },
	{ id: 'person-anne', name: 'Anne', sex: 'female', title: 'myndighedsrådgiver' },
	{ id: 'person-jonas', name: 'Jonas', sex: 'male', title: 'familiebehandler' },
	{ id: 'person-mette', name: 'Mette', sex: 'female', title: 'familieplejekonsulent' },
	{ id: 'person-karim', name: 'Karim', sex: 'male', title: 'samværskonsulent' }
];

/** A fresh board document and the network map's data on it, with the demo registry. */
export function boardWithPeople(people: NewPerson[] = DEMO_REGISTRY): {
	doc: Y.Doc;
	data: ToolData;
} {
	const doc = new Y.Doc();
	const data = toolData(doc, 'network');
	for (const p of people) addPerson(data, p);
	return { doc, data };
}

export const t = translator('da');

export function context(selected: LayoutContext['selected'] = null): LayoutContext {
	return { t, locale: 'da', today: '2026-12-01', selected };
}
