import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	elements,
	initBoard,
	isNewerSchema,
	people,
	readElements,
	readMeta,
	readPeople,
	schemaVersionOf,
	sos,
	goals,
	timeline,
	nested
} from './doc';
import { SCHEMA_VERSION } from './keys';
import { createElement } from './ops/elements';
import { toolData } from '../tools/data';
import { readGoals } from '../tools/goals/model';
import { readSos } from '../tools/sos/model';

describe('board accessors', () => {
	it('initBoard stamps the schema version and creates nested maps once', () => {
		const doc = new Y.Doc();
		initBoard(doc, { caseId: 'c1', meetingId: 'm1', title: 'Netværksmøde' });
		expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
		expect(readMeta(doc)).toMatchObject({
			schemaVersion: SCHEMA_VERSION,
			caseId: 'c1',
			title: 'Netværksmøde'
		});
		const events = nested(timeline(doc), 'events');
		initBoard(doc, { title: 'other' });
		expect(nested(timeline(doc), 'events')).toBe(events);
		expect(readMeta(doc)?.title).toBe('Netværksmøde');
	});

	it('reading an empty document writes nothing', () => {
		const doc = new Y.Doc();
		let updates = 0;
		doc.on('update', () => updates++);
		expect(readElements(doc)).toEqual([]);
		expect(people(doc).size).toBe(0);
		expect(readGoals(toolData(doc, 'goals')).goals).toEqual([]);
		expect(readSos(toolData(doc, 'sos')).cards).toEqual([]);
		expect(updates).toBe(0);
	});

	it('skips invalid and unknown records instead of throwing', () => {
		const doc = new Y.Doc();
		initBoard(doc);
		createElement(doc, { id: 'ok', type: 'sticky', x: 1, y: 2, w: 100, h: 100, text: 'Hej' });
		doc.transact(() => {
			const bad = new Y.Map<unknown>();
			elements(doc).set('bad', bad);
			bad.set('type', 'hologram');
			bad.set('x', 0);
			const nan = new Y.Map<unknown>();
			elements(doc).set('nan', nan);
			for (const [k, v] of Object.entries({
				type: 'rect',
				x: Number.NaN,
				y: 0,
				w: 1,
				h: 1,
				z: 'a0'
			}))
				nan.set(k, v);
			(elements(doc) as Y.Map<unknown>).set('plain', 'not a map');
			const p = new Y.Map<unknown>();
			people(doc).set('p1', p);
			p.set('name', 'Line');
			p.set('birthYear', 1992);
			const p2 = new Y.Map<unknown>();
			people(doc).set('p2', p2);
			p2.set('name', 42);
			const items = nested(sos(doc), 'items');
			const item = new Y.Map<unknown>();
			items?.set('s1', item);
			item.set('column', 'worries');
			item.set('text', new Y.Text('Bekymring'));
			item.set('order', 'a0');
			const broken = new Y.Map<unknown>();
			items?.set('s2', broken);
			broken.set('column', 'somewhere');
			const goal = new Y.Map<unknown>();
			goals(doc).set('g1', goal);
			goal.set('title', 'Komme til tiden');
			goal.set('order', 'a0');
			const steps = new Y.Map<unknown>();
			goal.set('steps', steps);
			steps.set('st1', { text: 'Vækkeur', order: 'a0', done: true });
			steps.set('st2', { text: 5 });
		});
		expect(readElements(doc).map((e) => e.id)).toEqual(['ok']);
		expect(readElements(doc)[0]?.text).toBe('Hej');
		expect(readPeople(doc)).toEqual([
			expect.objectContaining({ id: 'p1', name: 'Line', sex: 'unknown' })
		]);
		expect(readSos(toolData(doc, 'sos')).cards.map((i) => [i.id, i.text])).toEqual([
			['s1', 'Bekymring']
		]);
		const read = readGoals(toolData(doc, 'goals')).goals;
		expect(read.map((g) => g.status)).toEqual(['active']);
		expect(read[0]?.steps.map((s) => s.id)).toEqual(['st1']);
	});

	it('recognises a newer schema', () => {
		const doc = new Y.Doc();
		initBoard(doc);
		expect(isNewerSchema(doc)).toBe(false);
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(isNewerSchema(doc)).toBe(true);
	});
});
