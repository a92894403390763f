import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { logout, logoutEverywhere } from '$lib/server/auth/login';
import { clientIp } from '$lib/server/http';

/** A screen link (`/screen/<token>`): a browser handed over to the meeting room's screen. */
const SCREEN_PATH = /^\/screen\/[A-Za-z0-9]{1,128}$/;

/**
 * Logs out (form POST from the header; `everywhere=1`: every session of the user) and returns to
 * the login page – or, with `next` set to a
 * screen link ("Brug denne computer som skærm"), opens the screen in this now logged-out browser.
 */
export const POST: RequestHandler = async (event) => {
	const data = await event.request.formData().catch(() => null);
	const next = String(data?.get('next') ?? '');
	if (data?.get('everywhere') === '1') await logoutEverywhere(getDb(), event, clientIp(event));
	else await logout(getDb(), event, clientIp(event));
	redirect(303, SCREEN_PATH.test(next) ? next : '/login?loggedOut');
};
