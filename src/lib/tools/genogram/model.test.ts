import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData } from '../data';
import { layoutGenogram } from './layout';
import { isAncestor, parentIndex, readGenogram, type GenogramModel } from './model';
import { addRelative, removeMember, updateChildLink } from './ops';
import { context, demoBoard, person, YEAR } from './test-helpers';

/** Two replicas of the demo board that exchange updates only when told to. */
function replicas() {
	const a = demoBoard().doc;
	const b = new Y.Doc();
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
	const sync = () => {
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	};
	return { a: toolData(a, 'genogram'), b: toolData(b, 'genogram'), sync };
}

/** What the validators promise of every model a view sees. */
export function expectValid(model: GenogramModel): void {
	const members = new Set(model.members.keys());
	const parents = parentIndex(model);
	for (const u of model.unions) {
		for (const p of u.partners) expect(members.has(p)).toBe(true);
		for (const l of u.children) {
			expect(members.has(l.child)).toBe(true);
			expect(u.partners).not.toContain(l.child);
		}
	}
	for (const [child, links] of model.parentsOf) {
		expect(links.filter((l) => l.kind === 'biological').length).toBeLessThanOrEqual(1);
		expect(isAncestor(parents, child, child)).toBe(false);
	}
	for (const b of model.bonds) expect(members.has(b.a) && members.has(b.b)).toBe(true);
	for (const h of model.households) for (const m of h.members) expect(members.has(m)).toBe(true);
	expect(() => layoutGenogram(model, { width: 1800, height: 1124 }, context)).not.toThrow();
}

describe('genogram model', () => {
	it('reads the demo family', () => {
		const model = readGenogram(demoBoard().data, YEAR);
		expect([...model.members.keys()].sort()).toEqual(
			['birgit', 'carsten', 'carstens-far', 'holm', 'line', 'mikkel', 'sara'].map(
				(p) => `person-${p}`
			)
		);
		expect(model.members.get('person-sara')).toMatchObject({
			indexChild: true,
			placed: true,
			birthYear: YEAR - 9
		});
		expect(model.members.get('person-carstens-far')?.deceased).toBe(true);
		const couple = model.unions.find((u) => u.id === 'geno-union-line-carsten')!;
		expect(couple).toMatchObject({ kind: 'separated', startYear: YEAR - 11, endYear: YEAR - 2 });
		expect(couple.children.map((l) => l.child)).toEqual(['person-sara', 'person-mikkel']);
		expect(model.parentsOf.get('person-sara')!.map((l) => l.kind)).toEqual([
			'biological',
			'foster'
		]);
		expect(model.households[0]).toMatchObject({ name: 'Plejefamilien Holm', foster: true });
		expect(model.bonds.map((b) => b.kind).sort()).toEqual(['close', 'conflict', 'very-close']);
		expect(model.repaired).toEqual([]);
		expect(model.warnings).toEqual([]);
	});

	it('questions a parent younger than the child', () => {
		const { data } = demoBoard();
		const young = person('Ung', 'male', 2020);
		addRelative(data, 'person-birgit', 'parent', young, 'x');
		const model = readGenogram(data, YEAR);
		expect(model.warnings.map((w) => w.key)).toEqual(['genogram.warning.parentYounger']);
	});

	it('repairs what concurrent edits combine into: two biological parent sets, an ancestry cycle', () => {
		const { a, b, sync } = replicas();
		// Each client gives Birgit a new parent, then each links the other's new person the wrong way.
		addRelative(a, 'person-birgit', 'parent', person('Ane', 'female', 1930), 'ua');
		addRelative(b, 'person-line', 'child', { existing: 'person-birgit' }, 'ub-unused');
		sync();
		// Concurrently: A makes Sara a biological child of Birgit, B of Carsten's father.
		addRelative(a, 'person-birgit', 'child', { existing: 'person-sara', kind: 'adopted' }, 'x');
		updateChildLink(a, 'geno-union-birgit', 'person-sara', { kind: 'biological' });
		sync();
		for (const data of [a, b]) {
			const model = readGenogram(data, YEAR);
			expectValid(model);
		}
		expect(readGenogram(a, YEAR)).toEqual(readGenogram(b, YEAR));
	});

	it('one removes a person while another adds their child: both replicas end valid and equal', () => {
		const { a, b, sync } = replicas();
		removeMember(a, 'person-line');
		const child = person('Ny', 'female', 2025);
		expect(addRelative(b, 'person-line', 'child', child, 'u-new').ok).toBe(true);
		const partner = person('Ole', 'male', 1990);
		expect(addRelative(b, 'person-line', 'partner', partner, 'u-ole').ok).toBe(true);
		sync();
		const ma = readGenogram(a, YEAR);
		const mb = readGenogram(b, YEAR);
		expectValid(ma);
		expect(ma).toEqual(mb);
		expect(ma.members.has('person-line')).toBe(false);
		// The child and partner are kept (as people without that parent), not lost.
		expect(ma.members.has(child.person.id)).toBe(true);
	});

	it('random concurrent structural edits on two replicas always read as a valid genogram (property)', () => {
		const ids = ['sara', 'mikkel', 'line', 'carsten', 'birgit', 'carstens-far', 'holm'].map(
			(p) => `person-${p}`
		);
		const relation = fc.constantFrom('child', 'partner', 'parent', 'sibling' as const);
		const op = fc.record({
			side: fc.boolean(),
			remove: fc.boolean(),
			anchor: fc.constantFrom(...ids),
			other: fc.constantFrom(...ids),
			relation,
			kind: fc.constantFrom('biological', 'adopted', 'foster' as const)
		});
		fc.assert(
			fc.property(
				fc.array(op, { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 1, max: 4 }),
				(ops, every) => {
					const { a, b, sync } = replicas();
					ops.forEach((o, i) => {
						const data = o.side ? a : b;
						if (o.remove) removeMember(data, o.anchor);
						else
							addRelative(data, o.anchor, o.relation, { existing: o.other, kind: o.kind }, `u${i}`);
						if (i % every === 0) sync();
					});
					sync();
					const ma = readGenogram(a, YEAR);
					expectValid(ma);
					expect(ma).toEqual(readGenogram(b, YEAR));
				}
			),
			{ numRuns: 60 }
		);
	});

	it('skips records a bad peer wrote, and reads a v1 union children array', () => {
		const { doc, data } = demoBoard();
		doc.transact(() => {
			const unions = data.root.get('unions') as Y.Map<unknown>;
			unions.set('junk', 'not a map');
			const legacy = new Y.Map<unknown>();
			unions.set('legacy', legacy);
			legacy.set('a', 'person-birgit');
			legacy.set('children', ['person-holm', 42, 'nobody']);
			const bad = new Y.Map<unknown>();
			unions.set('bad', bad);
			bad.set('kind', 'polyamorous');
			(data.root.get('members') as Y.Map<unknown>).set('ghost', new Y.Map([['kind', 'alien']]));
			(data.root.get('bonds') as Y.Map<unknown>).set('b', new Y.Map([['a', 'person-line']]));
		});
		const model = readGenogram(data, YEAR);
		expect(model.members.has('ghost')).toBe(false);
		expect(model.unions.map((u) => u.id)).not.toContain('bad');
		expect(model.unions.find((u) => u.id === 'legacy')?.children.map((l) => l.child)).toEqual([
			'person-holm'
		]);
		expectValid(model);
	});
});
