import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import { exportCase } from '$lib/server/case-export';
import { api, auditEvent, forbidden, notFound, requireApiUser } from '$lib/server/http';

/** GET /api/cases/:caseId/export – the case's complete data as one ZIP archive (facilitator). */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const db = getDb();
		const access = await caseAccess(db, user.id, event.params.caseId);
		if (!access) throw notFound();
		if (!access.canManage) throw forbidden('Kun tovholderen kan eksportere sagen.');
		const archive = await exportCase(db, access.case.id, user);
		await auditEvent(event, 'case.export', {
			caseId: access.case.id,
			targetType: 'case',
			targetId: access.case.id,
			detail: { bytes: archive.byteLength }
		});
		const ref = (access.case.reference ?? access.case.id).replace(/[^A-Za-z0-9-]+/g, '-');
		return new Response(new Uint8Array(archive), {
			headers: {
				'content-type': 'application/zip',
				'content-disposition': `attachment; filename="sag-${ref}.zip"`,
				'cache-control': 'no-store'
			}
		});
	});
