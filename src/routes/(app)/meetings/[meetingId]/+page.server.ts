import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { caseAccess } from '$lib/server/access';
import { auditEvent, clientIp } from '$lib/server/http';
import { InputError } from '$lib/server/validation';
import { endMeeting } from '$server/snapshots/create';

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
	const m = details.meeting;
	return {
		caseId: theCase.id,
		caseTitle: theCase.title,
		meeting: {
			id: m.id,
			title: m.title,
			type: m.type,
			startsAt: m.startsAt.toISOString(),
			place: m.place,
			status: m.status,
			internal: m.internal
		},
		agenda: details.agenda.map((a) => ({
			id: a.id,
			title: a.title,
			durationMinutes: a.durationMinutes
		})),
		participants: details.participants,
		canManage: found.canManage,
		canEditBoard: found.canEditBoard
	};
};

export const actions: Actions = {
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
