import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { invalidateSession } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/login';
import { publish } from '$lib/server/events';
import { audit } from '$lib/server/audit';
import { clientIp } from '$lib/server/http';

/** Logs out (form POST from the header) and returns to the login page. */
export const POST: RequestHandler = (event) => {
	const { user, sessionId } = event.locals;
	if (user && sessionId) {
		invalidateSession(getDb(), sessionId);
		publish({ type: 'session-ended', sessionId });
		audit(getDb(), {
			userId: user.id,
			actor: user.name,
			action: 'auth.logout',
			ip: clientIp(event)
		});
	}
	clearSessionCookie(event.cookies);
	redirect(303, '/login?loggedOut');
};
