/**
 * Who may open `/sync/<boardId>`, decided on the upgrade request: the `session` cookie, or
 * `?invite=<token>` for guests, then the one authorization module (access.ts). The same
 * credential is checked again whenever the app says something changed (events.ts).
 */
import type { IncomingMessage } from 'node:http';
import { splitDocId } from '../../src/lib/board/parts';
import { boardAccess, inviteBoardAccess, type MeetingAccess } from '../../src/lib/server/access';
import { seesGoals } from '../../src/lib/server/consent';
import { SESSION_COOKIE, validateSessionToken } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { findValidInvite } from '../../src/lib/server/invites';

export type Credential = { kind: 'session'; token: string } | { kind: 'invite'; token: string };

/** Who is connected, as far as the sync server needs to know. */
export interface Identity {
	credential: Credential;
	userId: string | null;
	sessionId: string | null;
	inviteId: string | null;
	/** As shown in the audit log: the user's name or "gæst: <name>". */
	actor: string;
	/** When the credential must be checked again (session inactivity end, invite expiry). */
	recheckAt: Date;
}

export type Authorization =
	| { ok: true; identity: Identity; access: MeetingAccess }
	/** No valid credential. */
	| { ok: false; status: 401 }
	/** A valid credential without access to this board (or the board does not exist). */
	| { ok: false; status: 403 };

export const SYNC_PATH = '/sync/';

/** The board id of a `/sync/<boardId>` URL, or null for any other path. */
export function boardIdFromUrl(url: URL): string | null {
	if (!url.pathname.startsWith(SYNC_PATH)) return null;
	const rest = url.pathname.slice(SYNC_PATH.length);
	if (!rest || rest.includes('/')) return null;
	try {
		const id = decodeURIComponent(rest);
		return id.length > 0 && id.length <= 200 ? id : null;
	} catch {
		return null;
	}
}

function cookieValue(header: string | undefined, name: string): string | null {
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) {
			try {
				return decodeURIComponent(part.slice(eq + 1).trim());
			} catch {
				return null;
			}
		}
	}
	return null;
}

/** The credentials an upgrade request carries, session first. */
export function credentialsOf(req: IncomingMessage, url: URL): Credential[] {
	const found: Credential[] = [];
	const session = cookieValue(req.headers.cookie, SESSION_COOKIE);
	if (session) found.push({ kind: 'session', token: session });
	const invite = url.searchParams.get('invite');
	if (invite) found.push({ kind: 'invite', token: invite });
	return found;
}

/**
 * Whether the Origin header (sent by browsers) names this server: blocks cross-site WebSocket
 * hijacking with a victim's cookie. Requests without Origin (non-browser clients) pass.
 */
export function originAllowed(req: IncomingMessage, publicOrigin: string | undefined): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	if (publicOrigin && origin === publicOrigin.replace(/\/$/, '')) return true;
	try {
		return new URL(origin).host === req.headers.host;
	} catch {
		return false;
	}
}

/**
 * Checks one credential against a board document (`<boardId>` or its goals document
 * `<boardId>~goals`, which needs the right to see the goals: docs/consent.md); null when the
 * credential itself is not valid.
 */
export async function authorizeCredential(
	db: Db,
	credential: Credential,
	docId: string,
	now = new Date()
): Promise<{ identity: Identity; access: MeetingAccess | null } | null> {
	const { boardId, part } = splitDocId(docId);
	const result = await authorizeBoard(db, credential, boardId, now);
	if (!result || part === 'main' || !result.access) return result;
	const { access, invite } = result;
	return (await seesGoals(db, access.meeting.caseId, access.role, invite))
		? result
		: { identity: result.identity, access: null };
}

async function authorizeBoard(
	db: Db,
	credential: Credential,
	boardId: string,
	now: Date
): Promise<{
	identity: Identity;
	access: MeetingAccess | null;
	invite?: { placement: boolean };
} | null> {
	if (credential.kind === 'session') {
		const session = await validateSessionToken(db, credential.token, now);
		if (!session) return null;
		return {
			identity: {
				credential,
				userId: session.user.id,
				sessionId: session.id,
				inviteId: null,
				actor: session.user.name,
				recheckAt: session.expiresAt
			},
			access: await boardAccess(db, session.user.id, boardId)
		};
	}
	const invite = await findValidInvite(db, credential.token, now);
	if (!invite) return null;
	return {
		identity: {
			credential,
			userId: null,
			sessionId: null,
			inviteId: invite.id,
			actor: `gæst: ${invite.name}`,
			recheckAt: invite.expiresAt
		},
		access: await inviteBoardAccess(db, invite, boardId, now),
		invite
	};
}

/** Decides an upgrade: the first credential that grants access wins. */
export async function authorizeUpgrade(
	db: Db,
	credentials: Credential[],
	boardId: string
): Promise<Authorization> {
	let authenticated = false;
	for (const credential of credentials) {
		const result = await authorizeCredential(db, credential, boardId);
		if (!result) continue;
		authenticated = true;
		if (result.access) return { ok: true, identity: result.identity, access: result.access };
	}
	return authenticated ? { ok: false, status: 403 } : { ok: false, status: 401 };
}
