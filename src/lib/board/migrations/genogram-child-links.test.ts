/**
 * `board/0004-genogram-child-links` on a v1-shaped genogram (golden fixture
 * `tests/fixtures/board-v1-genogram.yjs`): union children and household members as plain arrays,
 * v1's member flags `adopted` / `foster`, and some junk. Regenerate the fixture only deliberately:
 * `UPDATE_FIXTURES=1 npx vitest run --project unit src/lib/board/migrations`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toolData } from '../../tools/data';
import { readGenogram } from '../../tools/genogram/model';
import { canonicalBoard } from '../random-edits';
import { genogramChildLinks } from './genogram-child-links';
import { migrateBoard } from './index';

const FIXTURE = resolve(import.meta.dirname, '../../../../tests/fixtures/board-v1-genogram.yjs');

function v1Board(): Y.Doc {
	if (process.env.UPDATE_FIXTURES || !existsSync(FIXTURE))
		writeFileSync(FIXTURE, Y.encodeStateAsUpdate(makeV1()));
	const doc = new Y.Doc();
	Y.applyUpdate(doc, new Uint8Array(readFileSync(FIXTURE)));
	return doc;
}

function makeV1(): Y.Doc {
	const doc = new Y.Doc();
	doc.clientID = 4;
	doc.transact(() => {
		doc.getMap('meta').set('schemaVersion', 1);
		const people = doc.getMap<Y.Map<unknown>>('people');
		for (const [id, name] of [
			['line', 'Line'],
			['carsten', 'Carsten'],
			['sara', 'Sara'],
			['mikkel', 'Mikkel'],
			['liva', 'Liva']
		]) {
			const p = new Y.Map<unknown>();
			people.set(id!, p);
			p.set('name', name);
		}
		const genogram = doc.getMap<unknown>('genogram');
		const members = new Y.Map<unknown>();
		genogram.set('members', members);
		for (const id of ['line', 'carsten', 'sara', 'mikkel', 'liva']) {
			const m = new Y.Map<unknown>();
			members.set(id, m);
			if (id === 'sara') m.set('indexChild', true);
			if (id === 'mikkel') m.set('foster', true);
			if (id === 'liva') m.set('adopted', true);
		}
		const unions = new Y.Map<unknown>();
		genogram.set('unions', unions);
		const u = new Y.Map<unknown>();
		unions.set('u1', u);
		u.set('a', 'line');
		u.set('b', 'carsten');
		u.set('kind', 'separated');
		u.set('children', ['sara', 'mikkel', 'liva', 'sara', 7, '']);
		unions.set('broken', 'not a map');
		const empty = new Y.Map<unknown>();
		unions.set('u2', empty);
		empty.set('a', 'carsten');
		const households = new Y.Map<unknown>();
		genogram.set('households', households);
		const h = new Y.Map<unknown>();
		households.set('h1', h);
		h.set('name', 'Line');
		h.set('members', ['line', 'sara', null]);
	});
	return doc;
}

describe('board/0004-genogram-child-links', () => {
	it('turns union children and household members into maps keyed by person, in the old order', () => {
		const doc = v1Board();
		const result = migrateBoard(doc, undefined, 1);
		expect(result.applied).toContain('board/0004-genogram-child-links');
		const union = (doc.getMap('genogram').get('unions') as Y.Map<Y.Map<unknown>>).get('u1')!;
		const links = union.get('children') as Y.Map<Y.Map<unknown>>;
		expect(links).toBeInstanceOf(Y.Map);
		expect([...links.keys()].sort()).toEqual(['liva', 'mikkel', 'sara']);
		expect(links.get('mikkel')!.get('kind')).toBe('foster');
		expect(links.get('liva')!.get('kind')).toBe('adopted');
		const model = readGenogram(toolData(doc, 'genogram'), 2026);
		expect(model.unions.find((u) => u.id === 'u1')!.children.map((l) => [l.child, l.kind])).toEqual(
			[
				['sara', 'biological'],
				['mikkel', 'foster'],
				['liva', 'adopted']
			]
		);
		expect(model.households[0]!.members).toEqual(['line', 'sara']);
		expect(model.members.get('sara')!.indexChild).toBe(true);
		const members = doc.getMap('genogram').get('members') as Y.Map<Y.Map<unknown>>;
		expect(members.get('mikkel')!.has('foster')).toBe(false);
	});

	it('is deterministic: two replicas migrating on their own converge to the same board', () => {
		const a = v1Board();
		const b = new Y.Doc();
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		genogramChildLinks.up(a);
		genogramChildLinks.up(b);
		expect(canonicalBoard(a)).toBe(canonicalBoard(b));
		// Running it again changes nothing.
		const before = Y.encodeStateVector(a).join();
		genogramChildLinks.up(a);
		expect(Y.encodeStateVector(a).join()).toBe(before);
	});

	it('tolerates a document without a genogram', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', 1);
		expect(() => genogramChildLinks.up(doc)).not.toThrow();
	});
});
