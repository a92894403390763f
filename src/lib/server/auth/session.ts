/**
 * Sessions after Lucia's current guide (the `lucia` package itself is deprecated).
 *
 * A token is `<id>.<secret>`, each part 120 random bits. Only the SHA-256 of the secret is
 * stored; it is compared in constant time. A session ends after its idle time without use (HTTP
 * requests, and edits on the live board), at most a working day after login (`sessionLimits`),
 * on logout (here or everywhere), and when its user is disabled.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { eq, inArray } from 'drizzle-orm';
import { first, type Db } from '../db/client';
import { sessions, users } from '../db/tables';
import { type User } from '../db/schema';
import { randomId } from '../ids';

export const SESSION_COOKIE = 'session';

const MINUTE = 60 * 1000;

function minutesFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	const value = raw === undefined || raw === '' ? NaN : Number(raw);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * How long sessions live (data about children: short). Idle: `SESSION_IDLE_MINUTES` (default
 * 120) without use; absolute: `SESSION_MAX_HOURS` (default 12, a working day) after login. Read
 * from the environment when used, so a server started with other values uses them.
 */
export function sessionLimits(): { idleMs: number; absoluteMs: number; activityWriteMs: number } {
	const idleMs = minutesFromEnv('SESSION_IDLE_MINUTES', 120) * MINUTE;
	const absoluteMs = minutesFromEnv('SESSION_MAX_HOURS', 12) * 60 * MINUTE;
	// Last use is written at most this often: a tenth of the idle time, at most 5 minutes.
	return { idleMs, absoluteMs, activityWriteMs: Math.min(5 * MINUTE, idleMs / 10) };
}

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

/** A new session's row and its token (shown to the client once); `createSession` stores it. */
export function newSession(
	userId: string,
	now = new Date()
): { row: typeof sessions.$inferInsert; token: string; expiresAt: Date } {
	const id = randomId();
	const secret = randomId();
	return {
		row: { id, userId, secretHash: hashSecret(secret), createdAt: now, lastUsedAt: now },
		token: `${id}.${secret}`,
		expiresAt: endOf(now, now)
	};
}

/** Creates a session for `userId` and returns its token (shown to the client once). */
export async function createSession(
	db: Db,
	userId: string,
	now = new Date()
): Promise<{ token: string; expiresAt: Date }> {
	const { row, token, expiresAt } = newSession(userId, now);
	await db.insert(sessions).values(row);
	return { token, expiresAt };
}

/**
 * Validates a token: returns the session and its user, or null when the token is malformed,
 * unknown, expired, or its user is disabled. Expired sessions are deleted. Slides the
 * inactivity window, writing the last use at most once an hour.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<ValidSession | null> {
	const parts = token.split('.');
	if (parts.length !== 2) return null;
	const [id, secret] = parts as [string, string];
	if (!id || !secret || id.length > 64 || secret.length > 64) return null;
	const row = await db
		.select({ session: sessions, user: users })
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id))
		.limit(1)
		.then(first);
	if (!row) return null;
	if (!constantTimeEqual(hashSecret(secret), row.session.secretHash)) return null;
	if (
		endOf(row.session.lastUsedAt, row.session.createdAt).getTime() <= now.getTime() ||
		row.user.disabledAt
	) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return null;
	}
	const lastUsedAt = await touch(db, id, row.session.lastUsedAt, now);
	const { id: userId, email, name, isAdmin, locale } = row.user;
	return {
		id,
		user: { id: userId, email, name, isAdmin, locale },
		expiresAt: endOf(lastUsedAt, row.session.createdAt)
	};
}

/** When a session last used at `lastUsedAt` and created at `createdAt` ends. */
function endOf(lastUsedAt: Date, createdAt: Date): Date {
	const { idleMs, absoluteMs } = sessionLimits();
	return new Date(Math.min(lastUsedAt.getTime() + idleMs, createdAt.getTime() + absoluteMs));
}

/** Records a use of the session (at most once per write interval); returns the last use. */
async function touch(db: Db, id: string, lastUsedAt: Date, now: Date): Promise<Date> {
	if (now.getTime() - lastUsedAt.getTime() < sessionLimits().activityWriteMs) return lastUsedAt;
	await db.update(sessions).set({ lastUsedAt: now }).where(eq(sessions.id, id));
	return now;
}

/**
 * Counts an edit on the live board as use of its session (the board talks over its socket, not
 * HTTP): slides the idle time, never past the absolute end. Returns the session's new end, or
 * null when the session is gone.
 */
export async function touchSession(
	db: Db,
	sessionId: string,
	now = new Date()
): Promise<Date | null> {
	return (await touchSessions(db, [sessionId], now)).get(sessionId) ?? null;
}

/** Sessions looked up per query in `touchSessions` (well under SQLite's limit of bound values). */
const TOUCH_CHUNK = 500;

/**
 * `touchSession` for many sessions at once (the sync server's round over every socket that
 * edited): one query per 500 sessions and one write for those due, instead of a query or two
 * each – with a thousand sockets, those ran back to back and held the event loop for a third of
 * a second. The event loop gets a turn between chunks. Returns each session's new end, or null
 * when it is gone or over.
 */
export async function touchSessions(
	db: Db,
	sessionIds: Iterable<string>,
	now = new Date()
): Promise<Map<string, Date | null>> {
	const ids = [...new Set(sessionIds)];
	const ends = new Map<string, Date | null>(ids.map((id) => [id, null]));
	const { activityWriteMs } = sessionLimits();
	for (let i = 0; i < ids.length; i += TOUCH_CHUNK) {
		if (i > 0) await new Promise((resolve) => setImmediate(resolve));
		const chunk = ids.slice(i, i + TOUCH_CHUNK);
		const rows = await db
			.select({ id: sessions.id, createdAt: sessions.createdAt, lastUsedAt: sessions.lastUsedAt })
			.from(sessions)
			.where(inArray(sessions.id, chunk));
		const due: string[] = [];
		for (const row of rows) {
			if (endOf(row.lastUsedAt, row.createdAt).getTime() <= now.getTime()) continue;
			const write = now.getTime() - row.lastUsedAt.getTime() >= activityWriteMs;
			if (write) due.push(row.id);
			ends.set(row.id, endOf(write ? now : row.lastUsedAt, row.createdAt));
		}
		if (due.length > 0)
			await db.update(sessions).set({ lastUsedAt: now }).where(inArray(sessions.id, due));
	}
	return ends;
}

/** The session id part of a token, without validating it (for logout). */
export function sessionIdOf(token: string): string | null {
	const id = token.split('.')[0];
	return id && id.length <= 64 ? id : null;
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (on disable and password reset). */
export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
