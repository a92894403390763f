import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { readCase } from '$lib/server/cases';
import { caseAccess } from '$lib/server/access';
import { eraseCase } from '$lib/server/case-erasure';
import {
	api,
	ApiError,
	auditEvent,
	clientIp,
	forbidden,
	notFound,
	readJson,
	requireApiUser
} from '$lib/server/http';
import { caseById } from '$lib/server/db/by-id';

export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const view = await readCase(getDb(), user.id, event.params.caseId);
		if (!view) throw notFound();
		await auditEvent(event, 'case.read', {
			caseId: view.id,
			targetType: 'case',
			targetId: view.id
		});
		return json({ case: view });
	});

/**
 * DELETE /api/cases/:caseId `{confirm: <journal number>}` – erases the case and every trace of it
 * (an administrator, once the case is closed); leaves one audit entry.
 */
export const DELETE: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const theCase = await caseById(db, event.params.caseId);
		if (!user.isAdmin) {
			if (theCase && (await caseAccess(db, user.id, theCase.id)))
				throw forbidden('Kun en administrator kan slette en sag.');
			throw notFound();
		}
		if (!theCase) throw notFound();
		if (!theCase.closedAt)
			throw new ApiError(409, 'Sagen skal lukkes af tovholderen, før den kan slettes.');
		const result = await eraseCase(
			db,
			theCase.id,
			await readJson(event.request),
			user,
			clientIp(event)
		);
		return json({ erased: result });
	});
