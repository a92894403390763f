/**
 * A second family in a test server's database, beside the demo case: another case with its own
 * facilitator, professional, parent and foster family, a planned meeting with a board, so that
 * cross-case access and erasure are tested against real neighbours. Written directly into the
 * server's database (the SQLite file, WAL letting it sit beside the running server, or its
 * PostgreSQL database); the accounts share the demo password.
 */
import { eq } from 'drizzle-orm';
import type { CaseRole } from '../../src/lib/server/db/schema';
import {
	caseMembers,
	cases,
	meetingParticipants,
	meetings,
	users
} from '../../src/lib/server/db/tables';
import { seedStoredBoard, withAppDb } from './yclients';

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

export async function seedSecondCase(dbPath: string): Promise<void> {
	await withAppDb(dbPath, async (db) => {
		const [anne] = await db
			.select({ passwordHash: users.passwordHash })
			.from(users)
			.where(eq(users.id, 'demo-anne'));
		await db
			.insert(cases)
			.values({ id: OTHER_CASE.id, title: OTHER_CASE.title, reference: OTHER_CASE.reference });
		for (const [role, user] of Object.entries(OTHER_USERS)) {
			await db.insert(users).values({ ...user, passwordHash: anne!.passwordHash });
			await db
				.insert(caseMembers)
				.values({ caseId: OTHER_CASE.id, userId: user.id, role: role as CaseRole });
		}
		await db.insert(meetings).values({
			id: OTHER_CASE.meetingId,
			caseId: OTHER_CASE.id,
			boardId: OTHER_CASE.boardId,
			type: 'tvaerfagligt',
			title: 'Opfølgning for Noah',
			startsAt: new Date(Date.now() + 86_400_000)
		});
		for (const user of Object.values(OTHER_USERS))
			await db
				.insert(meetingParticipants)
				.values({ meetingId: OTHER_CASE.meetingId, userId: user.id });
	});
	await seedStoredBoard(dbPath, OTHER_CASE.boardId, (doc) => {
		doc.getMap('meta').set('meetingId', OTHER_CASE.meetingId);
		doc.getMap('test').set('marker', OTHER_CASE.boardMarker);
	});
}
