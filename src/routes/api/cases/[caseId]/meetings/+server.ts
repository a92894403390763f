import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import {
	createMeeting,
	meetingDetails,
	parseMeetingInput,
	parseStartFrom
} from '$lib/server/meetings';
import { api, clientIp, forbidden, notFound, readJson, requireApiUser } from '$lib/server/http';
import { meetingJson } from '$lib/server/meeting-json';
import { createMeetingBoard } from '$server/boards/create';

export const POST: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = await caseAccess(db, user.id, event.params.caseId);
		if (!access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan oprette møder på sagen.');
		const body = await readJson(event.request);
		const input = parseMeetingInput(body);
		const startFrom = parseStartFrom(
			typeof body === 'object' && body !== null
				? (body as { startFrom?: unknown }).startFrom
				: undefined
		);
		const meeting = await createMeeting(db, access.case.id, input, {
			userId: user.id,
			name: user.name,
			ip: clientIp(event)
		});
		await createMeetingBoard(db, meeting, { startFrom });
		return json({ meeting: meetingJson(await meetingDetails(db, meeting)) }, { status: 201 });
	});
