/**
 * Snapshots: the immutable saved state of a board, linked to its case and meeting. The state is
 * read from storage, where every update is written before anyone else sees it, so a snapshot
 * holds everything any participant has been shown. A board is two documents (docs/consent.md):
 * the snapshot keeps the main document (`state`) and the goals document (`goalsState`), each with
 * its SHA-256, checked whenever it is read.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { goalsDocId } from '../../src/lib/board/parts';
import { returned, first, transaction, type Db } from '../../src/lib/server/db/client';
import { snapshots } from '../../src/lib/server/db/tables';
import { type Meeting, type Snapshot } from '../../src/lib/server/db/schema';
import { randomId } from '../../src/lib/server/ids';
import { audit } from '../../src/lib/server/audit';
import { markMeetingEnded, type Actor } from '../../src/lib/server/meetings';
import { publish } from '../../src/lib/server/events';
import { InputError } from '../../src/lib/server/validation';
import { sharedBoardStore } from '../persistence/shared';
import { readStoredDoc } from '../persistence/read';
import { readBoardState } from '../persistence/sqlite-store';
import { summarizeBoard } from './summary';

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

/** A board's two documents, each as one Yjs update. */
export interface BoardParts {
	main: Uint8Array;
	goals: Uint8Array;
}

/**
 * The document as one update of its current content. Decoding collects what was deleted, so the
 * bytes keep no deleted content – the goals moved out of an older main document are not in it.
 */
function reencode(update: Uint8Array): Uint8Array {
	const doc = new Y.Doc();
	try {
		Y.applyUpdate(doc, update);
		return Y.encodeStateAsUpdate(doc);
	} finally {
		doc.destroy();
	}
}

/** A board's two documents as stored now, from the board store in use (server/persistence/read.ts). */
export async function readBoardParts(db: Db, boardId: string): Promise<BoardParts> {
	const [main, goals] = await Promise.all([
		readStoredDoc(db, boardId),
		readStoredDoc(db, goalsDocId(boardId))
	]);
	return { main: reencode(main), goals: reencode(goals) };
}

/** The same, synchronously on the connection: inside a transaction (nothing stored in between). */
function readStoredParts(db: Db, boardId: string): BoardParts {
	return {
		main: reencode(readBoardState(db, boardId)),
		goals: reencode(readBoardState(db, goalsDocId(boardId)))
	};
}

/** Inserts a snapshot of `parts` (the caller reads them inside its transaction). */
export async function insertSnapshot(
	db: Db,
	meeting: Meeting,
	parts: BoardParts,
	reason: Snapshot['reason'],
	actor: Actor,
	createdAt = new Date()
): Promise<Snapshot> {
	const snapshot = await db
		.insert(snapshots)
		.values({
			id: randomId(),
			caseId: meeting.caseId,
			meetingId: meeting.id,
			boardId: meeting.boardId,
			state: Buffer.from(parts.main),
			sha256: sha256Hex(parts.main),
			goalsState: Buffer.from(parts.goals),
			goalsSha256: sha256Hex(parts.goals),
			summary: summarizeBoard(parts.main, parts.goals),
			reason,
			createdBy: actor.userId,
			createdAt
		})
		.returning()
		.then(returned);
	await audit(db, {
		userId: actor.userId,
		actor: actor.name,
		action: 'snapshot.create',
		caseId: meeting.caseId,
		targetType: 'snapshot',
		targetId: snapshot.id,
		ip: actor.ip,
		detail: { meetingId: meeting.id, reason }
	});
	return snapshot;
}

/** Saves a snapshot of a meeting's board now (the meeting goes on). */
export async function saveSnapshot(db: Db, meeting: Meeting, actor: Actor): Promise<Snapshot> {
	const parts = await readBoardParts(db, meeting.boardId);
	return transaction(db, (tx) => insertSnapshot(tx, meeting, parts, 'manual', actor));
}

/**
 * Ends a meeting and saves its snapshot in one IMMEDIATE transaction, then tells the sync server,
 * which stops applying updates to the board and turns its connections read-only.
 *
 * The race with a live edit: the status change seals the board (the store's `append` refuses
 * updates of an ended meeting's board, checked in its own transaction), and the state is read
 * after it under the same write lock. So an update is either stored before this transaction –
 * and is in the snapshot – or refused; none is ever stored outside the snapshot, whichever
 * process stores it.
 *
 * With the boards on PostgreSQL (`DATABASE_URL`), the seal lives there (`board_seals`): the
 * board is sealed and read in one PostgreSQL transaction first, then the meeting's status and the
 * snapshot are written here; if that fails, the seal is lifted again.
 */
export async function endMeeting(
	db: Db,
	meeting: Meeting,
	actor: Actor
): Promise<{ meeting: Meeting; snapshot: Snapshot }> {
	const shared = sharedBoardStore();
	let result: { meeting: Meeting; snapshot: Snapshot };
	if (!shared) {
		result = await endAndSnapshot(db, meeting, actor, () => readStoredParts(db, meeting.boardId));
	} else {
		if (meeting.status === 'ended') throw new InputError({ _: 'Mødet er allerede afsluttet.' });
		const stored = await shared.sealAndRead(meeting.boardId);
		const parts = { main: reencode(stored.main), goals: reencode(stored.goals) };
		try {
			result = await endAndSnapshot(db, meeting, actor, () => parts);
		} catch (error) {
			await shared.unseal(meeting.boardId);
			throw error;
		}
	}
	publish({
		type: 'meeting-status',
		meetingId: meeting.id,
		boardId: meeting.boardId,
		status: 'ended'
	});
	return result;
}

async function endAndSnapshot(
	db: Db,
	meeting: Meeting,
	actor: Actor,
	read: () => BoardParts
): Promise<{ meeting: Meeting; snapshot: Snapshot }> {
	return transaction(db, async (tx) => {
		const ended = await markMeetingEnded(tx, meeting);
		// Read inside the transaction (same connection): nothing can be stored in between.
		const parts = read();
		const snapshot = await insertSnapshot(tx, ended, parts, 'meeting-ended', actor);
		await audit(tx, {
			userId: actor.userId,
			actor: actor.name,
			action: 'meeting.end',
			caseId: meeting.caseId,
			targetType: 'meeting',
			targetId: meeting.id,
			ip: actor.ip
		});
		return { meeting: ended, snapshot };
	});
}

/** A stored snapshot whose bytes still match their SHA-256, or null when it has been altered. */
export async function verifiedSnapshot(db: Db, snapshotId: string): Promise<Snapshot | null> {
	const snapshot = await db
		.select()
		.from(snapshots)
		.where(eq(snapshots.id, snapshotId))
		.limit(1)
		.then(first);
	if (!snapshot) return null;
	return snapshotIntact(snapshot) ? snapshot : null;
}

/** Whether both stored documents of a snapshot still match their SHA-256. */
export function snapshotIntact(snapshot: Snapshot): boolean {
	if (sha256Hex(snapshot.state) !== snapshot.sha256) return false;
	if (snapshot.goalsState === null) return snapshot.goalsSha256 === null;
	return sha256Hex(snapshot.goalsState) === snapshot.goalsSha256;
}
