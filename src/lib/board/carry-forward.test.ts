import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { carryForward } from './carry-forward';
import { initBoard, minutes, people, readPeople, timeline } from './doc';
import { createElements, placeToolFrame } from './ops/elements';

function previousBoard(): Y.Doc {
	const doc = new Y.Doc();
	initBoard(doc, { title: 'Opstartsmøde' });
	doc.transact(() => {
		const line = new Y.Map<unknown>();
		people(doc).set('person-line', line);
		line.set('name', 'Line');
		line.set('relation', 'mor');
		const events = timeline(doc).get('events') as Y.Map<Y.Map<unknown>>;
		const event = new Y.Map<unknown>();
		events.set('ev-1', event);
		event.set('title', 'Anbringelse');
		event.set('note', new Y.Text('Sara og Mikkel flyttede til familien Holm.'));
		doc.getMap('goals').set('goal-1', new Y.Map<unknown>([['title', 'Samvær hver uge']]));
		doc.getMap('sos').set('items', new Y.Map());
		minutes(doc).insert(0, [new Y.XmlElement('paragraph')]);
	});
	createElements(doc, [{ id: 'n1', type: 'sticky', x: 0, y: 0, text: 'Kun dette møde' }]);
	placeToolFrame(doc, { tool: 'timeline', x: 900, y: 0, w: 2000, h: 980 });
	return doc;
}

describe('carryForward', () => {
	it('copies people, timeline, genogram, network, goals and the tool frames, but not what belongs to one meeting', () => {
		const before = previousBoard();
		const next = new Y.Doc();
		next.transact(() => {
			initBoard(next, { title: 'Netværksmøde' });
			carryForward(before, next);
		});
		expect(readPeople(next).map((p) => p.name)).toEqual(['Line']);
		const event = (timeline(next).get('events') as Y.Map<Y.Map<unknown>>).get('ev-1')!;
		expect(event.get('title')).toBe('Anbringelse');
		expect(String(event.get('note'))).toBe('Sara og Mikkel flyttede til familien Holm.');
		expect((next.getMap('goals').get('goal-1') as Y.Map<unknown>).get('title')).toBe(
			'Samvær hver uge'
		);
		expect([...next.getMap('elements').keys()]).toEqual(['tool-timeline']);
		expect((next.getMap('elements').get('tool-timeline') as Y.Map<unknown>).get('x')).toBe(900);
		expect(minutes(next).length).toBe(0);
		expect(next.getMap('meta').get('title')).toBe('Netværksmøde');
	});

	it('makes an independent copy: editing the new board leaves the old one as it was', () => {
		const before = previousBoard();
		const next = new Y.Doc();
		next.transact(() => carryForward(before, next));
		(people(next).get('person-line') as Y.Map<unknown>).set('name', 'Line Jensen');
		const note = (timeline(next).get('events') as Y.Map<Y.Map<unknown>>)
			.get('ev-1')!
			.get('note') as Y.Text;
		note.insert(0, 'Marts: ');
		expect((people(before).get('person-line') as Y.Map<unknown>).get('name')).toBe('Line');
		const oldNote = (timeline(before).get('events') as Y.Map<Y.Map<unknown>>)
			.get('ev-1')!
			.get('note');
		expect(String(oldNote)).toBe('Sara og Mikkel flyttede til familien Holm.');
	});

	it('survives a round trip through a stored update', () => {
		const before = previousBoard();
		const next = new Y.Doc();
		next.transact(() => carryForward(before, next));
		const loaded = new Y.Doc();
		Y.applyUpdate(loaded, Y.encodeStateAsUpdate(next));
		expect(readPeople(loaded).map((p) => p.name)).toEqual(['Line']);
	});
});
