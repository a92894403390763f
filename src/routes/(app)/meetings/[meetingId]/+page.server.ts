import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { first, getDb } from '$lib/server/db/client';
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
import {
	candidatesFor,
	changesSinceLastLook,
	markNeeded,
	readChoices,
	saveParticipantChoice,
	unmarkNeeded
} from '$lib/server/participant-choice';
import type { MeetingAccess } from '$lib/server/access';
import { goalsShared, parentConsents, saveConsent } from '$lib/server/consent';
import { publish } from '$lib/server/events';
import {
	activeGuestLinks,
	attendance,
	chosenCandidates,
	inviteChosen,
	revokeGuestLink
} from '$lib/server/invite-chosen';
import { mailConfigured, sendReminders } from '$lib/server/mail';
import { meetingCalendar, reminderText } from '$lib/server/calendar';
import { users } from '$lib/server/db/tables';
import { eq } from 'drizzle-orm';
import { agendaOf } from '$lib/server/meetings';

async function agendaMinutes(meetingId: string): Promise<number | null> {
	const total = (await agendaOf(getDb(), meetingId)).reduce(
		(n, a) => n + (a.durationMinutes ?? 0),
		0
	);
	return total > 0 ? total : null;
}

/**
 * Parents taking part choose who attends (and give or withdraw their consent); the facilitator
 * and professionals see the choices, what changed since they last looked, the consent, who is
 * needed, and each chosen person's state (chosen, invited, present).
 */
async function choiceView(
	event: Parameters<PageServerLoad>[0],
	found: MeetingAccess,
	userId: string
) {
	const { meeting, role, participant } = found;
	const chooses = role === 'parent' && participant;
	const sees = role === 'facilitator' || role === 'professional';
	if (meeting.internal || (!chooses && !sees)) return null;
	const db = getDb();
	await auditEvent(event, 'choice.read', {
		caseId: meeting.caseId,
		targetType: 'meeting',
		targetId: meeting.id
	});
	if (chooses) {
		const mine = (await readChoices(db, meeting.id, userId))[0];
		const consent = (await parentConsents(db, meeting.caseId)).find((p) => p.userId === userId);
		return {
			kind: 'mine' as const,
			open: meeting.status === 'planned',
			candidates: await candidatesFor(db, meeting, userId),
			chosen: mine?.chosen ?? [],
			wishes: mine?.wishes ?? '',
			updatedAt: mine?.updatedAt ?? null,
			consent: {
				mine: consent?.shareGoalsWithPlacement ?? false,
				updatedAt: consent?.updatedAt ?? null,
				shared: await goalsShared(db, meeting.caseId)
			}
		};
	}
	const candidates = await candidatesFor(db, meeting);
	const names = new Map(candidates.map((c) => [c.personId, c.name]));
	const changes = await changesSinceLastLook(db, meeting.id, userId);
	const nameOf = (id: string) => names.get(id) ?? id;
	return {
		kind: 'parents' as const,
		choices: (await readChoices(db, meeting.id)).map((c) => {
			const change = changes.get(c.userId) ?? null;
			return {
				userId: c.userId,
				name: c.name,
				chosen: c.chosen.map(nameOf),
				wishes: c.wishes,
				updatedAt: c.updatedAt,
				change: change
					? {
							first: change.first,
							added: change.added.map(nameOf),
							removed: change.removed.map(nameOf),
							wishesChanged: change.wishesChanged
						}
					: null
			};
		}),
		consent: {
			parents: await parentConsents(db, meeting.caseId),
			shared: await goalsShared(db, meeting.caseId)
		},
		candidates: candidates.map((c) => ({
			personId: c.personId,
			name: c.name,
			relation: c.relation
		})),
		needed: candidates
			.filter((c) => c.needed)
			.map((c) => ({ personId: c.personId, name: c.name, reason: c.needed! })),
		attendance: await attendance(db, meeting),
		canInvite: found.canManage && meeting.status !== 'ended',
		mail: found.canManage && mailConfigured()
	};
}

