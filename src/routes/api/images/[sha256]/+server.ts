/**
 * GET /api/images/:sha256 – a board image, to members of the case it was uploaded to. Images
 * are immutable (named by their hash), so they may be cached privately.
 */
import { eq } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { caseAccess } from '$lib/server/access';
import { getDb } from '$lib/server/db/client';
import { images } from '$lib/server/db/schema';
import { api, notFound, requireApiUser } from '$lib/server/http';

export const GET: RequestHandler = (event) =>
	api(() => {
		const user = requireApiUser(event);
		const sha = event.params.sha256;
		if (!/^[0-9a-f]{64}$/.test(sha)) throw notFound();
		const db = getDb();
		const row = db.select().from(images).where(eq(images.sha256, sha)).get();
		if (!row || !caseAccess(db, user.id, row.caseId)) throw notFound();
		return new Response(new Uint8Array(row.bytes), {
			headers: {
				'Content-Type': row.mime,
				'Content-Length': String(row.size),
				'Cache-Control': 'private, max-age=31536000, immutable',
				'Content-Disposition': 'inline',
				'X-Content-Type-Options': 'nosniff'
			}
		});
	});
