import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { first, getDb } from '$lib/server/db/client';
import { meetingAccess, inviteBoardAccess } from '$lib/server/access';
import { findValidInvite } from '$lib/server/invites';
import { agendaOf, meetingDetails } from '$lib/server/meetings';
import { users } from '$lib/server/db/tables';
import { type Meeting } from '$lib/server/db/schema';
import { api, ApiError, auditEvent, notFound } from '$lib/server/http';
import { audit } from '$lib/server/audit';
import { meetingCalendar } from '$lib/server/calendar';
import { clientIp } from '$lib/server/http';
import { meetingById } from '$lib/server/db/by-id';

function calendarResponse(body: string, meeting: Meeting): Response {
	return new Response(body, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="moede-${meeting.id}.ics"`,
			'cache-control': 'no-store'
		}
	});
}

async function minutesOf(meetingId: string): Promise<number | null> {
	const total = (await agendaOf(getDb(), meetingId)).reduce(
		(n, a) => n + (a.durationMinutes ?? 0),
		0
	);
	return total > 0 ? total : null;
}

/**
 * The meeting as an iCalendar file for one participant (with a reminder the day before): the
 * caller's own, or – for the facilitator – a participant's (`?for=<userId>`). A guest gets theirs
 * with their invite (`?invite=<token>`). A meeting the caller cannot see is 404.
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const db = getDb();
		const user = event.locals.user;
		const token = event.url.searchParams.get('invite');
		if (!user) {
			const invite = token ? await findValidInvite(db, token) : null;
			const meeting = invite ? await meetingById(db, event.params.meetingId) : undefined;
			if (
				!invite ||
				invite.kind !== 'guest' ||
				!meeting ||
				!(await inviteBoardAccess(db, invite, meeting.boardId))
			)
				throw new ApiError(401, 'Log ind for at fortsætte.');
			await audit(db, {
				actor: `gæst: ${invite.name}`,
				action: 'calendar.download',
				caseId: meeting.caseId,
				targetType: 'meeting',
				targetId: meeting.id,
				ip: clientIp(event),
				detail: { inviteId: invite.id }
			});
			const url = `${event.url.origin}/meetings/${meeting.id}/board?invite=${token}`;
			return calendarResponse(
				meetingCalendar({
					meeting,
					minutes: await minutesOf(meeting.id),
					recipient: { key: `invite-${invite.id}`, name: invite.name },
					url
				}),
				meeting
			);
		}
		const access = await meetingAccess(db, user.id, event.params.meetingId);
		if (!access) throw notFound();
		const { meeting } = access;
		const forId = event.url.searchParams.get('for');
		let recipient = { key: user.id, name: user.name, email: null as string | null };
		if (forId && forId !== user.id) {
			if (!access.canManage)
				throw new ApiError(403, 'Kun tovholderen kan hente andres kalenderfil.');
			const participant = (await meetingDetails(db, meeting)).participants.find(
				(p) => p.userId === forId
			);
			if (!participant) throw new ApiError(400, 'Personen er ikke deltager i mødet.');
			recipient = { key: forId, name: participant.name, email: null };
		}
		const email = await db
			.select({ email: users.email })
			.from(users)
			.where(eq(users.id, recipient.key))
			.limit(1)
			.then(first);
		await auditEvent(event, 'calendar.download', {
			caseId: meeting.caseId,
			targetType: 'meeting',
			targetId: meeting.id,
			detail: { for: recipient.key }
		});
		return calendarResponse(
			meetingCalendar({
				meeting,
				minutes: await minutesOf(meeting.id),
				recipient: { ...recipient, email: email?.email ?? null },
				url: `${event.url.origin}/meetings/${meeting.id}`
			}),
			meeting
		);
	});
