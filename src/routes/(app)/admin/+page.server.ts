import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { createUser, findUser, listUsers, resetPassword, setDisabled } from '$lib/server/users';
import { InputError } from '$lib/server/validation';
import { auditEvent } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	await auditEvent(event, 'admin.users.read');
	return {
		users: (await listUsers(getDb())).map((u) => ({
			...u,
			disabledAt: u.disabledAt?.toISOString() ?? null
		}))
	};
};

function requireAdmin(locals: App.Locals) {
	if (!locals.user?.isAdmin) error(404, 'Findes ikke.');
	return locals.user;
}

async function targetUser(form: FormData) {
	const user = await findUser(getDb(), String(form.get('userId') ?? ''));
	if (!user) error(404, 'Brugeren findes ikke.');
	return user;
}

export const actions: Actions = {
	create: async (event) => {
		requireAdmin(event.locals);
		const form = await event.request.formData();
		const values = {
			name: String(form.get('name') ?? '').slice(0, 500),
			email: String(form.get('email') ?? '').slice(0, 500),
			isAdmin: form.get('isAdmin') === 'on'
		};
		try {
			const user = await createUser(getDb(), {
				...values,
				password: String(form.get('password') ?? '').slice(0, 500)
			});
			await auditEvent(event, 'admin.user.create', { targetType: 'user', targetId: user.id });
			return { done: 'created' as const };
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { action: 'create' as const, values, errors: e.fields });
			throw e;
		}
	},
	disable: async (event) => {
		const admin = requireAdmin(event.locals);
		const user = await targetUser(await event.request.formData());
		if (user.id === admin.id)
			return fail(400, {
				action: 'disable' as const,
				errors: { _: 'Du kan ikke deaktivere dig selv.' }
			});
		await setDisabled(getDb(), user.id, true);
		await auditEvent(event, 'admin.user.disable', { targetType: 'user', targetId: user.id });
		return { done: 'disabled' as const };
	},
	enable: async (event) => {
		requireAdmin(event.locals);
		const user = await targetUser(await event.request.formData());
		await setDisabled(getDb(), user.id, false);
		await auditEvent(event, 'admin.user.enable', { targetType: 'user', targetId: user.id });
		return { done: 'enabled' as const };
	},
	password: async (event) => {
		requireAdmin(event.locals);
		const form = await event.request.formData();
		const user = await targetUser(form);
		try {
			await resetPassword(getDb(), user.id, String(form.get('password') ?? '').slice(0, 500));
		} catch (e) {
			if (e instanceof InputError)
				return fail(400, { action: 'password' as const, userId: user.id, errors: e.fields });
			throw e;
		}
		await auditEvent(event, 'admin.user.password', { targetType: 'user', targetId: user.id });
		return { done: 'password' as const };
	}
};