/** What ending the meeting will save, in words (the confirmation shows it before anything happens). */
async function endPreview(meeting: Meeting, locale: Locale): Promise<string[]> {
	const t = translator(locale);
	const parts = await readBoardParts(getDb(), meeting.boardId);
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
async function savedMinutes(meeting: Meeting) {
	if (meeting.status !== 'ended') return null;
	const id = await endSnapshotId(getDb(), meeting.id);
	const checked = id ? await checkSnapshot(getDb(), id) : null;
	if (!checked?.intact) return null;
	const opened = openStored(checked.snapshot);
	try {
		return { snapshotId: checked.snapshot.id, blocks: readMinutes(await minutesOf(opened.doc)) };
	} finally {
		opened.doc.destroy();
	}
}

function actorOf(event: RequestEvent) {
	const user = event.locals.user!;
	return { userId: user.id, name: user.name, ip: clientIp(event) };
}

async function access(userId: string, meetingId: string) {
	const found = await meetingAccess(getDb(), userId, meetingId);
	if (!found) error(404, 'Findes ikke.');
	return found;
}

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user!;
	const found = await access(user.id, event.params.meetingId);
	const details = await meetingDetails(getDb(), found.meeting);
	const theCase = (await caseAccess(getDb(), user.id, found.meeting.caseId))!.case;
	await auditEvent(event, 'meeting.read', {
		caseId: found.meeting.caseId,
		targetType: 'meeting',
		targetId: found.meeting.id
	});
	const minutes = await savedMinutes(found.meeting);
	if (minutes)
		await auditEvent(event, 'minutes.read', {
			caseId: found.meeting.caseId,
			targetType: 'snapshot',
			targetId: minutes.snapshotId
		});
	const responses =
		found.meeting.status === 'ended' &&
		(seesAllResponses(found.role) || (found.role === 'parent' && found.participant))
			? await meetingResponses(getDb(), found, user.id)
			: [];
	return {
		caseId: theCase.id,
		caseTitle: theCase.title,
		meeting: meetingSummary(details.meeting),
		agenda: agendaJson(details.agenda),
		participants: details.participants,
		canManage: found.canManage,
		canEditBoard: found.canEditBoard,
		choice: await choiceView(event, found, user.id),
		calendarUrl: `/api/meetings/${found.meeting.id}/calendar.ics`,
		minutes,
		canRespond: cannotRespond(found) === null,
		seesAllResponses: seesAllResponses(found.role),
		responses,
		guests:
			found.canManage && found.meeting.status !== 'ended'
				? await activeGuestLinks(getDb(), found.meeting.id)
				: [],
		screens:
			found.canManage && found.meeting.status !== 'ended'
				? (await activeScreenLinks(getDb(), found.meeting.id)).map((s) => ({
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
		const found = await access(user.id, event.params.meetingId);
		if (found.role !== 'parent' || !found.participant)
			error(403, 'Det er forældrene, der vælger, hvem der skal med til mødet.');
		const data = await event.request.formData();
		const input = {
			chosen: data.getAll('chosen').map(String),
			wishes: String(data.get('wishes') ?? '')
		};
		try {
			const db = getDb();
			const saved = await saveParticipantChoice(db, found.meeting, user.id, input);
			await auditEvent(event, 'choice.update', {
				caseId: found.meeting.caseId,
				targetType: 'meeting',
				targetId: found.meeting.id,
				detail: { chosen: saved.chosen, wishes: saved.wishes.length > 0 }
			});
			// The consent is asked on the same form (the parent saves both at once).
			if (data.has('consentAsked')) {
				const caseId = found.meeting.caseId;
				const before = await goalsShared(db, caseId);
				const consent = await saveConsent(db, caseId, user.id, {
					shareGoalsWithPlacement: data.get('consent') === 'yes'
				});
				const shared = await goalsShared(db, caseId);
				if (consent.changed) {
					await auditEvent(event, 'consent.update', {
						caseId,
						targetType: 'case',
						targetId: caseId,
						detail: { shareGoalsWithPlacement: consent.shareGoalsWithPlacement, shared }
					});
				}
				if (consent.changed || before !== shared)
					publish({ type: 'consent-changed', caseId, shared });
			}
			return { done: 'chosen' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { choiceError: e.message });
			throw e;
		}
	},
	needed: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan markere, hvem der skal med.');
		const data = await event.request.formData();
		try {
			const { candidate, reason } = await markNeeded(
				getDb(),
				found.meeting,
				{
					candidateId: String(data.get('candidateId') ?? ''),
					reason: String(data.get('reason') ?? '')
				},
				user.id
			);
			await auditEvent(event, 'needed.mark', {
				caseId: found.meeting.caseId,
				targetType: 'meeting',
				targetId: found.meeting.id,
				detail: { candidateId: candidate.personId, reason }
			});
			return { done: 'needed' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { neededError: e.message });
			throw e;
		}
	},
	unneeded: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan markere, hvem der skal med.');
		const candidateId = String((await event.request.formData()).get('candidateId') ?? '');
		if (!(await unmarkNeeded(getDb(), found.meeting.id, candidateId)))
			return fail(404, { neededError: 'Findes ikke.' });
		await auditEvent(event, 'needed.unmark', {
			caseId: found.meeting.caseId,
			targetType: 'meeting',
			targetId: found.meeting.id,
			detail: { candidateId }
		});
		return { done: 'unneeded' as const };
	},
	/** "Inviter de valgte": the parents' choice becomes invitations in one step. */
	inviteChosen: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan invitere.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er afsluttet: der kan ikke inviteres flere.' });
		const result = await inviteChosen(
			getDb(),
			found.meeting,
			actorOf(event),
			event.url.origin,
			await agendaMinutes(found.meeting.id)
		);
		const meetingUrl = `${event.url.origin}/meetings/${found.meeting.id}`;
		return {
			invited: {
				...result,
				accounts: result.accounts.map((a) => ({
					...a,
					reminder: reminderText({
						name: a.name,
						meeting: found.meeting,
						url: meetingUrl,
						from: user.name
					})
				}))
			}
		};
	},
	/** With an SMTP server configured: the reminders by e-mail to the invited accounts. */
	sendReminders: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan sende påmindelser.');
		if (!mailConfigured()) return fail(400, { error: 'Der er ikke sat en mailserver op.' });
		const db = getDb();
		const url = `${event.url.origin}/meetings/${found.meeting.id}`;
		const reminders = [];
		for (const c of await chosenCandidates(db, found.meeting)) {
			const email = c.userId
				? (
						await db
							.select({ email: users.email })
							.from(users)
							.where(eq(users.id, c.userId))
							.limit(1)
							.then(first)
					)?.email
				: undefined;
			if (!email) continue;
			reminders.push({
				to: email,
				subject: `Påmindelse: ${found.meeting.title}`,
				text: reminderText({ name: c.name, meeting: found.meeting, url, from: user.name }),
				calendar: meetingCalendar({
					meeting: found.meeting,
					minutes: await agendaMinutes(found.meeting.id),
					recipient: { key: c.userId!, name: c.name, email },
					url
				})
			});
		}
		const sent = await sendReminders(reminders);
		await auditEvent(event, 'reminder.send', {
			caseId: found.meeting.caseId,
			targetType: 'meeting',
			targetId: found.meeting.id,
			detail: { sent }
		});
		return { remindersSent: sent };
	},
	/** Closes a guest's link: their open board is closed at once (DELETE /api/invites/:id too). */
	revokeGuest: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan lukke et link.');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await revokeGuestLink(getDb(), found.meeting.id, id)))
			return fail(404, { error: 'Findes ikke.' });
		publish({ type: 'invite-revoked', inviteId: id });
		await auditEvent(event, 'invite.revoke', {
			caseId: found.meeting.caseId,
			targetType: 'invite',
			targetId: id,
			detail: { meetingId: found.meeting.id }
		});
		return { done: 'guestRevoked' as const };
	},
	start: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan starte mødet.');
		try {
			await startMeeting(getDb(), found.meeting, {
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
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan afslutte mødet.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er allerede afsluttet.' });
		const data = await event.request.formData();
		if (data.get('confirm') !== 'yes')
			return { confirmEnd: await endPreview(found.meeting, event.locals.locale) };
		try {
			await endMeeting(getDb(), found.meeting, actorOf(event));
			return { done: 'ended' as const };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { error: e.message });
			throw e;
		}
	},
	snapshot: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan gemme øjebliksbilleder.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er afsluttet; tavlen er gemt.' });
		await saveSnapshot(getDb(), found.meeting, actorOf(event));
		return { done: 'snapshot' as const };
	},
	screen: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan vise mødet på skærmen.');
		if (found.meeting.status === 'ended')
			return fail(400, { error: 'Mødet er afsluttet og kan ikke vises på skærmen.' });
		const { invite, token } = await createScreenLink(getDb(), found.meeting, user.id);
		await auditEvent(event, 'screen.create', {
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
		const found = await access(user.id, event.params.meetingId);
		if (!found.canManage) error(403, 'Kun tovholderen kan lukke skærmen.');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!(await revokeScreenLink(getDb(), found.meeting.id, id)))
			return fail(404, { error: 'Findes ikke.' });
		await auditEvent(event, 'screen.revoke', {
			caseId: found.meeting.caseId,
			targetType: 'invite',
			targetId: id,
			detail: { meetingId: found.meeting.id }
		});
		return { done: 'screenRevoked' as const };
	},
	respond: async (event) => {
		const user = event.locals.user!;
		const found = await access(user.id, event.params.meetingId);
		const problem = cannotRespond(found);
		if (problem) return fail(problem.status, { responseError: problem.message });
		const text = String((await event.request.formData()).get('text') ?? '');
		try {
			const response = await addResponse(getDb(), found, user, { text });
			await auditEvent(event, 'response.create', {
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
