import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './db/client';
import { caseMembers, cases, meetingParticipants, meetings, users } from './db/schema';
import { createTestDb } from './test-db';
import {
	boardAccess,
	caseAccess,
	inviteBoardAccess,
	meetingAccess,
	visibleMeetings
} from './access';
import { createInvite, findValidInvite, revokeInvite } from './invites';

let db: Db;

beforeEach(async () => {
	db = createTestDb();
	for (const id of ['fac', 'pro', 'mom', 'foster', 'outsider'])
		await db
			.insert(users)
			.values({ id, email: `${id}@t.example`, name: id, passwordHash: 'x' })
			.run();
	await db.insert(cases).values({ id: 'c1', title: 'Case' }).run();
	await db
		.insert(caseMembers)
		.values([
			{ caseId: 'c1', userId: 'fac', role: 'facilitator' },
			{ caseId: 'c1', userId: 'pro', role: 'professional' },
			{ caseId: 'c1', userId: 'mom', role: 'parent' },
			{ caseId: 'c1', userId: 'foster', role: 'foster' }
		])
		.run();
	const base = { caseId: 'c1', type: 'tvaerfagligt' as const, title: 'M', startsAt: new Date() };
	await db
		.insert(meetings)
		.values([
			{ ...base, id: 'open', boardId: 'b-open' },
			{ ...base, id: 'internal', boardId: 'b-internal', internal: true },
			{ ...base, id: 'ended', boardId: 'b-ended', status: 'ended' },
			{ ...base, id: 'uninvited', boardId: 'b-uninvited' }
		])
		.run();
	for (const meetingId of ['open', 'internal', 'ended'])
		for (const userId of ['pro', 'mom', 'foster'])
			await db.insert(meetingParticipants).values({ meetingId, userId }).run();
});

describe('access rules', () => {
	it('hides the case from non-members', async () => {
		expect(await caseAccess(db, 'outsider', 'c1')).toBeNull();
		expect(await meetingAccess(db, 'outsider', 'open')).toBeNull();
		expect(await boardAccess(db, 'outsider', 'b-open')).toBeNull();
		expect(await visibleMeetings(db, 'outsider', 'c1')).toEqual([]);
	});

	it('lets only the facilitator manage', async () => {
		expect((await caseAccess(db, 'fac', 'c1'))?.canManage).toBe(true);
		expect((await caseAccess(db, 'pro', 'c1'))?.canManage).toBe(false);
		expect((await meetingAccess(db, 'fac', 'uninvited'))?.canEditBoard).toBe(true);
		expect((await meetingAccess(db, 'pro', 'open'))?.canManage).toBe(false);
	});

	it('shows parents only non-internal meetings they take part in', async () => {
		expect((await visibleMeetings(db, 'mom', 'c1')).map((m) => m.id).sort()).toEqual([
			'ended',
			'open'
		]);
		expect(await meetingAccess(db, 'mom', 'internal')).toBeNull();
		expect(await meetingAccess(db, 'mom', 'uninvited')).toBeNull();
		expect((await visibleMeetings(db, 'foster', 'c1')).map((m) => m.id).sort()).toEqual([
			'ended',
			'internal',
			'open'
		]);
		expect(await visibleMeetings(db, 'pro', 'c1')).toHaveLength(4);
	});

	it('lets participants edit live boards only, and nobody edit an ended one', async () => {
		expect((await boardAccess(db, 'pro', 'b-open'))?.canEditBoard).toBe(true);
		expect((await boardAccess(db, 'pro', 'b-uninvited'))?.canEditBoard).toBe(false);
		expect((await boardAccess(db, 'mom', 'b-ended'))?.canEditBoard).toBe(false);
		expect((await boardAccess(db, 'fac', 'b-ended'))?.canEditBoard).toBe(false);
	});

	it('opens one board through a valid invite, read-only if it says so, and not after revoking', async () => {
		const now = new Date();
		const { invite, token } = await createInvite(
			db,
			{
				meetingId: 'open',
				name: 'Tolk',
				role: 'tolk',
				readOnly: false,
				expiresInMinutes: 60,
				createdBy: 'fac'
			},
			now
		);
		expect((await findValidInvite(db, token, now))?.id).toBe(invite.id);
		expect((await inviteBoardAccess(db, invite, 'b-open', now))?.canEditBoard).toBe(true);
		expect(await inviteBoardAccess(db, invite, 'b-internal', now)).toBeNull();
		expect(await findValidInvite(db, token, new Date(now.getTime() + 61 * 60_000))).toBeNull();
		const ro = await createInvite(
			db,
			{
				meetingId: 'open',
				name: 'Leder',
				role: 'leder',
				readOnly: true,
				expiresInMinutes: 60,
				createdBy: 'fac'
			},
			now
		);
		expect((await inviteBoardAccess(db, ro.invite, 'b-open', now))?.canEditBoard).toBe(false);
		await revokeInvite(db, invite.id, now);
		expect(await findValidInvite(db, token, now)).toBeNull();
	});
});
