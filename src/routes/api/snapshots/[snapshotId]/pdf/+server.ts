import type { RequestHandler } from './$types';
import { api, requireApiUser } from '$lib/server/http';
import { readSnapshotForApi } from '$lib/server/snapshot-read';
import { snapshotPdfFor } from '$lib/server/snapshot-pdf';

/** The snapshot as a PDF/A-2b document for the case file. */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const user = requireApiUser(event);
		const { snapshot, view } = await readSnapshotForApi(event, 'snapshot.export');
		const { bytes, filename } = await snapshotPdfFor(snapshot, user, view);
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${filename}"`,
				'x-content-sha256': snapshot.sha256,
				'cache-control': 'no-store'
			}
		});
	});
