import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { listCases } from '$lib/server/cases';
import { auditEvent } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	const user = event.locals.user!;
	const cases = await listCases(getDb(), user.id);
	await auditEvent(event, 'case.list', { detail: { caseIds: cases.map((c) => c.id) } });
	return { cases };
};
