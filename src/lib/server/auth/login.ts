/**
 * Logging in with email and password, shared by the login page and `POST /api/session`.
 * Unknown email, wrong password and a disabled account give the same answer and take about
 * the same time; failures are limited per account and per address.
 */
import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { first, type Db } from '../db/client';
import { users } from '../db/tables';
import { audit } from '../audit';
import { dummyPasswordHash, verifyPassword } from './password';
import { accountLimiter, addressLimiter } from './rate-limit';
import { publish } from '../events';
import {
	createSession,
	invalidateSession,
	invalidateUserSessions,
	SESSION_COOKIE,
	sessionIdOf
} from './session';

export type LoginResult =
	| { ok: true; token: string; expiresAt: Date; userId: string }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'rate-limited'; retryAfter: number };

export function normalizeEmail(email: string): string {
	return email.trim().toLowerCase();
}

/**
 * Checks the credentials and starts a new session. `previousToken` is the session cookie the
 * browser already had: it is ended, so a login always gets a fresh session id (no fixation).
 */
export async function attemptLogin(
	db: Db,
	rawEmail: string,
	password: string,
	ip: string | null,
	previousToken?: string
): Promise<LoginResult> {
	const email = normalizeEmail(rawEmail);
	const addressKey = `ip:${ip ?? 'unknown'}`;
	const accountKey = `account:${email}`;
	const limited = [accountLimiter.check(accountKey), addressLimiter.check(addressKey)].find(
		(r) => !r.allowed
	);
	if (limited) {
		await audit(db, { actor: email, action: 'auth.login-limited', ip });
		return { ok: false, reason: 'rate-limited', retryAfter: limited.retryAfter };
	}
	const user =
		email.length <= 254
			? await db.select().from(users).where(eq(users.email, email)).limit(1).then(first)
			: undefined;
	const valid = user
		? await verifyPassword(user.passwordHash, password)
		: (await verifyPassword(await dummyPasswordHash(), password), false);
	if (!user || !valid || user.disabledAt) {
		accountLimiter.fail(accountKey);
		addressLimiter.fail(addressKey);
		await audit(db, { userId: user?.id ?? null, actor: email, action: 'auth.login-failed', ip });
		return { ok: false, reason: 'invalid' };
	}
	accountLimiter.reset(accountKey);
	const previous = previousToken ? sessionIdOf(previousToken) : null;
	if (previous) {
		await invalidateSession(db, previous);
		publish({ type: 'session-ended', sessionId: previous });
	}
	const { token, expiresAt } = await createSession(db, user.id);
	await audit(db, { userId: user.id, actor: user.name, action: 'auth.login', ip });
	return { ok: true, token, expiresAt, userId: user.id };
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}

/**
 * Logs out: ends the session (its board sockets close through the event), audits it and clears
 * the cookie. Without a session only the cookie is cleared.
 */
export async function logout(
	db: Db,
	event: {
		locals: { user: { id: string; name: string } | null; sessionId: string | null };
		cookies: Cookies;
	},
	ip: string | null
): Promise<void> {
	const { user, sessionId } = event.locals;
	if (user && sessionId) {
		await invalidateSession(db, sessionId);
		publish({ type: 'session-ended', sessionId });
		await audit(db, { userId: user.id, actor: user.name, action: 'auth.logout', ip });
	}
	clearSessionCookie(event.cookies);
}

/**
 * Logs out everywhere ("Log ud alle steder"): ends every session of the user – other browsers,
 * phones, a forgotten meeting-room computer – and their open board sockets, and clears the cookie.
 */
export async function logoutEverywhere(
	db: Db,
	event: {
		locals: { user: { id: string; name: string } | null; sessionId: string | null };
		cookies: Cookies;
	},
	ip: string | null
): Promise<void> {
	const { user } = event.locals;
	if (user) {
		await invalidateUserSessions(db, user.id);
		publish({ type: 'user-sessions-ended', userId: user.id });
		await audit(db, { userId: user.id, actor: user.name, action: 'auth.logout-everywhere', ip });
	}
	clearSessionCookie(event.cookies);
}
