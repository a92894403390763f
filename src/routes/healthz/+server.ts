/**
 * GET /healthz (ARCHITECTURE.md §3): 200 when the process serves and its database answers, 503
 * otherwise. For load balancers and monitoring: no session needed, no data in the answer.
 */
import type { RequestHandler } from './$types';
import { databaseAnswers, getDb } from '$lib/server/db/client';

export const GET: RequestHandler = async () => {
	let ok = false;
	try {
		ok = (await databaseAnswers(getDb())) === true;
	} catch {
		ok = false;
	}
	return new Response(ok ? 'ok' : 'unavailable', {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
};
