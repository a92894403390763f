/**
 * The people registry as the tools see it (ARCHITECTURE.md §2: a person is entered once in
 * `people` and referenced by id from every tool). Pure reads and the ops every tool shares.
 */
import * as v from 'valibot';
import { readRecords, type Collection } from '../board/doc';
import { LOCAL_ORIGIN, type BoardOrigin } from '../board/origin';
import { PersonSchema, type PersonRecord } from '../board/records/person';
import { insertRecord, recordMap, setFields, transact } from './data';
import type { ToolData } from './types';

export type { PersonRecord } from '../board/records/person';

/** Every valid person, by id. */
export function readPeopleMap(people: Collection): Map<string, PersonRecord> {
	return new Map(readRecords(people, PersonSchema).map((p) => [p.id, p]));
}

/** Up to two initials of a name ("Plejefamilien Holm" → "PH"). */
export function initials(name: string): string {
	const words = name
		.replace(/[()]/g, ' ')
		.split(/[\s-]+/)
		.filter((w) => /\p{L}/u.test(w));
	const letters = words.map((w) => [...w].find((c) => /\p{L}/u.test(c)) ?? '');
	if (letters.length === 0) return '?';
	if (letters.length === 1) return [...(words[0] ?? '')].slice(0, 2).join('').toUpperCase();
	return ((letters[0] ?? '') + (letters.at(-1) ?? '')).toUpperCase();
}

/** What a person is to the case, in words: relation or professional title. */
export function roleOf(person: PersonRecord): string {
	return person.relation || person.title || '';
}

export interface NewPerson {
	id: string;
	name: string;
	sex?: PersonRecord['sex'];
	birthYear?: number | null;
	deathYear?: number | null;
	relation?: string;
	title?: string;
	note?: string;
}

/** Checks a person's fields; returns the message keys of what is wrong. */
export function personProblems(p: Partial<NewPerson>): string[] {
	const problems: string[] = [];
	if (!p.name || !p.name.trim()) problems.push('tools.person.nameMissing');
	else if (p.name.length > 200) problems.push('tools.person.nameLong');
	const yearOk = (y: number | null | undefined) =>
		y === null || y === undefined || (Number.isInteger(y) && y >= 1850 && y <= 2100);
	if (!yearOk(p.birthYear) || !yearOk(p.deathYear)) problems.push('tools.person.yearRange');
	if (
		typeof p.birthYear === 'number' &&
		typeof p.deathYear === 'number' &&
		p.deathYear < p.birthYear
	)
		problems.push('tools.person.deathBeforeBirth');
	return problems;
}

/** Adds a person to the registry (inside the caller's transaction, or its own). */
export function addPerson(
	data: ToolData,
	person: NewPerson,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	if (personProblems(person).length > 0) return;
	transact(
		data,
		() => {
			if (data.people.has(person.id)) return;
			insertRecord(data.people, person.id, {
				name: person.name.trim(),
				sex: person.sex ?? 'unknown',
				birthYear: person.birthYear ?? undefined,
				deathYear: person.deathYear ?? undefined,
				relation: person.relation || undefined,
				title: person.title || undefined,
				note: person.note || undefined
			});
		},
		origin
	);
}

/** Changes fields of a person; invalid values change nothing. */
export function updatePerson(
	data: ToolData,
	id: string,
	fields: Partial<Omit<NewPerson, 'id'>>,
	origin: BoardOrigin = LOCAL_ORIGIN
): void {
	const map = recordMap(data.people, id);
	if (!map) return;
	const current = v.safeParse(PersonSchema, Object.assign({}, map.toJSON(), { id }));
	const next = { ...(current.success ? current.output : { name: '' }), ...fields };
	if (personProblems(next).length > 0) return;
	const patch: Record<string, unknown> = { ...fields };
	if (typeof fields.name === 'string') patch.name = fields.name.trim();
	transact(data, () => setFields(map, patch), origin);
}
