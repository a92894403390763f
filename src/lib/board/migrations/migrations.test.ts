/**
 * Migrations against golden fixtures in tests/fixtures/: `board-v0.yjs` is a stored document of
 * the pre-release shape (one Yjs update), `board-v1.yjs` a stored v1 board. Regenerate them only
 * deliberately: `UPDATE_FIXTURES=1 npx vitest run --project unit src/lib/board/migrations`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initBoard, nested, readElements, readMeta, schemaVersionOf, timeline } from '../doc';
import { SCHEMA_VERSION } from '../keys';
import { createElement, placeToolFrame } from '../ops/elements';
import { toolData } from '../../tools/data';
import { readTimeline } from '../../tools/timeline/model';
import { addEvent } from '../../tools/timeline/ops';
import { MIGRATION_ORIGIN } from '../origin';
import { migrateBoard, pendingMigrations, storedVersion } from './index';

const FIXTURES = resolve(import.meta.dirname, '../../../../tests/fixtures');
const V0 = resolve(FIXTURES, 'board-v0.yjs');
const V1 = resolve(FIXTURES, 'board-v1.yjs');
const V2 = resolve(FIXTURES, 'board-v2.yjs');

function makeV0(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1000;
	const items = doc.getArray<unknown>('items');
	doc.transact(() => {
		const note = new Y.Map<unknown>();
		items.push([note]);
		for (const [k, v] of Object.entries({
			id: 'n1',
			kind: 'note',
			x: 10,
			y: 20,
			width: 200,
			height: 180,
			text: 'Velkommen',
			color: 'yellow'
		}))
			note.set(k, v);
		items.push([
			{ id: 'l1', kind: 'label', x: 300, y: 20, width: 400, height: 60, text: 'Dagsorden' }
		]);
		items.push([{ id: 'b1', kind: 'box', x: 0, y: 300, width: 120, height: 80 }]);
		items.push([
			{ id: 'a1', kind: 'line', x: 110, y: 110, width: 200, height: 0, fromId: 'n1', toId: 'l1' }
		]);
		items.push([{ kind: 'note', text: 'no id: dropped' }, { id: 'x1', kind: 'hologram' }, 'junk']);
	});
	return Y.encodeStateAsUpdate(doc);
}

function makeV1(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1001;
	initBoard(doc, { caseId: 'case', meetingId: 'meeting', title: 'Golden v1' }, MIGRATION_ORIGIN);
	createElement(doc, {
		id: 's1',
		type: 'sticky',
		x: 0,
		y: 0,
		w: 220,
		h: 220,
		color: 'yellow',
		text: 'Punkt 1',
		createdAt: 1
	});
	createElement(doc, {
		id: 't1',
		type: 'text',
		x: 0,
		y: -100,
		w: 600,
		h: 60,
		text: 'Velkommen',
		createdAt: 2
	});
	createElement(doc, {
		id: 'a1',
		type: 'arrow',
		x: 0,
		y: 0,
		points: [0, 0, 1, 1],
		from: 't1',
		to: 's1',
		createdAt: 3
	});
	return Y.encodeStateAsUpdate(doc);
}

function makeV2(): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1002;
	initBoard(doc, { caseId: 'case', meetingId: 'meeting', title: 'Golden v2' }, MIGRATION_ORIGIN);
	createElement(doc, {
		id: 's1',
		type: 'sticky',
		x: 0,
		y: 0,
		w: 220,
		h: 220,
		text: 'Punkt',
		createdAt: 1
	});
	placeToolFrame(doc, { tool: 'timeline', x: 400, y: 0, w: 2000, h: 980 });
	addEvent(toolData(doc, 'timeline'), 'e1', {
		title: 'Anbringelse',
		date: '2025-10',
		ongoing: true,
		category: 'anbringelse'
	});
	return Y.encodeStateAsUpdate(doc);
}

function load(path: string, make: () => Uint8Array): Y.Doc {
	if (process.env.UPDATE_FIXTURES || !existsSync(path)) writeFileSync(path, make());
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(path)));
	return doc;
}

describe('board migrations', () => {
	it('upgrades the golden v0 document to the current version', () => {
		const doc = load(V0, makeV0);
		expect(storedVersion(doc)).toBe(0);
		const all = [
			'board/0001-elements-map',
			'board/0002-tool-frames',
			'board/0004-genogram-child-links'
		];
		expect(pendingMigrations(doc).map((m) => m.id)).toEqual(all);
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		const result = migrateBoard(doc, undefined, 123);
		expect(result).toEqual({ status: 'migrated', applied: all });
		expect(origins).toEqual([MIGRATION_ORIGIN]);
		expect(schemaVersionOf(doc)).toBe(SCHEMA_VERSION);
		expect(readMeta(doc)?.schemaVersion).toBe(SCHEMA_VERSION);
		const els = readElements(doc);
		expect(els.map((e) => [e.id, e.type, e.text])).toEqual([
			['n1', 'sticky', 'Velkommen'],
			['l1', 'text', 'Dagsorden'],
			['b1', 'rect', ''],
			['a1', 'arrow', '']
		]);
		expect(els[3]).toMatchObject({ from: 'n1', to: 'l1', points: [0, 0, 200, 0] });
		expect(doc.getArray('items').length).toBe(0);
		expect(nested(timeline(doc), 'events')).not.toBeNull();
		expect((doc.getMap('meta').get('migrations') as Y.Map<number>).toJSON()).toEqual({
			'board/0001-elements-map': 123,
			'board/0002-tool-frames': 123,
			'board/0004-genogram-child-links': 123
		});
		expect(migrateBoard(doc).status).toBe('current');
	});

	it('migrating on two replicas converges to the same board', () => {
		const a = load(V0, makeV0);
		const b = load(V0, makeV0);
		migrateBoard(a);
		migrateBoard(b);
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(readElements(a)).toEqual(readElements(b));
		expect(readElements(a)).toHaveLength(4);
	});

	it('upgrades the golden v1 document to v2, keeping everything', () => {
		const doc = load(V1, makeV1);
		expect(storedVersion(doc)).toBe(1);
		expect(migrateBoard(doc, undefined, 5)).toEqual({
			status: 'migrated',
			applied: ['board/0002-tool-frames', 'board/0004-genogram-child-links']
		});
		expect(schemaVersionOf(doc)).toBe(2);
		expect(readElements(doc).map((e) => e.id)).toEqual(['s1', 't1', 'a1']);
		expect(migrateBoard(doc)).toEqual({ status: 'current', applied: [] });
	});

	it('reads the golden v2 document (a tool frame and its timeline) as current and valid', () => {
		const doc = load(V2, makeV2);
		expect(migrateBoard(doc)).toEqual({ status: 'current', applied: [] });
		expect(readElements(doc).map((e) => [e.id, e.type, e.tool])).toEqual([
			['s1', 'sticky', undefined],
			['tool-timeline', 'tool', 'timeline']
		]);
		const model = readTimeline(toolData(doc, 'timeline'), '2026-12-01');
		expect(model.events.map((e) => [e.title, e.date])).toEqual([['Anbringelse', '2025-10']]);
	});

	it('runs every migration of one version step, in registry order', () => {
		const doc = load(V1, makeV1);
		const ran: string[] = [];
		const step = (id: string) => ({ id, from: 1, to: 2, up: () => void ran.push(id) });
		const result = migrateBoard(doc, [step('board/a'), step('board/b')]);
		expect(result).toEqual({ status: 'migrated', applied: ['board/a', 'board/b'] });
		expect(ran).toEqual(['board/a', 'board/b']);
	});

	it('leaves empty documents alone and refuses newer ones', () => {
		expect(migrateBoard(new Y.Doc()).status).toBe('empty');
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		expect(migrateBoard(doc)).toMatchObject({ status: 'newer', version: SCHEMA_VERSION + 1 });
	});
});
