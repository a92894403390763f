import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translator } from '../../i18n';
import { readGenogram } from './model';
import {
	addBond,
	addHousehold,
	addMember,
	addRelative,
	moveChild,
	removeMember,
	setTwin,
	updateChildLink,
	updatePersonFields,
	updateUnion
} from './ops';
import { demoBoard, emptyBoard, person, YEAR } from './test-helpers';

const da = translator('da');

/** The document's whole content, to show that a refused op wrote nothing. */
const state = (doc: Y.Doc) => Y.encodeStateVector(doc).join();

describe('genogram ops', () => {
	it('adds a person as child, partner, parent and sibling of another', () => {
		const { data } = emptyBoard();
		const line = person('Line', 'female', 1992);
		expect(addMember(data, line)).toEqual({ ok: true, id: line.person.id });
		const sara = person('Sara', 'female', 2017);
		expect(addRelative(data, line.person.id, 'child', sara, 'u1').ok).toBe(true);
		const carsten = person('Carsten', 'male', 1988);
		// The unknown other parent's place is filled by the new partner.
		expect(addRelative(data, line.person.id, 'partner', carsten, 'u2').ok).toBe(true);
		const birgit = person('Birgit', 'female', 1965);
		expect(addRelative(data, line.person.id, 'parent', birgit, 'u3').ok).toBe(true);
		const mikkel = person('Mikkel', 'male', 2022);
		expect(addRelative(data, sara.person.id, 'sibling', mikkel, 'u4').ok).toBe(true);
		const model = readGenogram(data, YEAR);
		expect(model.members.size).toBe(5);
		const couple = model.unions.find((u) => u.id === 'u1')!;
		expect(couple.partners).toEqual([line.person.id, carsten.person.id]);
		expect(couple.children.map((l) => l.child)).toEqual([sara.person.id, mikkel.person.id]);
		expect(model.unions.find((u) => u.id === 'u3')!.children.map((l) => l.child)).toEqual([
			line.person.id
		]);
		expect(model.registry.get(birgit.person.id)?.name).toBe('Birgit');
	});

	it('keeps children in birth order, by year when known, else after the sibling', () => {
		const { data } = emptyBoard();
		const mother = person('Mor', 'female', 1980);
		addMember(data, mother);
		const c2010 = person('B', 'male', 2010);
		const c2005 = person('A', 'female', 2005);
		addRelative(data, mother.person.id, 'child', c2010, 'u1');
		addRelative(data, mother.person.id, 'child', c2005, 'u1');
		const noYear = person('C', 'male');
		addRelative(data, c2005.person.id, 'sibling', noYear, 'x');
		const order = () => readGenogram(data, YEAR).unions[0]!.children.map((l) => l.child);
		expect(order()).toEqual([c2005.person.id, noYear.person.id, c2010.person.id]);
		moveChild(data, 'u1', c2010.person.id, -1);
		expect(order()).toEqual([c2005.person.id, c2010.person.id, noYear.person.id]);
	});

	it('refuses impossible structures with a Danish message and changes nothing', () => {
		const { doc, data } = demoBoard();
		const before = state(doc);
		const refusals = [
			// Line as Birgit's parent: Line would be her own grandparent.
			addRelative(data, 'person-birgit', 'parent', { existing: 'person-line' }, 'x1'),
			// Sara as a biological child of Birgit too: two sets of biological parents.
			addRelative(data, 'person-birgit', 'child', { existing: 'person-sara' }, 'x2'),
			// A third parent for Sara.
			addRelative(data, 'person-sara', 'parent', person('Tredje', 'male', 1980), 'x3'),
			// Sara as her own partner, Line as partner of her daughter.
			addRelative(data, 'person-sara', 'partner', { existing: 'person-sara' }, 'x4'),
			addRelative(data, 'person-line', 'partner', { existing: 'person-sara' }, 'x5'),
			// Bad input: no name.
			addRelative(data, 'person-line', 'child', { person: { id: 'p', name: ' ' } }, 'x6')
		];
		const keys = refusals.map((r) => (r.ok ? 'ok' : r.problems[0]));
		expect(keys).toEqual([
			'genogram.error.ownAncestor',
			'genogram.error.twoBiological',
			'genogram.error.twoParents',
			'genogram.error.selfPartner',
			'genogram.error.partnerRelative',
			'tools.person.nameMissing'
		]);
		for (const key of keys) expect(da(key as never)).toMatch(/[a-zæøå]{3}/);
		expect(da('genogram.error.ownAncestor')).toContain('sin egen forfader');
		expect(
			updateUnion(data, 'geno-union-line-carsten', { startYear: 2030, endYear: 2020 })
		).toEqual(['genogram.error.endBeforeStart']);
		expect(updatePersonFields(data, 'person-line', { birthYear: 1700 })).toEqual([
			'tools.person.yearRange'
		]);
		expect(updateChildLink(data, 'geno-union-holm', 'person-sara', { kind: 'biological' })).toEqual(
			['genogram.error.twoBiological']
		);
		expect(state(doc)).toBe(before);
	});

	it('an adopted child may join a second parent set, a foster child several', () => {
		const { data } = demoBoard();
		expect(
			addRelative(data, 'person-birgit', 'child', { existing: 'person-sara', kind: 'adopted' }, 'x')
				.ok
		).toBe(true);
		const other = person('Plejefamilien Dahl', 'unknown');
		expect(
			addRelative(data, 'person-sara', 'parent', { ...other, kind: 'foster' }, 'u-dahl').ok
		).toBe(true);
		const links = readGenogram(data, YEAR).parentsOf.get('person-sara')!;
		expect(links.map((l) => l.kind).sort()).toEqual(['adopted', 'biological', 'foster', 'foster']);
	});

	it('twins share their parents', () => {
		const { data } = demoBoard();
		expect(
			setTwin(data, 'geno-union-line-carsten', 'person-sara', 'person-mikkel', true, 'tw')
		).toEqual([]);
		const kids = readGenogram(data, YEAR).unions.find(
			(u) => u.id === 'geno-union-line-carsten'
		)!.children;
		expect(kids.map((l) => [l.twin, l.identical])).toEqual([
			['tw', true],
			['tw', true]
		]);
		expect(
			setTwin(data, 'geno-union-line-carsten', 'person-sara', 'person-birgit', false, 'tw2')
		).toEqual(['genogram.error.twinsShareParents']);
	});

	it('removing a person leaves no dangling union, child link, bond or household member', () => {
		const { data } = demoBoard();
		removeMember(data, 'person-carsten');
		removeMember(data, 'person-holm');
		const model = readGenogram(data, YEAR);
		const members = new Set(model.members.keys());
		expect(members.has('person-carsten')).toBe(false);
		const raw = data.root.toJSON() as {
			unions: Record<string, { a?: string; b?: string; children: Record<string, unknown> }>;
			bonds: Record<string, { a: string; b: string }>;
			households: Record<string, { members: Record<string, true> }>;
		};
		for (const u of Object.values(raw.unions)) {
			for (const p of [u.a, u.b]) if (p) expect(members.has(p)).toBe(true);
			for (const c of Object.keys(u.children)) expect(members.has(c)).toBe(true);
			// No union is left joining nobody.
			expect(Object.keys(u.children).length > 0 || (u.a && u.b)).toBeTruthy();
		}
		expect(raw.unions['geno-union-carstens-far']).toBeUndefined();
		expect(raw.unions['geno-union-holm']).toBeUndefined();
		for (const b of Object.values(raw.bonds))
			expect(members.has(b.a) && members.has(b.b)).toBe(true);
		for (const h of Object.values(raw.households))
			for (const m of Object.keys(h.members)) expect(members.has(m)).toBe(true);
		// Line keeps her children, whose other parent is now unknown; the registry keeps Carsten.
		expect(model.unions.find((u) => u.id === 'geno-union-line-carsten')?.partners).toEqual([
			'person-line'
		]);
		expect(model.registry.has('person-carsten')).toBe(true);
	});

	it('bonds and households need members', () => {
		const { data } = demoBoard();
		expect(addBond(data, 'b1', { a: 'person-line', b: 'person-line', kind: 'close' })).toEqual([
			'genogram.error.bondSelf'
		]);
		expect(addBond(data, 'b2', { a: 'person-line', b: 'nobody', kind: 'close' })).toEqual([
			'genogram.error.personMissing'
		]);
		expect(addBond(data, 'b3', { a: 'person-carsten', b: 'person-sara', kind: 'abuse' })).toEqual(
			[]
		);
		expect(addHousehold(data, 'h1', { name: 'Line', members: ['person-line'] })).toEqual([]);
		const model = readGenogram(data, YEAR);
		expect(model.bonds.find((b) => b.id === 'b3')).toMatchObject({
			a: 'person-carsten',
			b: 'person-sara'
		});
		expect(model.households.map((h) => h.id).sort()).toEqual(['geno-household-holm', 'h1']);
	});
});
