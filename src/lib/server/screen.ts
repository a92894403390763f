/**
 * The meeting room's screen (docs/screen.md): a screen link is an invite of kind `screen` – a
 * random token, only its SHA-256 stored, always read-only, for one meeting, expiring (12 hours by
 * default: a meeting day) and revocable (revoking closes the screen's socket through the
 * `invite-revoked` event). The link sets an HttpOnly cookie scoped to `/screen` and redirects
 * there, so the token is not left in the address bar on the wall; the screen page opens nothing
 * but that meeting's live board, read-only, without any link into the app.
 */
import type { Cookies } from '@sveltejs/kit';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { first, type Db } from './db/client';
import { invites } from './db/tables';
import { type Invite, type Meeting } from './db/schema';
import { createInvite, findValidInvite, revokeInvite } from './invites';
import { publish } from './events';
import { rememberGuest } from './guest';
import { meetingById } from './db/by-id';

export const SCREEN_COOKIE = 'screen';
export const SCREEN_MINUTES = 12 * 60;
export const SCREEN_NAME = 'Mødelokalets skærm';

export async function createScreenLink(
	db: Db,
	meeting: Meeting,
	createdBy: string,
	now = new Date()
): Promise<{ invite: Invite; token: string }> {
	return await createInvite(
		db,
		{
			meetingId: meeting.id,
			name: SCREEN_NAME,
			role: 'skærm',
			readOnly: true,
			expiresInMinutes: SCREEN_MINUTES,
			createdBy,
			kind: 'screen'
		},
		now
	);
}

/** The meeting's screen links that still work, newest first. */
export async function activeScreenLinks(
	db: Db,
	meetingId: string,
	now = new Date()
): Promise<Invite[]> {
	return (
		await db
			.select()
			.from(invites)
			.where(
				and(
					eq(invites.meetingId, meetingId),
					eq(invites.kind, 'screen'),
					isNull(invites.revokedAt),
					gt(invites.expiresAt, now)
				)
			)
	).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/** Revokes one of the meeting's screen links; false when it is not one. */
export async function revokeScreenLink(
	db: Db,
	meetingId: string,
	inviteId: string
): Promise<boolean> {
	const invite = await db
		.select()
		.from(invites)
		.where(
			and(eq(invites.id, inviteId), eq(invites.meetingId, meetingId), eq(invites.kind, 'screen'))
		)
		.limit(1)
		.then(first);
	if (!invite) return false;
	await revokeInvite(db, invite.id);
	publish({ type: 'invite-revoked', inviteId: invite.id });
	return true;
}

/** A valid screen link for `token` and its meeting, or null. */
export async function findScreen(
	db: Db,
	token: string | undefined
): Promise<{ invite: Invite; meeting: Meeting } | null> {
	if (!token) return null;
	const invite = await findValidInvite(db, token);
	if (!invite || invite.kind !== 'screen') return null;
	const meeting = await meetingById(db, invite.meetingId);
	return meeting ? { invite, meeting } : null;
}

/** Remembers the screen link in this browser: for the screen page and the board's images. */
export function rememberScreen(
	cookies: Cookies,
	token: string,
	invite: Invite,
	secure: boolean
): void {
	cookies.set(SCREEN_COOKIE, token, {
		path: '/screen',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: invite.expiresAt
	});
	rememberGuest(cookies, token, invite, secure);
}
