/**
 * A second family in a test server's database, beside the demo case: another case with its own
 * facilitator, professional, parent and foster family, a planned meeting with a board, so that
 * cross-case access and erasure are tested against real neighbours. Written directly into the
 * SQLite file (WAL lets it sit beside the running server); the accounts share the demo password.
 */
import * as Y from 'yjs';
import * as schema from '../../src/lib/server/db/schema';
import { withDb } from './yclients';
import { eq } from 'drizzle-orm';

export const OTHER_CASE = {
	id: 'test-case-noah',
	title: 'Noah Kvist Lindqvist',
	reference: 'TEST-2026-0077',
	meetingId: 'test-meeting-noah',
	boardId: 'test-board-noah',
	/** A string that is only on the second case's board. */
	boardMarker: 'Noahs-tavle-bevares-9d41'
} as const;

export const OTHER_USERS = {
	facilitator: { id: 'test-ida', email: 'ida@other.example', name: 'Ida Thorsager' },
	professional: { id: 'test-omar', email: 'omar@other.example', name: 'Omar Vestergaard' },
	parent: { id: 'test-rikke', email: 'rikke@other.example', name: 'Rikke Lindqvist' },
	foster: { id: 'test-bach', email: 'bach@other.example', name: 'Plejefamilien Bach' }
} as const;

export function seedSecondCase(dbPath: string): void {
	withDb(dbPath, (db) => {
		const { passwordHash } = db
			.select({ passwordHash: schema.users.passwordHash })
			.from(schema.users)
			.where(eq(schema.users.id, 'demo-anne'))
			.get()!;
		db.insert(schema.cases)
			.values({ id: OTHER_CASE.id, title: OTHER_CASE.title, reference: OTHER_CASE.reference })
			.run();
		for (const [role, user] of Object.entries(OTHER_USERS)) {
			db.insert(schema.users)
				.values({ ...user, passwordHash })
				.run();
			db.insert(schema.caseMembers)
				.values({ caseId: OTHER_CASE.id, userId: user.id, role: role as schema.CaseRole })
				.run();
		}
		db.insert(schema.meetings)
			.values({
				id: OTHER_CASE.meetingId,
				caseId: OTHER_CASE.id,
				boardId: OTHER_CASE.boardId,
				type: 'tvaerfagligt',
				title: 'Opfølgning for Noah',
				startsAt: new Date(Date.now() + 86_400_000)
			})
			.run();
		for (const user of Object.values(OTHER_USERS))
			db.insert(schema.meetingParticipants)
				.values({ meetingId: OTHER_CASE.meetingId, userId: user.id })
				.run();
	});
	const doc = new Y.Doc();
	doc.getMap('meta').set('meetingId', OTHER_CASE.meetingId);
	doc.getMap('test').set('marker', OTHER_CASE.boardMarker);
	withDb(dbPath, (db) =>
		db
			.insert(schema.boardStates)
			.values({
				boardId: OTHER_CASE.boardId,
				state: Buffer.from(Y.encodeStateAsUpdate(doc)),
				throughSeq: 0,
				updatedAt: new Date()
			})
			.run()
	);
}
