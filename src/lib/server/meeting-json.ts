import type { MeetingDetails } from './meetings';

/** The API's shape of a meeting (ARCHITECTURE.md §3). */
export function meetingJson({ meeting, agenda, participants }: MeetingDetails) {
	return {
		id: meeting.id,
		caseId: meeting.caseId,
		boardId: meeting.boardId,
		type: meeting.type,
		title: meeting.title,
		startsAt: meeting.startsAt.toISOString(),
		place: meeting.place,
		status: meeting.status,
		internal: meeting.internal,
		startedAt: meeting.startedAt?.toISOString() ?? null,
		endedAt: meeting.endedAt?.toISOString() ?? null,
		agenda: agenda.map((a) => ({ id: a.id, title: a.title, durationMinutes: a.durationMinutes })),
		participants
	};
}
