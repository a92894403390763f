/**
 * POST /api/images?meetingId=… with the raw image as the body: stores a board image once by its
 * sha256 under the meeting's case and returns `{ sha256, url, mime, size }`. The type is decided
 * by magic bytes (png, jpeg, webp, gif), the size limit is 5 MiB, and only people who may edit
 * the meeting's board may upload.
 */
import { json } from '@sveltejs/kit';
import { createHash } from 'node:crypto';
import type { RequestHandler } from './$types';
import { inviteBoardAccess, meetingAccess } from '$lib/server/access';
import { guestInvite } from '$lib/server/guest';
import { eq } from 'drizzle-orm';
import { meetings } from '$lib/server/db/tables';
import { first, type Db } from '$lib/server/db/client';

const boardIdOf = async (db: Db, meetingId: string) =>
	(
		await db
			.select({ boardId: meetings.boardId })
			.from(meetings)
			.where(eq(meetings.id, meetingId))
			.limit(1)
			.then(first)
	)?.boardId ?? '';
import { getDb } from '$lib/server/db/client';
import { images } from '$lib/server/db/tables';
import { api, ApiError, auditEvent, forbidden, notFound, requireApiUser } from '$lib/server/http';
import { MAX_IMAGE_BYTES, sniffImage } from './image-type';

async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
	const declared = Number(request.headers.get('content-length') ?? '0');
	if (declared > limit) throw new ApiError(413, 'Billedet er for stort (højst 5 MB).');
	const reader = request.body?.getReader();
	if (!reader) throw new ApiError(400, 'Send billedet som forespørgslens indhold.');
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.byteLength;
		if (total > limit) {
			await reader.cancel();
			throw new ApiError(413, 'Billedet er for stort (højst 5 MB).');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return out;
}

export const POST: RequestHandler = (event) =>
	api(async () => {
		const meetingId = event.url.searchParams.get('meetingId') ?? '';
		const db = getDb();
		const user = event.locals.user;
		const invite = user ? null : await guestInvite(db, event.cookies);
		if (!user && !invite) requireApiUser(event);
		const access = !meetingId
			? null
			: user
				? await meetingAccess(db, user.id, meetingId)
				: invite && invite.meetingId === meetingId
					? await inviteBoardAccess(db, invite, await boardIdOf(db, meetingId))
					: null;
		if (!access) throw notFound();
		if (!access.canEditBoard) throw forbidden('Du kan ikke ændre denne tavle.');
		const bytes = await readLimited(event.request, MAX_IMAGE_BYTES);
		if (bytes.byteLength === 0) throw new ApiError(400, 'Billedet er tomt.');
		const mime = sniffImage(bytes);
		if (!mime) throw new ApiError(400, 'Kun billeder i PNG, JPEG, WebP eller GIF kan indsættes.');
		const sha256 = createHash('sha256').update(bytes).digest('hex');
		await db
			.insert(images)
			.values({
				sha256,
				mime,
				bytes: Buffer.from(bytes),
				size: bytes.byteLength,
				caseId: access.meeting.caseId
			})
			.onConflictDoNothing();
		await auditEvent(event, 'image.upload', {
			caseId: access.meeting.caseId,
			targetType: 'image',
			targetId: sha256,
			detail: { meetingId, size: bytes.byteLength, mime }
		});
		return json(
			{ sha256, url: `/api/images/${sha256}`, mime, size: bytes.byteLength },
			{ status: 201 }
		);
	});
