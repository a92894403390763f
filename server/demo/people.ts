/**
 * The people around the demo case (PRODUCT.md "Demo case"), entered once in the board's `people`
 * (ARCHITECTURE.md §2) so the tools and the parents' participant choice can refer to them.
 * Fictional; birth years are relative to the seed date so the ages in the brief hold.
 */
import * as Y from 'yjs';
import { people } from '../../src/lib/board/doc';

interface DemoPerson {
	id: string;
	name: string;
	sex: 'male' | 'female' | 'other' | 'unknown';
	age?: number;
	deceased?: boolean;
	relation?: string;
	title?: string;
	userId?: string;
}

const DEMO_PEOPLE: DemoPerson[] = [
	{ id: 'person-sara', name: 'Sara', sex: 'female', age: 9, relation: 'barn (anbragt)' },
	{ id: 'person-mikkel', name: 'Mikkel', sex: 'male', age: 4, relation: 'barn (anbragt)' },
	{ id: 'person-line', name: 'Line', sex: 'female', age: 34, relation: 'mor', userId: 'demo-line' },
	{
		id: 'person-carsten',
		name: 'Carsten',
		sex: 'male',
		age: 38,
		relation: 'far',
		userId: 'demo-carsten'
	},
	{ id: 'person-birgit', name: 'Birgit', sex: 'female', age: 61, relation: 'mormor' },
	{
		id: 'person-carstens-far',
		name: 'Carstens far',
		sex: 'male',
		deceased: true,
		relation: 'farfar'
	},
	{
		id: 'person-holm',
		name: 'Plejefamilien Holm',
		sex: 'unknown',
		relation: 'plejefamilie',
		userId: 'demo-holm'
	},
	{
		id: 'person-anne',
		name: 'Anne',
		sex: 'female',
		title: 'myndighedsrådgiver',
		userId: 'demo-anne'
	},
	{
		id: 'person-jonas',
		name: 'Jonas',
		sex: 'male',
		title: 'familiebehandler',
		userId: 'demo-jonas'
	},
	{
		id: 'person-mette',
		name: 'Mette',
		sex: 'female',
		title: 'familieplejekonsulent',
		userId: 'demo-mette'
	},
	{
		id: 'person-karim',
		name: 'Karim',
		sex: 'male',
		title: 'samværskonsulent',
		userId: 'demo-karim'
	}
];

/** Adds the demo people to a board document (call inside the seeding transaction). */
export function addDemoPeople(doc: Y.Doc, now = new Date()): void {
	const year = now.getFullYear();
	for (const p of DEMO_PEOPLE) {
		const map = new Y.Map<unknown>();
		people(doc).set(p.id, map);
		map.set('name', p.name);
		map.set('sex', p.sex);
		if (p.age !== undefined) map.set('birthYear', year - p.age);
		if (p.deceased) map.set('deathYear', year - 3);
		if (p.relation) map.set('relation', p.relation);
		if (p.title) map.set('title', p.title);
		if (p.userId) map.set('userId', p.userId);
	}
}
