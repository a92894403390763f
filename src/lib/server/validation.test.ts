import { describe, expect, it } from 'vitest';
import { parseMeetingTime, toLocalInputValue } from './validation';
import { parseMeetingInput } from './meetings';
import { InputError } from './validation';

describe('parseMeetingTime', () => {
	it('reads a local time as Danish time, winter and summer', () => {
		expect(parseMeetingTime('2026-12-10T13:00')?.toISOString()).toBe('2026-12-10T12:00:00.000Z');
		expect(parseMeetingTime('2026-06-10T13:00')?.toISOString()).toBe('2026-06-10T11:00:00.000Z');
	});

	it('accepts ISO times with a zone as they are', () => {
		expect(parseMeetingTime('2026-12-10T13:00:00Z')?.toISOString()).toBe(
			'2026-12-10T13:00:00.000Z'
		);
		expect(parseMeetingTime('2026-12-10T13:00:00+01:00')?.toISOString()).toBe(
			'2026-12-10T12:00:00.000Z'
		);
	});

	it.each([
		'',
		'10-12-2026 13:00',
		'2026-02-30T10:00',
		'2026-13-01T10:00',
		'2026-12-10T24:00',
		'2026-12-10',
		'i morgen'
	])('refuses %j', (value) => expect(parseMeetingTime(value)).toBeNull());

	it('round-trips through the datetime-local input value', () => {
		const date = parseMeetingTime('2026-03-29T09:30')!;
		expect(toLocalInputValue(date)).toBe('2026-03-29T09:30');
	});
});

describe('parseMeetingInput', () => {
	it('trims text and normalises agenda items', () => {
		const input = parseMeetingInput({
			title: '  Netværksmøde ',
			type: 'netvaerk',
			startsAt: '2026-12-10T13:00',
			agenda: ['Velkommen', { title: 'Aftaler', durationMinutes: 10 }]
		});
		expect(input.title).toBe('Netværksmøde');
		expect(input.place).toBe('');
		expect(input.internal).toBe(false);
		expect(input.agenda).toEqual([
			{ title: 'Velkommen', durationMinutes: undefined },
			{ title: 'Aftaler', durationMinutes: 10 }
		]);
	});

	it('reports one Danish message per field', () => {
		try {
			parseMeetingInput({ type: 'fest', startsAt: 'snart' });
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(InputError);
			expect((error as InputError).fields).toEqual({
				title: 'Skriv titel.',
				type: 'Vælg en mødetype.',
				startsAt: 'Dato og tidspunkt er ikke gyldige. Brug formatet 2026-11-30T14:00.'
			});
		}
	});

	it('refuses something that is not an object', () => {
		expect(() => parseMeetingInput('et møde')).toThrow(/JSON-objekt/);
		expect(() => parseMeetingInput(null)).toThrow(/JSON-objekt/);
	});
});
