import { describe, expect, it } from 'vitest';
import { liveState, type AttendanceEntry } from './attendance';

const entry = (state: AttendanceEntry['state'], presenceId: string | null): AttendanceEntry => ({
	personId: 'p',
	name: 'Birgit',
	relation: 'mormor',
	needed: false,
	state,
	presenceId
});

describe('the chosen on the live board', () => {
	it('is present while on the board, whatever the server said', () => {
		expect(liveState(entry('invited', 'guest-1'), new Set(['guest-1']))).toBe('present');
		expect(liveState(entry('chosen', 'u1'), new Set(['u1']))).toBe('present');
	});
	it('is invited again once they left the board, and stays chosen until invited', () => {
		expect(liveState(entry('present', 'u1'), new Set())).toBe('invited');
		expect(liveState(entry('chosen', null), new Set(['u1']))).toBe('chosen');
		expect(liveState(entry('invited', 'u1'), new Set(['u2']))).toBe('invited');
	});
});
