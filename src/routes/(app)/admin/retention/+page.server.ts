import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { casesDueForReview, retentionYears } from '$lib/server/case-admin';
import { eraseCase } from '$lib/server/case-erasure';
import { auditEvent, clientIp } from '$lib/server/http';
import { InputError } from '$lib/server/validation';
import { caseById } from '$lib/server/db/by-id';

/** Closed cases past the retention period (the admin layout answers 404 to everyone else). */
export const load: PageServerLoad = async (event) => {
	const years = retentionYears();
	const due = await casesDueForReview(getDb(), years);
	await auditEvent(event, 'admin.retention.read', { detail: { cases: due.length } });
	return {
		years,
		cases: due.map((c) => ({ ...c, closedAt: c.closedAt.toISOString() }))
	};
};

export const actions: Actions = {
	erase: async (event) => {
		const user = event.locals.user;
		if (!user?.isAdmin) return fail(404);
		const form = await event.request.formData();
		const caseId = String(form.get('caseId') ?? '');
		const confirm = String(form.get('confirm') ?? '').slice(0, 200);
		const db = getDb();
		const theCase = await caseById(db, caseId);
		if (!theCase?.closedAt)
			return fail(404, { caseId, error: 'Sagen findes ikke eller er ikke lukket.' });
		try {
			const result = await eraseCase(db, caseId, { confirm }, user, clientIp(event));
			return { erased: result.reference ?? result.caseId };
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { caseId, error: e.fields.confirm ?? e.message });
			throw e;
		}
	}
};
