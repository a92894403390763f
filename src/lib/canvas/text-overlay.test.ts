import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapPosition } from './text-overlay';

/** The delta of one remote change to a Y.Text, as the overlay's observer receives it. */
function deltaOf(initial: string, change: (t: Y.Text) => void): Y.YTextEvent['delta'] {
	const doc = new Y.Doc();
	const text = doc.getText('t');
	text.insert(0, initial);
	let delta: Y.YTextEvent['delta'] = [];
	text.observe((e) => (delta = e.delta));
	change(text);
	return delta;
}

describe('mapPosition (keeps the caret in place when others type)', () => {
	it('moves the caret right for insertions before it, not after it', () => {
		const insertBefore = deltaOf('Hej Line', (t) => t.insert(0, 'Åh, '));
		expect(mapPosition(insertBefore, 4)).toBe(8);
		const insertAfter = deltaOf('Hej Line', (t) => t.insert(8, '!'));
		expect(mapPosition(insertAfter, 4)).toBe(4);
	});
	it('moves the caret left for deletions before it and clamps inside them', () => {
		const del = deltaOf('Hej Line og Carsten', (t) => t.delete(0, 4));
		expect(mapPosition(del, 8)).toBe(4);
		const around = deltaOf('abcdef', (t) => t.delete(1, 4));
		expect(mapPosition(around, 3)).toBe(1);
	});
});
