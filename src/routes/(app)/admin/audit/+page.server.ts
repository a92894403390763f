import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { AUDIT_PAGE_SIZE, auditFilterOptions, queryAudit } from '$lib/server/audit-query';
import { auditEvent } from '$lib/server/http';

export const load: PageServerLoad = async (event) => {
	const q = event.url.searchParams;
	const filter = {
		caseId: q.get('case')?.slice(0, 64) || undefined,
		userId: q.get('user')?.slice(0, 64) || undefined,
		from: q.get('from')?.slice(0, 10) || undefined,
		to: q.get('to')?.slice(0, 10) || undefined
	};
	const db = getDb();
	const entries = (await queryAudit(db, filter)).map((e) => ({
		id: e.id,
		at: e.at.toISOString(),
		actor: e.actor,
		action: e.action,
		caseId: e.caseId,
		target: e.targetType ? `${e.targetType} ${e.targetId ?? ''}`.trim() : '',
		ip: e.ip
	}));
	await auditEvent(event, 'admin.audit.read', { detail: filter });
	return { filter, entries, pageSize: AUDIT_PAGE_SIZE, ...(await auditFilterOptions(db)) };
};
