import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { caseAccess } from '$lib/server/access';
import { auditEvent, clientIp } from '$lib/server/http';
import { InputError } from '$lib/server/validation';
import { agendaJson, meetingSummary } from '$lib/server/meeting-json';
import { endMeeting } from '$server/snapshots/create';
import { readBoardState } from '$server/persistence/sqlite-store';
import { candidatesOf, readChoices, saveParticipantChoice } from '$lib/server/participant-choice';
import type { MeetingAccess } from '$lib/server/access';

/** Parents taking part choose who attends; the facilitator and professionals see their choices. */
function choiceView(event: Parameters<PageServerLoad>[0], found: MeetingAccess, userId: string) {
	const { meeting, role, participant } = found;
	const chooses = role === 'parent' && participant;
	const sees = role === 'facilitator' || role === 'professional';
	if (meeting.internal || (!chooses && !sees)) return null;
	const db = getDb();
	const state = readBoardState(db, meeting.boardId);
	auditEvent(event, 'choice.read', {
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id
	});
	if (chooses) {
		const mine = readChoices(db, meeting.id, userId)[0];
		return {
			kind: 'mine' as const,
			open: meeting.status !== 'ended',
			candidates: candidatesOf(state, userId),
			chosen: mine?.chosen ?? [],
			wishes: mine?.wishes ?? ''
		};
	}
	const names = new Map(candidatesOf(state).map((c) => [c.personId, c.name]));
	return {
		kind: 'parents' as const,
		choices: readChoices(db, meeting.id).map((c) => ({
			userId: c.userId,
			name: c.name,
			chosen: c.chosen.map((id) => names.get(id) ?? id),
			wishes: c.wishes,
			updatedAt: c.updatedAt
		}))
	};
}

function access(userId: string, meetingId: string) {
	const found = meetingAccess(getDb(), userId, meetingId);
	if (!found) error(404, 'Findes ikke.');
	return found;
}

export const load: PageServerLoad = (event) => {
	const user = event.locals.user!;
	const found = access(user.id, event.params.meetingId);
	const details = meetingDetails(getDb(), found.meeting);
	const theCase = caseAccess(getDb(), user.id, found.meeting.caseId)!.case;
	auditEvent(event, 'meeting.read', {
		caseId: found.meeting.caseId,
		targetType: 'meeting',
		targetId: found.meeting.id
	});
	return {
		caseId: theCase.id,
		caseTitle: theCase.title,
		meeting: meetingSummary(details.meeting),
		agenda: agendaJson(details.agenda),
		participants: details.participants,
		canManage: found.canManage,
		canEditBoard: found.canEditBoard,
		choice: choiceView(event, found, user.id)
	};
};

export const actions: Actions = {
	choose: async (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (found.role !== 'parent' || !found.participant)
			error(403, 'Det er forældrene, der vælger, hvem der skal med til mødet.');
		const data = await event.request.formData();
		const input = {
			chosen: data.getAll('chosen').map(String),
			wishes: String(data.get('wishes') ?? '')
		};
		try {
			const saved = saveParticipantChoice(getDb(), found.meeting, user.id, input);
			auditEvent(event, 'choice.update', {
				caseId: found.meeting.caseId,
				targetType: 'meeting',
				targetId: found.meeting.id,
				detail: { chosen: saved.chosen.length }
			});
			return { done: 'chosen' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { choiceError: e.message });
			throw e;
		}
	},
	start: (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan starte mødet.');
		try {
			startMeeting(getDb(), found.meeting, {
				userId: user.id,
				name: user.name,
				ip: clientIp(event)
			});
			return { done: 'started' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { error: e.message });
			throw e;
		}
	},
	end: (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan afslutte mødet.');
		try {
			endMeeting(getDb(), found.meeting, { userId: user.id, name: user.name, ip: clientIp(event) });
			return { done: 'ended' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { error: e.message });
			throw e;
		}
	}
};
