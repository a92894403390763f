import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendHeadings, minutesHeadings, readMinutes } from './read';

function block(type: string, text: string, attrs: Record<string, unknown> = {}) {
	const el = new Y.XmlElement(type);
	for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value as string);
	el.insert(0, [new Y.XmlText(text)]);
	return el;
}

function minutesDoc(): Y.Doc {
	const doc = new Y.Doc();
	const list = new Y.XmlElement('bulletList');
	const item = new Y.XmlElement('listItem');
	item.insert(0, [block('paragraph', 'Sara trives')]);
	list.insert(0, [item]);
	const bold = new Y.XmlText();
	bold.insert(0, 'Line ');
	bold.insert(5, 'kæmper', { bold: true });
	const para = new Y.XmlElement('paragraph');
	para.insert(0, [bold]);
	doc
		.getXmlFragment('minutes')
		.insert(0, [
			block('heading', 'Det talte vi om', { level: 2 }),
			para,
			block('paragraph', ''),
			block('decision', 'Samvær hver anden uge.'),
			block('agreement', 'Jonas ringer til skolen.', { who: 'Jonas', due: '2026-03-01' }),
			list,
			new Y.XmlElement('horizontalRule')
		]);
	return doc;
}

describe('readMinutes', () => {
	it('reads the blocks the editor writes, formatting as plain text, empty paragraphs dropped', () => {
		expect(readMinutes(minutesDoc().getXmlFragment('minutes'))).toEqual([
			{ type: 'heading', level: 2, text: 'Det talte vi om' },
			{ type: 'paragraph', text: 'Line kæmper' },
			{ type: 'decision', text: 'Samvær hver anden uge.' },
			{ type: 'agreement', text: 'Jonas ringer til skolen.', who: 'Jonas', due: '2026-03-01' },
			{ type: 'item', text: 'Sara trives', depth: 0, marker: '•' },
			{ type: 'rule' }
		]);
	});

	it('reads an empty or odd fragment without throwing', () => {
		const doc = new Y.Doc();
		expect(readMinutes(doc.getXmlFragment('minutes'))).toEqual([]);
		doc.getXmlFragment('minutes').insert(0, [block('somethingNew', 'Tekst')]);
		expect(readMinutes(doc.getXmlFragment('minutes'))).toEqual([
			{ type: 'paragraph', text: 'Tekst' }
		]);
	});
});

describe('appendHeadings', () => {
	it('adds the agenda items as headings once, each with a paragraph to write in', () => {
		const doc = minutesDoc();
		const fragment = doc.getXmlFragment('minutes');
		expect(appendHeadings(fragment, ['Velkommen', 'Det talte vi om', ' Aftaler '])).toBe(2);
		expect(minutesHeadings(fragment)).toEqual(['Det talte vi om', 'Velkommen', 'Aftaler']);
		expect(appendHeadings(fragment, ['Velkommen', 'aftaler'])).toBe(0);
		const last = fragment.get(fragment.length - 1) as Y.XmlElement;
		expect(last.nodeName).toBe('paragraph');
		const heading = fragment.get(fragment.length - 2) as Y.XmlElement;
		expect(heading.getAttribute('level')).toBe(2);
	});
});
