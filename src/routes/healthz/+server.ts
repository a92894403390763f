/**
 * GET /healthz (ARCHITECTURE.md §3): 200 when the process serves and its database answers, 503
 * otherwise. For load balancers and monitoring: no session needed, no data in the answer.
 */
import { sql } from 'drizzle-orm';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';

export const GET: RequestHandler = () => {
	let ok = false;
	try {
		ok = getDb().get<{ one: number }>(sql`SELECT 1 AS one`)?.one === 1;
	} catch {
		ok = false;
	}
	return new Response(ok ? 'ok' : 'unavailable', {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};
