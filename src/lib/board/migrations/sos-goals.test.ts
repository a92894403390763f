/**
 * board/0005 (Signs of Safety cards) and board/0006 (goals and steps) against a golden v1 board
 * with the v1 shapes of both tools: `tests/fixtures/board-v1-tools.yjs`. Regenerate it only
 * deliberately: `UPDATE_FIXTURES=1 npx vitest run --project unit src/lib/board/migrations`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData } from '../../tools/data';
import { readGoals } from '../../tools/goals/model';
import { toggleStep } from '../../tools/goals/ops';
import { readSos } from '../../tools/sos/model';
import { setCardText } from '../../tools/sos/ops';
import { schemaVersionOf } from '../doc';
import { canonicalBoard } from '../random-edits';
import { migrateBoard } from './index';

const FIXTURE = resolve(import.meta.dirname, '../../../../tests/fixtures/board-v1-tools.yjs');

function map(entries: Record<string, unknown>): Y.Map<unknown> {
	const m = new Y.Map<unknown>();
	for (const [k, v] of Object.entries(entries)) m.set(k, v);
	return m;
}

/** A v1 board as the v1 code wrote it, with the odd records an older or hostile peer leaves. */
function makeV1Tools(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1005;
	doc.transact(() => {
		doc.getMap('meta').set('schemaVersion', 1);
		const people = doc.getMap<unknown>('people');
		people.set('person-line', map({ name: 'Line', relation: 'mor', userId: 'demo-line' }));
		people.set(
			'person-anne',
			map({ name: 'Anne', title: 'myndighedsrådgiver', userId: 'demo-anne' })
		);
		const sos = doc.getMap<unknown>('sos');
		const items = new Y.Map<unknown>();
		sos.set('items', items);
		items.set(
			's-worry',
			map({ column: 'worries', kind: 'item', text: 'Aflyst samvær', voice: 'parent', order: 'a0' })
		);
		items.set(
			's-danger',
			map({
				column: 'worries',
				kind: 'danger',
				text: new Y.Text('Samvær aflyses uden varsel'),
				order: 'a1',
				disagreement: 'Line er uenig',
				ratings: { 'demo-line': 7, 'demo-anne': 4.4, 'someone-else': 5, 'demo-jonas': 12 }
			})
		);
		items.set(
			's-goal',
			map({
				column: 'next',
				kind: 'safety-goal',
				text: 'Samvær hver uge',
				order: 'a0',
				pairedWith: 's-danger'
			})
		);
		items.set('s-plain', { column: 'working', text: 'Mormor hjælper', order: 'a0' } as never);
		items.set('s-bad', map({ column: 'nowhere', text: 'x', order: 'a0' }));
		const scale = new Y.Map<unknown>();
		sos.set('scale', scale);
		scale.set('question', 'Hvor er vi?');
		const ratings = new Y.Map<unknown>();
		scale.set('ratings', ratings);
		ratings.set('demo-jonas', { id: 'demo-jonas', value: 5, group: 'professional', name: 'Jonas' });
		ratings.set('demo-x', { value: 'x', group: 'parent' });
		const goals = doc.getMap<unknown>('goals');
		const steps = new Y.Map<unknown>();
		goals.set('g1', map({ title: 'Komme til tiden', status: 'active', order: 'a0', steps }));
		steps.set('st1', { text: 'Vækkeur', order: 'a0', done: true });
		goals.set('g2', {
			title: 'Et mål som ren tekst',
			order: 'a1',
			steps: { st2: { text: 'Første trin', order: 'a0' } }
		} as never);
		goals.set('g3', map({ title: 'Uden trin', order: 'a2', status: 'paused' }));
		goals.set('junk', 42 as never);
	});
	return Y.encodeStateAsUpdate(doc);
}

function load(): Y.Doc {
	if (process.env.UPDATE_FIXTURES || !existsSync(FIXTURE)) writeFileSync(FIXTURE, makeV1Tools());
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(FIXTURE)));
	return doc;
}

