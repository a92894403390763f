/**
 * The audit log: every read or change of case data writes who, what, which case, when and from
 * where. Rows are insert-only (a trigger in the migrations refuses UPDATE and DELETE).
 */
import { type Db } from './db/client';
import { auditLog } from './db/tables';

export interface AuditEvent {
	userId?: string | null;
	/** Display name of whoever acted ("Anne", "gæst: Tolk"). */
	actor: string;
	/** Dotted verb, e.g. `case.read`, `meeting.create`, `board.connect`. */
	action: string;
	caseId?: string | null;
	targetType?: string | null;
	targetId?: string | null;
	ip?: string | null;
	detail?: Record<string, unknown> | null;
}

export async function audit(db: Db, event: AuditEvent, now = new Date()): Promise<void> {
	await db.insert(auditLog).values({
		at: now,
		userId: event.userId ?? null,
		actor: event.actor,
		action: event.action,
		caseId: event.caseId ?? null,
		targetType: event.targetType ?? null,
		targetId: event.targetId ?? null,
		ip: event.ip ?? null,
		detail: event.detail ?? null
	});
}
