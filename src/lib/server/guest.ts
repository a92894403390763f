/**
 * Guests open one meeting's board through an invite link (`/meetings/<id>/board?invite=<token>`).
 * The board page remembers the token in an HttpOnly cookie scoped to the API's images, so the
 * guest's browser can load the board's pictures; the sync socket carries `?invite=` itself.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Db } from './db/client';
import type { Invite } from './db/schema';
import { findValidInvite } from './invites';

export const GUEST_COOKIE = 'invite';

export function rememberGuest(
	cookies: Cookies,
	token: string,
	invite: Invite,
	secure: boolean
): void {
	cookies.set(GUEST_COOKIE, token, {
		path: '/api/images',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: invite.expiresAt
	});
}

/** The valid invite behind the guest cookie, if any. */
export async function guestInvite(db: Db, cookies: Cookies): Promise<Invite | null> {
	const token = cookies.get(GUEST_COOKIE);
	return token ? await findValidInvite(db, token) : null;
}
