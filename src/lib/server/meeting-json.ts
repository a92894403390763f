import type { Meeting } from './db/schema';
import type { MeetingDetails } from './meetings';

/** A meeting as the pages and the API list it. */
export function meetingSummary(meeting: Meeting) {
	return {
		id: meeting.id,
		boardId: meeting.boardId,
		type: meeting.type,
		title: meeting.title,
		startsAt: meeting.startsAt.toISOString(),
		place: meeting.place,
		status: meeting.status,
		internal: meeting.internal
	};
}

export function agendaJson(agenda: MeetingDetails['agenda']) {
	return agenda.map((a) => ({ id: a.id, title: a.title, durationMinutes: a.durationMinutes }));
}

/** The API's shape of a meeting (ARCHITECTURE.md §3). */
export function meetingJson({ meeting, agenda, participants }: MeetingDetails) {
	return {
		...meetingSummary(meeting),
		caseId: meeting.caseId,
		startedAt: meeting.startedAt?.toISOString() ?? null,
		endedAt: meeting.endedAt?.toISOString() ?? null,
		agenda: agendaJson(agenda),
		participants
	};
}
