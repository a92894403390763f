import { json, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { getDb } from '$lib/server/db/client';
import { SESSION_COOKIE, validateSessionToken } from '$lib/server/auth/session';
import { DEFAULT_LOCALE, isLocale } from '$lib/i18n';

/** Resolves the session cookie into `locals.user` and slides the cookie's expiry. */
const authenticate: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.sessionId = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = await validateSessionToken(getDb(), token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.id;
			event.cookies.set(SESSION_COOKIE, token, {
				path: '/',
				httpOnly: true,
				sameSite: 'lax',
				secure: event.url.protocol === 'https:',
				expires: session.expiresAt
			});
		} else {
			event.cookies.delete(SESSION_COOKIE, { path: '/' });
		}
	}
	return resolve(event);
};

/**
 * Every page and form action in (app) needs a logged-in user. The layout's load says so for
 * pages, but form actions run before any load: without this, an anonymous post reached the
 * action (tests/integration/access-matrix.test.ts).
 */
const requireLogin: Handle = async ({ event, resolve }) => {
	if (!event.locals.user && event.route.id?.startsWith('/(app)/')) {
		const target =
			event.request.method === 'GET' ? event.url.pathname + event.url.search : event.url.pathname;
		const location = `/login?redirectTo=${encodeURIComponent(target)}`;
		// An enhanced form (a session that ended while the page was open) is told in the shape
		// it reads, so the browser goes to the login page instead of failing on HTML.
		if (event.request.headers.get('x-sveltekit-action') === 'true')
			return json({ type: 'redirect', status: 303, location });
		return new Response(null, { status: 303, headers: { location } });
	}
	return resolve(event);
};

/** Picks the UI language: the `lang` cookie, else the user's setting, else Danish. */
const localize: Handle = async ({ event, resolve }) => {
	const cookie = event.cookies.get('lang');
	event.locals.locale = isLocale(cookie) ? cookie : (event.locals.user?.locale ?? DEFAULT_LOCALE);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

/** Headers the CSP (svelte.config.js) does not cover. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	if (event.url.pathname.startsWith('/api/')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

export const handle = sequence(authenticate, localize, securityHeaders, requireLogin);
