import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { logout } from '$lib/server/auth/login';
import { clientIp } from '$lib/server/http';

/** Logs out (form POST from the header) and returns to the login page. */
export const POST: RequestHandler = (event) => {
	logout(getDb(), event, clientIp(event));
	redirect(303, '/login?loggedOut');
};
