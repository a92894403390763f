/** Reading the audit log for admins, filtered by case, user and date range (Danish dates). */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { type Db } from './db/client';
import { auditLog, cases, users } from './db/tables';
import { parseMeetingTime } from './validation';

export const AUDIT_PAGE_SIZE = 200;

export interface AuditFilter {
	caseId?: string;
	userId?: string;
	/** `YYYY-MM-DD`, inclusive, Danish time. */
	from?: string;
	to?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(date: string): Date | null {
	return DATE.test(date) ? parseMeetingTime(`${date}T00:00`) : null;
}

export async function queryAudit(db: Db, filter: AuditFilter) {
	const where: SQL[] = [];
	if (filter.caseId) where.push(eq(auditLog.caseId, filter.caseId));
	if (filter.userId) where.push(eq(auditLog.userId, filter.userId));
	const from = filter.from ? dayStart(filter.from) : null;
	if (from) where.push(gte(auditLog.at, from));
	const to = filter.to ? dayStart(filter.to) : null;
	if (to) where.push(lt(auditLog.at, new Date(to.getTime() + 24 * 3600_000)));
	return db
		.select()
		.from(auditLog)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE);
}

export async function auditFilterOptions(db: Db) {
	return {
		cases: await db.select({ id: cases.id, title: cases.title }).from(cases),
		users: await db.select({ id: users.id, name: users.name, email: users.email }).from(users)
	};
}
