import { describe, expect, it } from 'vitest';
import { diffText } from './text-diff';

describe('diffText', () => {
	it('returns null for equal strings', () => expect(diffText('abc', 'abc')).toBeNull());
	it('finds an insertion in the middle', () =>
		expect(diffText('hello world', 'hello big world')).toEqual({
			index: 6,
			deleteCount: 0,
			insert: 'big '
		}));
	it('finds a deletion and a replacement', () => {
		expect(diffText('abcdef', 'abef')).toEqual({ index: 2, deleteCount: 2, insert: '' });
		expect(diffText('abcdef', 'abXYef')).toEqual({ index: 2, deleteCount: 2, insert: 'XY' });
	});
	it('uses the cursor to place a repeated letter', () =>
		expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' }));
	it('does not split surrogate pairs', () => {
		const splice = diffText('a😀', 'a😃');
		expect(splice).toEqual({ index: 1, deleteCount: 2, insert: '😃' });
	});
	it('applying the splice gives the new text', () => {
		const cases: [string, string][] = [
			['', 'x'],
			['x', ''],
			['Æble og pære', 'Æbler og pærer'],
			['aaaa', 'aa']
		];
		for (const [a, b] of cases) {
			const s = diffText(a, b);
			const out = s ? a.slice(0, s.index) + s.insert + a.slice(s.index + s.deleteCount) : a;
			expect(out).toBe(b);
		}
	});
});
