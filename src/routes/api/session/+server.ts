import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { attemptLogin, logout, logoutEverywhere, setSessionCookie } from '$lib/server/auth/login';
import { SESSION_COOKIE } from '$lib/server/auth/session';
import { ApiError, api, clientIp, readJson } from '$lib/server/http';
import { parse } from '$lib/server/validation';

const credentials = v.object(
	{
		email: v.pipe(
			v.string('Skriv din e-mail.'),
			v.trim(),
			v.nonEmpty('Skriv din e-mail.'),
			v.maxLength(254, 'E-mailen er for lang.')
		),
		password: v.pipe(
			v.string('Skriv din adgangskode.'),
			v.nonEmpty('Skriv din adgangskode.'),
			v.maxLength(1024, 'Adgangskoden er for lang.')
		)
	},
	'Send e-mail og adgangskode som et JSON-objekt.'
);

export const POST: RequestHandler = (event) =>
	api(async () => {
		const { email, password } = parse(credentials, await readJson(event.request));
		const result = await attemptLogin(
			getDb(),
			email,
			password,
			clientIp(event),
			event.cookies.get(SESSION_COOKIE)
		);
		if (!result.ok && result.reason === 'rate-limited')
			throw new ApiError(429, 'For mange forsøg. Vent lidt, og prøv igen.', {
				headers: { 'Retry-After': String(result.retryAfter) }
			});
		if (!result.ok) throw new ApiError(401, 'Forkert e-mail eller adgangskode.');
		setSessionCookie(
			event.cookies,
			result.token,
			result.expiresAt,
			event.url.protocol === 'https:'
		);
		return json({ userId: result.userId, expiresAt: result.expiresAt.toISOString() });
	});

export const DELETE: RequestHandler = (event) =>
	api(async () => {
		if (!event.locals.user || !event.locals.sessionId)
			throw new ApiError(401, 'Du er ikke logget ind.');
		// `?everywhere=1`: every session of the user, not only this one.
		if (event.url.searchParams.get('everywhere') === '1')
			await logoutEverywhere(getDb(), event, clientIp(event));
		else await logout(getDb(), event, clientIp(event));
		return new Response(null, { status: 204 });
	});
