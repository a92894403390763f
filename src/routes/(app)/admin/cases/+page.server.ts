import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { getDb } from '$lib/server/db/client';
import { createCase } from '$lib/server/case-admin';
import { auditEvent } from '$lib/server/http';
import { InputError } from '$lib/server/validation';

/** The admin layout already answers 404 to everyone else. */
export const actions: Actions = {
	default: async (event) => {
		if (!event.locals.user?.isAdmin) return fail(404);
		const form = await event.request.formData();
		const values = {
			title: String(form.get('title') ?? '').slice(0, 300),
			reference: String(form.get('reference') ?? '').slice(0, 200),
			facilitatorEmail: String(form.get('facilitatorEmail') ?? '').slice(0, 300)
		};
		try {
			const caseId = await createCase(getDb(), values);
			// The administrator is not on the case: the log keeps the case id, not its title.
			await auditEvent(event, 'admin.case.create', {
				caseId,
				targetType: 'case',
				targetId: caseId
			});
			return { done: true };
		} catch (e) {
			if (e instanceof InputError) return fail(400, { values, errors: e.fields });
			throw e;
		}
	}
};
