import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { api, ApiError, auditEvent, meetingForApi, readJson } from '$lib/server/http';
import { addResponse, cannotRespond, meetingResponses } from '$lib/server/responses';

/** The responses to the meeting's minutes the caller may read (all for professionals). */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await meetingForApi(event);
		const responses = await meetingResponses(db, access, user.id);
		await auditEvent(event, 'response.read', {
			caseId: access.meeting.caseId,
			targetType: 'meeting',
			targetId: access.meeting.id,
			detail: { count: responses.length }
		});
		return json({ responses });
	});

/** A parent's written response to the minutes: `{ text }`. */
export const POST: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await meetingForApi(event);
		const problem = cannotRespond(access);
		if (problem) throw new ApiError(problem.status, problem.message);
		const response = await addResponse(db, access, user, await readJson(event.request));
		await auditEvent(event, 'response.create', {
			caseId: access.meeting.caseId,
			targetType: 'response',
			targetId: response.id,
			detail: { meetingId: access.meeting.id, characters: response.text.length }
		});
		return json(
			{ id: response.id, createdAt: response.createdAt.toISOString(), text: response.text },
			{ status: 201 }
		);
	});
