/**
 * Helpers for the JSON API (ARCHITECTURE.md §3): 401 without a session, 404 for ids that do not
 * exist or are not visible, 403 where the object is known but the action is not allowed, 400
 * with a readable message for bad input.
 */
import { json, type RequestEvent } from '@sveltejs/kit';
import type { SessionUser } from './auth/session';
import { InputError } from './validation';
import { audit } from './audit';
import { getDb, type Db } from './db/client';
import { meetingAccess, type MeetingAccess } from './access';
import type { Actor } from './meetings';

export class ApiError extends Error {
	readonly status: number;
	readonly fields?: Record<string, string>;
	readonly headers?: Record<string, string>;
	constructor(
		status: number,
		message: string,
		options: { fields?: Record<string, string>; headers?: Record<string, string> } = {}
	) {
		super(message);
		this.status = status;
		this.fields = options.fields;
		this.headers = options.headers;
	}
}

export const notFound = () => new ApiError(404, 'Findes ikke.');
export const forbidden = (message = 'Det har du ikke adgang til.') => new ApiError(403, message);

export function requireApiUser(event: RequestEvent): SessionUser {
	if (!event.locals.user) throw new ApiError(401, 'Log ind for at fortsætte.');
	return event.locals.user;
}

const MAX_JSON_BYTES = 256 * 1024;

/** Reads a JSON body; a missing, oversized or malformed body is a 400. */
export async function readJson(request: Request): Promise<unknown> {
	const type = request.headers.get('content-type') ?? '';
	if (!type.includes('application/json'))
		throw new ApiError(400, 'Send data som JSON (Content-Type: application/json).');
	const text = await request.text();
	if (text.length > MAX_JSON_BYTES) throw new ApiError(400, 'Forespørgslen er for stor.');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new ApiError(400, 'Forespørgslen er ikke gyldig JSON.');
	}
}

/** Runs an API handler, turning ApiError and InputError into JSON error responses. */
export async function api(run: () => Response | Promise<Response>): Promise<Response> {
	try {
		return await run();
	} catch (error) {
		if (error instanceof ApiError)
			return json(
				{ error: error.message, ...(error.fields ? { fields: error.fields } : {}) },
				{ status: error.status, headers: error.headers }
			);
		if (error instanceof InputError)
			return json({ error: error.message, fields: error.fields }, { status: 400 });
		throw error;
	}
}

export function clientIp(event: RequestEvent): string | null {
	try {
		return event.getClientAddress();
	} catch {
		return null;
	}
}

/** Audits an action by the logged-in user of `event` (synchronously, before the response). */
export async function auditEvent(
	event: RequestEvent,
	action: string,
	target: {
		caseId?: string | null;
		targetType?: string;
		targetId?: string;
		detail?: Record<string, unknown>;
	} = {}
): Promise<void> {
	const user = event.locals.user;
	await audit(getDb(), {
		userId: user?.id ?? null,
		actor: user?.name ?? 'anonym',
		action,
		ip: clientIp(event),
		...target
	});
}

/**
 * The logged-in caller of a meeting route and what they may do with the meeting in its URL:
 * 401 without a session, 404 when they may not see the meeting, and, with `manage`, 403 with
 * that message unless they run the meeting (the facilitator).
 */
export async function meetingForApi(
	event: RequestEvent<{ meetingId: string }>,
	options: { manage?: string } = {}
): Promise<{ user: SessionUser; db: Db; access: MeetingAccess; actor: Actor }> {
	const user = requireApiUser(event);
	const db = getDb();
	const access = await meetingAccess(db, user.id, event.params.meetingId);
	if (!access) throw notFound();
	if (options.manage !== undefined && !access.canManage) throw forbidden(options.manage);
	return { user, db, access, actor: { userId: user.id, name: user.name, ip: clientIp(event) } };
}
