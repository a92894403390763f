import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, auditEvent, forbidden, meetingForApi, readJson } from '$lib/server/http';
import { candidatesFor, readChoices, saveParticipantChoice } from '$lib/server/participant-choice';

/**
 * Parents see their own choice; the facilitator and professionals see every parent's. The
 * candidates carry their group, a plain sentence on why they could come, and whether the
 * facilitator marked them as needed (with the reason).
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await meetingForApi(event);
		const ownOnly = access.role !== 'facilitator' && access.role !== 'professional';
		const choices = await readChoices(db, access.meeting.id, ownOnly ? user.id : undefined);
		await auditEvent(event, 'choice.read', {
			caseId: access.meeting.caseId,
			targetType: 'meeting',
			targetId: access.meeting.id
		});
		const mine = choices.find((c) => c.userId === user.id) ?? null;
		return json({
			chosen: mine?.chosen ?? [],
			wishes: mine?.wishes ?? '',
			updatedAt: mine?.updatedAt ?? null,
			open: access.meeting.status === 'planned',
			choices,
			candidates: await candidatesFor(db, access.meeting, user.id)
		});
	});

export const PUT: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await meetingForApi(event);
		if (access.role !== 'parent' || !access.participant)
			throw forbidden('Det er forældrene, der vælger, hvem der skal med til mødet.');
		const saved = await saveParticipantChoice(
			db,
			access.meeting,
			user.id,
			await readJson(event.request)
		);
		await auditEvent(event, 'choice.update', {
			caseId: access.meeting.caseId,
			targetType: 'meeting',
			targetId: access.meeting.id,
			detail: { chosen: saved.chosen, wishes: saved.wishes.length > 0 }
		});
		return json(saved);
	});
