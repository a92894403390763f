/**
 * The parents' chosen on the live board (the facilitator's "Deltagere" tab): each person's state
 * as the server knew it when the board opened – chosen or invited – and "present" as soon as
 * they are on the board now (presence), so it stays true while the meeting goes on.
 */
export type AttendanceState = 'chosen' | 'invited' | 'present';

export interface AttendanceEntry {
	personId: string;
	name: string;
	relation: string | null;
	needed: boolean;
	state: AttendanceState;
	/** The presence id they show with on the board: their account's id or `guest-<inviteId>`. */
	presenceId: string | null;
}

/** The entry's state now, given who is on the board. */
export function liveState(entry: AttendanceEntry, onBoard: ReadonlySet<string>): AttendanceState {
	if (entry.presenceId && onBoard.has(entry.presenceId)) return 'present';
	return entry.state === 'present' ? 'invited' : entry.state;
}
