/**
 * Guest invites: a link with a random token that opens one meeting's board while it is valid.
 * Only the SHA-256 of the token is stored; the link is shown once, to the facilitator.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { eq } from 'drizzle-orm';
import { returned, first, type Db } from './db/client';
import { invites } from './db/tables';
import { type Invite } from './db/schema';
import { randomId } from './ids';

export const DEFAULT_INVITE_MINUTES = 8 * 60;
export const MAX_INVITE_MINUTES = 14 * 24 * 60;

function hashToken(token: string): Buffer {
	return Buffer.from(sha256(new TextEncoder().encode(token)));
}

export interface NewInvite {
	meetingId: string;
	name: string;
	role: string;
	readOnly: boolean;
	expiresInMinutes: number;
	createdBy: string;
	/** `screen` for the meeting room's screen (src/lib/server/screen.ts); default `guest`. */
	kind?: Invite['kind'];
	/** The person of the board's `people` it is for ("Inviter de valgte"). */
	personId?: string | null;
	/** Someone of the placement: sees the goals only with the parents' consent. */
	placement?: boolean;
}

export async function createInvite(
	db: Db,
	input: NewInvite,
	now = new Date()
): Promise<{ invite: Invite; token: string }> {
	const token = `${randomId()}${randomId()}`;
	const invite = await db
		.insert(invites)
		.values({
			id: randomId(),
			meetingId: input.meetingId,
			tokenHash: hashToken(token),
			name: input.name,
			role: input.role,
			readOnly: input.readOnly || input.kind === 'screen',
			kind: input.kind ?? 'guest',
			personId: input.personId ?? null,
			placement: input.placement ?? false,
			expiresAt: new Date(now.getTime() + input.expiresInMinutes * 60_000),
			createdBy: input.createdBy
		})
		.returning()
		.then(returned);
	return { invite, token };
}

/** The invite for a token if it exists, is not revoked and has not expired. */
export async function findValidInvite(
	db: Db,
	token: string,
	now = new Date()
): Promise<Invite | null> {
	if (!token || token.length > 128) return null;
	const invite = await db
		.select()
		.from(invites)
		.where(eq(invites.tokenHash, hashToken(token)))
		.limit(1)
		.then(first);
	if (!invite || invite.revokedAt || invite.expiresAt.getTime() <= now.getTime()) return null;
	return invite;
}

export async function revokeInvite(db: Db, inviteId: string, now = new Date()): Promise<void> {
	await db.update(invites).set({ revokedAt: now }).where(eq(invites.id, inviteId));
}
