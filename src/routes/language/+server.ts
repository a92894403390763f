import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { isLocale } from '$lib/i18n';
import { safeRedirectPath } from '$lib/server/redirect';

/** Switches the UI language (form POST from the language switch). */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const lang = form.get('lang');
	if (isLocale(lang))
		cookies.set('lang', lang, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			maxAge: 365 * 24 * 3600
		});
	redirect(303, safeRedirectPath(String(form.get('redirectTo') ?? ''), '/'));
};
