import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { readCase } from '$lib/server/cases';
import { api, auditEvent, notFound, requireApiUser } from '$lib/server/http';

export const GET: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const view = readCase(getDb(), user.id, event.params.caseId);
		if (!view) throw notFound();
		auditEvent(event, 'case.read', { caseId: view.id, targetType: 'case', targetId: view.id });
		return json({ case: view });
	});
