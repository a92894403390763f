/**
 * POST /api/offline-copies `{boardIds: [...]}` → `{remove: [...]}`: of the boards this browser
 * keeps copies of, those the person may no longer keep (src/lib/server/offline-copies.ts).
 */
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { api, readJson, requireApiUser } from '$lib/server/http';
import { copiesToRemove } from '$lib/server/offline-copies';

export const POST: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		return json({ remove: await copiesToRemove(getDb(), user.id, await readJson(event.request)) });
	});
