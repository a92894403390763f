/**
 * The minutes as plain blocks (pure, no Tiptap): read from the board's `minutes` Y.XmlFragment in
 * the shape the editor keeps (y-prosemirror: one Y.XmlElement per block, named after its node),
 * for the PDF, the meeting page and a parent's phone. Unknown nodes are read for their text;
 * nothing here throws on odd content.
 */
import * as Y from 'yjs';

export type MinutesBlock =
	| { type: 'heading'; level: number; text: string }
	| { type: 'paragraph'; text: string }
	| { type: 'decision'; text: string }
	| { type: 'agreement'; text: string; who: string; due: string }
	| { type: 'item'; text: string; depth: number; marker: string }
	| { type: 'quote'; text: string }
	| { type: 'rule' };

/** The text of a node: its XmlText runs, hard breaks as line breaks. */
function inlineText(node: Y.XmlElement | Y.XmlFragment): string {
	let out = '';
	for (const child of node.toArray()) {
		if (child instanceof Y.XmlText) {
			for (const op of child.toDelta() as { insert?: unknown }[])
				if (typeof op.insert === 'string') out += op.insert;
		} else if (child instanceof Y.XmlElement) {
			out += child.nodeName === 'hardBreak' ? '\n' : inlineText(child);
		}
	}
	return out;
}

function attr(el: Y.XmlElement, name: string): string {
	const value = el.getAttribute(name) as unknown;
	return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function readList(list: Y.XmlElement, depth: number, out: MinutesBlock[]): void {
	const ordered = list.nodeName === 'orderedList';
	const start = Number(attr(list, 'start')) || 1;
	let index = 0;
	for (const item of list.toArray()) {
		if (!(item instanceof Y.XmlElement)) continue;
		const marker = ordered ? `${start + index}.` : '•';
		index++;
		const parts: string[] = [];
		const nested: Y.XmlElement[] = [];
		for (const child of item.toArray()) {
			if (!(child instanceof Y.XmlElement)) continue;
			if (child.nodeName === 'bulletList' || child.nodeName === 'orderedList') nested.push(child);
			else parts.push(inlineText(child));
		}
		out.push({ type: 'item', text: parts.join('\n'), depth, marker });
		for (const child of nested) readList(child, depth + 1, out);
	}
}

function readBlock(el: Y.XmlElement, out: MinutesBlock[]): void {
	switch (el.nodeName) {
		case 'heading': {
			const level = Number(attr(el, 'level'));
			out.push({
				type: 'heading',
				level: level >= 1 && level <= 6 ? level : 2,
				text: inlineText(el)
			});
			return;
		}
		case 'decision':
			out.push({ type: 'decision', text: inlineText(el) });
			return;
		case 'agreement':
			out.push({
				type: 'agreement',
				text: inlineText(el),
				who: attr(el, 'who'),
				due: attr(el, 'due')
			});
			return;
		case 'bulletList':
		case 'orderedList':
			readList(el, 0, out);
			return;
		case 'blockquote':
			out.push({ type: 'quote', text: inlineText(el) });
			return;
		case 'horizontalRule':
			out.push({ type: 'rule' });
			return;
		default:
			out.push({ type: 'paragraph', text: inlineText(el) });
	}
}

/** The minutes' blocks in order. Empty paragraphs are dropped. */
export function readMinutes(fragment: Y.XmlFragment): MinutesBlock[] {
	const out: MinutesBlock[] = [];
	for (const child of fragment.toArray()) {
		if (child instanceof Y.XmlElement) readBlock(child, out);
		else if (child instanceof Y.XmlText)
			out.push({ type: 'paragraph', text: inlineText(fragment) });
	}
	return out.filter((b) => b.type === 'rule' || b.text.trim() !== '' || b.type === 'agreement');
}

/** The minutes' headings (to avoid adding an agenda heading twice). */
export function minutesHeadings(fragment: Y.XmlFragment): string[] {
	return readMinutes(fragment).flatMap((b) => (b.type === 'heading' ? [b.text.trim()] : []));
}

/**
 * Adds a level-2 heading for each title not yet a heading of the minutes, at the end, followed by
 * an empty paragraph to write in. Call inside a transaction. Returns how many it added.
 */
export function appendHeadings(fragment: Y.XmlFragment, titles: string[]): number {
	const have = new Set(minutesHeadings(fragment).map((h) => h.toLowerCase()));
	const blocks: Y.XmlElement[] = [];
	for (const title of titles) {
		const clean = title.trim();
		if (!clean || have.has(clean.toLowerCase())) continue;
		have.add(clean.toLowerCase());
		const heading = new Y.XmlElement('heading');
		heading.setAttribute('level', 2 as unknown as string);
		heading.insert(0, [new Y.XmlText(clean)]);
		blocks.push(heading, new Y.XmlElement('paragraph'));
	}
	if (blocks.length > 0) fragment.insert(fragment.length, blocks);
	return blocks.length / 2;
}
