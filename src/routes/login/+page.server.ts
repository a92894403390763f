import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { attemptLogin, setSessionCookie } from '$lib/server/auth/login';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { clientIp } from '$lib/server/http';
import { safeRedirectPath } from '$lib/server/redirect';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirectPath(url.searchParams.get('redirectTo')));
	return { loggedOut: url.searchParams.has('loggedOut') };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '').slice(0, 300);
		const password = String(form.get('password') ?? '').slice(0, 1024);
		if (!email.trim() || !password) return fail(400, { email, error: 'missing' as const });
		const result = await attemptLogin(
			getDb(),
			email,
			password,
			clientIp(event),
			event.cookies.get(SESSION_COOKIE)
		);
		if (!result.ok && result.reason === 'rate-limited') {
			event.setHeaders({ 'Retry-After': String(result.retryAfter) });
			return fail(429, {
				email,
				error: 'rateLimited' as const,
				minutes: Math.ceil(result.retryAfter / 60)
			});
		}
		if (!result.ok) return fail(400, { email, error: 'invalid' as const });
		setSessionCookie(
			event.cookies,
			result.token,
			result.expiresAt,
			event.url.protocol === 'https:'
		);
		redirect(303, safeRedirectPath(event.url.searchParams.get('redirectTo')));
	}
};
