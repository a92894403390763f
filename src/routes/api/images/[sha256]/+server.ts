/**
 * GET /api/images/:sha256 – a board image, to members of the case it was uploaded to. Images
 * are immutable (named by their hash), so they may be cached privately.
 */
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { caseAccess } from '$lib/server/access';
import { first, getDb } from '$lib/server/db/client';
import { images } from '$lib/server/db/tables';
import { ApiError, api, notFound } from '$lib/server/http';
import { guestInvite } from '$lib/server/guest';
import { meetings } from '$lib/server/db/tables';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = event.locals.user;
		const db = getDb();
		const invite = user ? null : await guestInvite(db, event.cookies);
		if (!user && !invite) throw new ApiError(401, 'Log ind for at fortsætte.');
		const sha = event.params.sha256;
		if (!/^[0-9a-f]{64}$/.test(sha)) throw notFound();
		const guestCase = invite
			? (
					await db
						.select({ caseId: meetings.caseId })
						.from(meetings)
						.where(eq(meetings.id, invite.meetingId))
						.limit(1)
						.then(first)
				)?.caseId
			: null;
		// One row per case that uploaded this picture: serve the one this caller may see.
		let row: typeof images.$inferSelect | undefined;
		for (const r of await db.select().from(images).where(eq(images.sha256, sha))) {
			if (user ? !!(await caseAccess(db, user.id, r.caseId)) : guestCase === r.caseId) {
				row = r;
				break;
			}
		}
		if (!row) throw notFound();
		return new Response(new Uint8Array(row.bytes), {
			headers: {
				'Content-Type': row.mime,
				'Content-Length': String(row.size),
				'Cache-Control': 'private, max-age=31536000, immutable',
				'Content-Disposition': 'inline',
				'X-Content-Type-Options': 'nosniff',
				// Opened on its own, an image may not run or load anything.
				'Content-Security-Policy': "default-src 'none'; sandbox"
			}
		});
	});
