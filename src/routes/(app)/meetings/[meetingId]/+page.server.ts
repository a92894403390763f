import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { meetingAccess } from '$lib/server/access';
import { meetingDetails, startMeeting } from '$lib/server/meetings';
import { caseAccess } from '$lib/server/access';
import { auditEvent, clientIp } from '$lib/server/http';
import { InputError } from '$lib/server/validation';
import { agendaJson, meetingSummary } from '$lib/server/meeting-json';
import { endMeeting, readBoardParts, saveSnapshot } from '$server/snapshots/create';
import { summarizeBoard } from '$server/snapshots/summary';
import { checkSnapshot, openStored } from '$server/snapshots/review';
import { readMinutes } from '$lib/editor/read';
import { minutes as minutesOf } from '$lib/board/doc';
import { translator, type Locale } from '$lib/i18n';
import { toolDefinition } from '$lib/tools/registry';
import type { ToolId } from '$lib/tools/types';
import {
	addResponse,
	cannotRespond,
	endSnapshotId,
	meetingResponses,
	seesAllResponses
} from '$lib/server/responses';
import { activeScreenLinks, createScreenLink, revokeScreenLink } from '$lib/server/screen';
import type { Meeting } from '$lib/server/db/schema';
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

/** What ending the meeting will save, in words (the confirmation shows it before anything happens). */
function endPreview(meeting: Meeting, locale: Locale): string[] {
	const t = translator(locale);
	const parts = readBoardParts(getDb(), meeting.boardId);
	const summary = summarizeBoard(parts.main, parts.goals);
	const lines = [
		t('end.elements', { n: summary.elements }),
		t('end.people', { n: summary.people }),
		summary.minutesCharacters > 0
			? t('end.minutes', { n: summary.minutesCharacters })
			: t('end.noMinutes')
	];
	for (const [id, tool] of Object.entries(summary.tools)) {
		const def = toolDefinition(id as ToolId);
		if (!def || !tool) continue;
		const items = tool.items.map((i) => `${i.label} ${i.value}`).join(', ');
		lines.push(
			Object.values(tool.counts).some((n) => n > 0)
				? t('end.tool', { name: t(def.name), items })
				: t('end.toolEmpty', { name: t(def.name) })
		);
	}
	return lines;
}

/** The minutes as saved when the meeting ended (only from an intact snapshot). */
function savedMinutes(meeting: Meeting) {
	if (meeting.status !== 'ended') return null;
	const id = endSnapshotId(getDb(), meeting.id);
	const checked = id ? checkSnapshot(getDb(), id) : null;
	if (!checked?.intact) return null;
	const opened = openStored(checked.snapshot);
	try {
		return { snapshotId: checked.snapshot.id, blocks: readMinutes(minutesOf(opened.doc)) };
	} finally {
		opened.doc.destroy();
	}
}

function actorOf(event: RequestEvent) {
	const user = event.locals.user!;
	return { userId: user.id, name: user.name, ip: clientIp(event) };
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
	const minutes = savedMinutes(found.meeting);
	if (minutes)
		auditEvent(event, 'minutes.read', {
			caseId: found.meeting.caseId,
			targetType: 'snapshot',
			targetId: minutes.snapshotId
		});
	const responses =
		found.meeting.status === 'ended' &&
		(seesAllResponses(found.role) || (found.role === 'parent' && found.participant))
			? meetingResponses(getDb(), found, user.id)
			: [];
	return {
		caseId: theCase.id,
		caseTitle: theCase.title,
		meeting: meetingSummary(details.meeting),
		agenda: agendaJson(details.agenda),
		participants: details.participants,
		canManage: found.canManage,
		canEditBoard: found.canEditBoard,
		choice: choiceView(event, found, user.id),
		minutes,
		canRespond: cannotRespond(found) === null,
		seesAllResponses: seesAllResponses(found.role),
		responses,
		screens:
			found.canManage && found.meeting.status !== 'ended'
				? activeScreenLinks(getDb(), found.meeting.id).map((s) => ({
						id: s.id,
						createdAt: s.createdAt.toISOString(),
						expiresAt: s.expiresAt.toISOString()
					}))
				: []
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
	/**
	 * Ending asks first: without `confirm` it answers with what will be saved; with it, the meeting
	 * ends and every open board turns read-only at once.
	 */
	end: async (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan afslutte mødet.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er allerede afsluttet.' });
		const data = await event.request.formData();
		if (data.get('confirm') !== 'yes')
			return { confirmEnd: endPreview(found.meeting, event.locals.locale) };
		try {
			endMeeting(getDb(), found.meeting, actorOf(event));
			return { done: 'ended' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { error: e.message });
			throw e;
		}
	},
	snapshot: (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan gemme øjebliksbilleder.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er afsluttet; tavlen er gemt.' });
		saveSnapshot(getDb(), found.meeting, actorOf(event));
		return { done: 'snapshot' as const };
	},
	screen: (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan vise mødet på skærmen.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er afsluttet og kan ikke vises på skærmen.' });
		const { invite, token } = createScreenLink(getDb(), found.meeting, user.id);
		auditEvent(event, 'screen.create', {
			caseId: found.meeting.caseId,
			targetType: 'invite',
			targetId: invite.id,
			detail: { meetingId: found.meeting.id, expiresAt: invite.expiresAt.toISOString() }
		});
		return {
			screenLink: {
				url: `${event.url.origin}/screen/${token}`,
				path: `/screen/${token}`,
				expiresAt: invite.expiresAt.toISOString()
			}
		};
	},
	revokeScreen: async (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan lukke skærmen.');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!revokeScreenLink(getDb(), found.meeting.id, id))
			return fail(404, { error: 'Findes ikke.' });
		auditEvent(event, 'screen.revoke', {
			caseId: found.meeting.caseId,
			targetType: 'invite',
			targetId: id,
			detail: { meetingId: found.meeting.id }
		});
		return { done: 'screenRevoked' as const };
	},
	respond: async (event) => {
		const user = event.locals.user!;
		const found = access(user.id, event.params.meetingId);
		const problem = cannotRespond(found);
		if (problem) return fail(problem.status, { responseError: problem.message });
		const text = String((await event.request.formData()).get('text') ?? '');
		try {
			const response = addResponse(getDb(), found, user, { text });
			auditEvent(event, 'response.create', {
				caseId: found.meeting.caseId,
				targetType: 'response',
				targetId: response.id,
				detail: { meetingId: found.meeting.id, characters: response.text.length }
			});
			return { done: 'responded' as const };
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { responseError: e.message, responseText: text });
			throw e;
		}
	}
};
