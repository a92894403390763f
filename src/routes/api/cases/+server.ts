import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { listCases } from '$lib/server/cases';
import { api, auditEvent, requireApiUser } from '$lib/server/http';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const cases = await listCases(getDb(), user.id);
		await auditEvent(event, 'case.list', { detail: { caseIds: cases.map((c) => c.id) } });
		return json({ cases });
	});
