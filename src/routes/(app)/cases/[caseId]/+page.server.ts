import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { readCase } from '$lib/server/cases';
import { auditEvent } from '$lib/server/http';

export const load: PageServerLoad = (event) => {
	const view = readCase(getDb(), event.locals.user!.id, event.params.caseId);
	if (!view) error(404, 'Findes ikke.');
	auditEvent(event, 'case.read', { caseId: view.id, targetType: 'case', targetId: view.id });
	return { case: view };
};
