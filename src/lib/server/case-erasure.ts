/**
 * Erasing a case (`DELETE /api/cases/:id`, an administrator, after the retention review): every
 * trace of it goes – records, the boards' update logs and compacted states (both documents of
 * each board), snapshots, images, invites, responses, the family's own accounts (parents and
 * foster family on no other case) and the audit entries of the case and those accounts – except
 * one audit entry saying that it was erased (by its id, not its journal number), by whom and when. Deleted content is overwritten
 * (`secure_delete`) and the write-ahead log emptied, so a scan of the database files finds none
 * of it (tests/integration/case-erasure.test.ts). Browser copies go on their next contact
 * (`POST /api/offline-copies`).
 *
 * Order: the sync server first closes the case's sockets and rooms (and lets nothing reconnect),
 * so no room writes after the delete; then one transaction deletes everything.
 */
import { and, eq, inArray, ne, notInArray, or } from 'drizzle-orm';
import * as v from 'valibot';
import type { SessionUser } from './auth/session';
import { onPostgres, transaction, type Db } from './db/client';
import { auditLog, caseMembers, cases, erasuresInProgress, meetings, users } from './db/tables';
import { boardStates, boardUpdates } from './db/schema';
import { audit } from './audit';
import { publish } from './events';
import { goalsDocId } from '../board/parts';
import { InputError, parse } from './validation';
import { sharedBoardStore } from '$server/persistence/shared';
import { caseById } from './db/by-id';

const confirmSchema = v.object({
	confirm: v.pipe(v.string('Skriv sagens journalnummer for at bekræfte.'), v.trim())
});

export interface ErasureResult {
	caseId: string;
	reference: string | null;
	boards: number;
	/** The family's accounts erased with the case. */
	accounts: number;
	/**
	 * SQLite: whether the write-ahead log could be emptied at once (false: a reader held it; it
	 * empties at the next checkpoint). PostgreSQL recycles its WAL itself: always false there
	 * (docs/scaling.md, "What differs from SQLite").
	 */
	walTruncated: boolean;
}

/**
 * Erases the case after checking `input.confirm` against its journal number (or its id when it
 * has none). Throws `InputError` and changes nothing when the confirmation does not match.
 */
export async function eraseCase(
	db: Db,
	caseId: string,
	input: unknown,
	by: Pick<SessionUser, 'id' | 'name'>,
	ip: string | null = null
): Promise<ErasureResult> {
	const theCase = await caseById(db, caseId);
	if (!theCase) throw new Error(`no case ${caseId}`);
	const { confirm } = parse(confirmSchema, input);
	const expected = theCase.reference ?? theCase.id;
	if (confirm !== expected)
		throw new InputError({ confirm: 'Journalnummeret passer ikke. Intet er slettet.' });

	const mainIds = (
		await db.select({ boardId: meetings.boardId }).from(meetings).where(eq(meetings.caseId, caseId))
	).map(({ boardId }) => boardId);
	const boardIds = mainIds.flatMap((boardId) => [boardId, goalsDocId(boardId)]);

	// The family's accounts (parents, foster family) exist for this case: they go with it unless
	// the person is on another case too. Professionals' accounts stay.
	const otherCases = db
		.select({ userId: caseMembers.userId })
		.from(caseMembers)
		.where(ne(caseMembers.caseId, caseId));
	const familyIds = (
		await db
			.select({ id: users.id })
			.from(caseMembers)
			.innerJoin(users, eq(users.id, caseMembers.userId))
			.where(
				and(
					eq(caseMembers.caseId, caseId),
					inArray(caseMembers.role, ['parent', 'foster']),
					eq(users.isAdmin, false),
					notInArray(caseMembers.userId, otherCases)
				)
			)
	).map(({ id }) => id);

	// The sync server closes the case's sockets and rooms, storing what they hold, and refuses
	// new ones for the case from now on.
	const pending: Promise<void>[] = [];
	publish({ type: 'case-erasing', caseId, boardIds, wait: (p) => pending.push(p) });
	try {
		await Promise.all(pending);
		// With the boards on PostgreSQL (DATABASE_URL) they go there too, first: should the rest
		// fail, the case is still there to erase again, and its boards answer empty.
		await sharedBoardStore()?.deleteBoards(mainIds);
		const postgres = onPostgres(db);
		await transaction(db, async (tx) => {
			const subjects = [caseId, ...familyIds];
			await tx.insert(erasuresInProgress).values(subjects.map((subjectId) => ({ subjectId })));
			// On SQLite the boards are tables of this database (on PostgreSQL the board store's,
			// deleted above).
			if (boardIds.length && !postgres) {
				await tx.delete(boardUpdates).where(inArray(boardUpdates.boardId, boardIds));
				await tx.delete(boardStates).where(inArray(boardStates.boardId, boardIds));
			}
			// Meetings, members, agenda, participants, choices, consents, invites, snapshots,
			// responses and images go with the case (ON DELETE CASCADE); sessions with the accounts.
			await tx.delete(cases).where(eq(cases.id, caseId));
			if (familyIds.length) await tx.delete(users).where(inArray(users.id, familyIds));
			await tx
				.delete(auditLog)
				.where(
					familyIds.length
						? or(eq(auditLog.caseId, caseId), inArray(auditLog.userId, familyIds))
						: eq(auditLog.caseId, caseId)
				);
			await tx.delete(erasuresInProgress).where(inArray(erasuresInProgress.subjectId, subjects));
			await audit(tx, {
				userId: by.id,
				actor: by.name,
				action: 'case.erase',
				targetType: 'case',
				targetId: caseId,
				ip,
				detail: { boards: boardIds.length / 2, accounts: familyIds.length }
			});
		});
		// SQLite's log still holds the deleted pages as they were: copy it into the file and empty it.
		const walTruncated = postgres ? false : truncateWal(db);
		publish({ type: 'access-changed', caseId });
		return {
			caseId,
			reference: theCase.reference,
			boards: boardIds.length / 2,
			accounts: familyIds.length,
			walTruncated
		};
	} finally {
		publish({ type: 'case-erasing-ended', caseId });
	}
}

/** Empties SQLite's write-ahead log; false when a reader held it (it empties at the next checkpoint). */
function truncateWal(db: Db): boolean {
	const [result] = db.$client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
	return result?.busy === 0;
}