describe('board/0005-sos-cards and board/0006-goals-steps', () => {
	it('bring the v1 Signs of Safety cards and ratings to v2', () => {
		const doc = load();
		const result = migrateBoard(doc);
		expect(result.status).toBe('migrated');
		expect(result.applied).toEqual(
			expect.arrayContaining(['board/0005-sos-cards', 'board/0006-goals-steps'])
		);
		expect(schemaVersionOf(doc)).toBe(2);
		const model = readSos(toolData(doc, 'sos'));
		expect(model.cards.map((c) => [c.id, c.column, c.kind, c.text])).toEqual([
			['s-worry', 'worries', 'worry', 'Aflyst samvær'],
			['s-danger', 'worries', 'danger', 'Samvær aflyses uden varsel'],
			['s-plain', 'working', 'strength', 'Mormor hjælper'],
			['s-goal', 'next', 'safety-goal', 'Samvær hver uge']
		]);
		const danger = model.cards[1]!;
		expect(danger.disagreement).toBe('Line er uenig');
		expect(danger.pairedWith).toBe('s-goal');
		// Ratings: the role group from the registry, whole numbers, unreadable ones left out.
		expect(danger.scale!.ratings).toEqual([
			{ key: 'demo-anne', value: 4, group: 'professional', name: '' },
			{ key: 'demo-line', value: 7, group: 'parent', name: '' }
		]);
		expect(model.overall.question).toBe('Hvor er vi?');
		expect(model.overall.ratings).toEqual([
			{ key: 'demo-jonas', value: 5, group: 'professional', name: 'Jonas' }
		]);
		const items = doc.getMap('sos').get('items') as Y.Map<Y.Map<unknown>>;
		for (const id of ['s-worry', 's-plain', 's-goal']) {
			expect(items.get(id)).toBeInstanceOf(Y.Map);
			expect(items.get(id)!.get('text')).toBeInstanceOf(Y.Text);
		}
		expect(items.get('s-goal')!.has('pairedWith')).toBe(false);
		expect(migrateBoard(doc).status).toBe('current');
	});

	it('bring the v1 goals and steps to v2: every goal and step a Y.Map, every goal its steps map', () => {
		const doc = load();
		migrateBoard(doc);
		const model = readGoals(toolData(doc, 'goals'));
		expect(model.goals.map((g) => [g.id, g.state, g.steps.map((s) => s.text)])).toEqual([
			['g1', 'active', ['Vækkeur']],
			['g2', 'active', ['Første trin']],
			['g3', 'paused', []]
		]);
		const goals = doc.getMap<unknown>('goals');
		for (const id of ['g1', 'g2', 'g3']) {
			const goal = goals.get(id) as Y.Map<unknown>;
			expect(goal).toBeInstanceOf(Y.Map);
			expect(goal.get('steps')).toBeInstanceOf(Y.Map);
		}
		expect(
			((goals.get('g1') as Y.Map<Y.Map<unknown>>).get('steps') as Y.Map<unknown>).get('st1')
		).toBeInstanceOf(Y.Map);
		expect(toggleStep(toolData(doc, 'goals'), 'g2', 'st2', true, '2026-12-01')).toBe(true);
		expect(goals.get('junk')).toBe(42);
	});

	it('migrating on two replicas converges, and migrated cards merge concurrent typing', () => {
		const a = load();
		const b = load();
		migrateBoard(a);
		migrateBoard(b);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(canonicalBoard(a)).toBe(canonicalBoard(b));
		expect(readSos(toolData(a, 'sos'))).toEqual(readSos(toolData(b, 'sos')));
		setCardText(toolData(a, 'sos'), 's-worry', 'text', 'Line: Aflyst samvær', 6);
		setCardText(toolData(b, 'sos'), 's-worry', 'text', 'Aflyst samvær tre gange');
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		for (const doc of [a, b])
			expect(readSos(toolData(doc, 'sos')).cards[0]!.text).toBe('Line: Aflyst samvær tre gange');
	});
});
