import { describe, expect, it } from 'vitest';
import { compareOrder, isValidKey, keyBetween, keysBetween } from './order';

describe('fractional order', () => {
	it('generates keys strictly between neighbours', () => {
		const a = keyBetween(null, null);
		const b = keyBetween(a, null);
		const mid = keyBetween(a, b);
		expect(a < mid && mid < b).toBe(true);
		const many = keysBetween(a, b, 5);
		expect([...many].sort()).toEqual(many);
		expect(many.every((k) => k > a && k < b)).toBe(true);
	});
	it('tolerates equal and invalid neighbours', () => {
		const a = keyBetween(null, null);
		expect(keyBetween(a, a) > a).toBe(true);
		expect(isValidKey(keyBetween('not a key', null))).toBe(true);
		expect(isValidKey('a0')).toBe(true);
		expect(isValidKey('')).toBe(false);
	});
	it('breaks ties by id', () => {
		const list = [
			{ id: 'b', order: 'a1' },
			{ id: 'a', order: 'a1' },
			{ id: 'c', order: 'a0' }
		].sort(compareOrder);
		expect(list.map((x) => x.id)).toEqual(['c', 'a', 'b']);
	});
});
