import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess, visibleMeetings } from '$lib/server/access';
import { api, auditEvent, notFound, requireApiUser } from '$lib/server/http';
import { caseTrends } from '$server/snapshots/review';
import { caseView } from '$lib/server/snapshot-read';

/** Per meeting snapshot the caller may see: the safety scale by role group and goal progress. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = await caseAccess(db, user.id, event.params.caseId);
		if (!access) throw notFound();
		const meetingIds = (await visibleMeetings(db, user.id, access.case.id)).map((m) => m.id);
		const trends = await caseTrends(
			db,
			access.case.id,
			meetingIds,
			await caseView(db, access.case.id, access.role)
		);
		await auditEvent(event, 'case.trends', {
			caseId: access.case.id,
			targetType: 'case',
			targetId: access.case.id,
			detail: { points: trends.points.length, skipped: trends.skipped.length }
		});
		return json(trends);
	});
