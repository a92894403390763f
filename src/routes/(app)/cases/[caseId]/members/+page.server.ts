import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import { addMember, removeMember } from '$lib/server/case-admin';
import { caseMemberList } from '$lib/server/cases';
import { auditEvent } from '$lib/server/http';
import { InputError } from '$lib/server/validation';
import { CASE_ROLES } from '$lib/server/db/schema';

/** Only the case's facilitators manage its members; anyone else gets a 404. */
async function requireManager(event: { locals: App.Locals; params: { caseId: string } }) {
	const user = event.locals.user;
	const access = user ? await caseAccess(getDb(), user.id, event.params.caseId) : null;
	if (!access?.canManage) error(404, 'Findes ikke.');
	return access;
}

export const load: PageServerLoad = async (event) => {
	const access = await requireManager(event);
	await auditEvent(event, 'case.members.read', {
		caseId: access.case.id,
		targetType: 'case',
		targetId: access.case.id
	});
	return {
		case: { id: access.case.id, title: access.case.title },
		members: await caseMemberList(getDb(), access.case.id),
		roles: CASE_ROLES,
		me: event.locals.user!.id
	};
};

export const actions: Actions = {
	add: async (event) => {
		const access = await requireManager(event);
		const form = await event.request.formData();
		const values = {
			email: String(form.get('email') ?? '').slice(0, 300),
			role: String(form.get('role') ?? ''),
			title: String(form.get('title') ?? '').slice(0, 200)
		};
		try {
			const userId = await addMember(getDb(), access.case.id, values);
			await auditEvent(event, 'case.member.add', {
				caseId: access.case.id,
				targetType: 'user',
				targetId: userId,
				detail: { role: values.role }
			});
			return { done: 'added' as const };
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { action: 'add' as const, values, errors: e.fields });
			throw e;
		}
	},
	remove: async (event) => {
		const access = await requireManager(event);
		const userId = String((await event.request.formData()).get('userId') ?? '');
		try {
			const role = await removeMember(getDb(), access.case.id, userId);
			await auditEvent(event, 'case.member.remove', {
				caseId: access.case.id,
				targetType: 'user',
				targetId: userId,
				detail: { role }
			});
			return { done: 'removed' as const };
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { action: 'remove' as const, errors: e.fields });
			throw e;
		}
	}
};
