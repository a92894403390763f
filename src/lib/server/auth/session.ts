/**
 * Sessions after Lucia's current guide (the `lucia` package itself is deprecated).
 *
 * A token is `<id>.<secret>`, each part 120 random bits. Only the SHA-256 of the secret is
 * stored; it is compared in constant time. A session ends after `INACTIVITY_TIMEOUT_MS` without
 * use (last use is written at most once per `ACTIVITY_WRITE_INTERVAL_MS`), after
 * `ABSOLUTE_LIFETIME_MS` in any case, on logout, and when its user is disabled.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions, users, type User } from '../db/schema';
import { randomId } from '../ids';

export const SESSION_COOKIE = 'session';
export const INACTIVITY_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000;
export const ACTIVITY_WRITE_INTERVAL_MS = 60 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'isAdmin' | 'locale'>;
export interface ValidSession {
	id: string;
	user: SessionUser;
	/** When the session ends if it is not used again. */
	expiresAt: Date;
}

function hashSecret(secret: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(secret)));
}

/** Creates a session for `userId` and returns its token (shown to the client once). */
export function createSession(
	db: Db,
	userId: string,
	now = new Date()
): { token: string; expiresAt: Date } {
	const id = randomId();
	const secret = randomId();
	db.insert(sessions)
		.values({ id, userId, secretHash: hashSecret(secret), createdAt: now, lastUsedAt: now })
		.run();
	return { token: `${id}.${secret}`, expiresAt: new Date(now.getTime() + INACTIVITY_TIMEOUT_MS) };
}

/**
 * Validates a token: returns the session and its user, or null when the token is malformed,
 * unknown, expired, or its user is disabled. Expired sessions are deleted. Slides the
 * inactivity window, writing the last use at most once an hour.
 */
export function validateSessionToken(db: Db, token: string, now = new Date()): ValidSession | null {
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts as [string, string];
	if (!id || !secret || id.length > 64 || secret.length > 64) return null;
	const row = db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.get();
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
	const t = now.getTime();
	const expired =
		t - row.session.lastUsedAt.getTime() >= INACTIVITY_TIMEOUT_MS ||
		t - row.session.createdAt.getTime() >= ABSOLUTE_LIFETIME_MS;
	if (expired || row.user.disabledAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return null;
	}
	let lastUsedAt = row.session.lastUsedAt;
	if (t - lastUsedAt.getTime() >= ACTIVITY_WRITE_INTERVAL_MS) {
		lastUsedAt = now;
		db.update(sessions).set({ lastUsedAt }).where(eq(sessions.id, id)).run();
	}
	const absoluteEnd = row.session.createdAt.getTime() + ABSOLUTE_LIFETIME_MS;
	const { id: userId, email, name, isAdmin, locale } = row.user;
	return {
		id,
		user: { id: userId, email, name, isAdmin, locale },
		expiresAt: new Date(Math.min(lastUsedAt.getTime() + INACTIVITY_TIMEOUT_MS, absoluteEnd))
	};
}

/** The session id part of a token, without validating it (for logout). */
export function sessionIdOf(token: string): string | null {
	const id = token.split('.')[0];
	return id && id.length <= 64 ? id : null;
}

export function invalidateSession(db: Db, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

/** Ends every session of a user (on disable and password reset). */
export function invalidateUserSessions(db: Db, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}
