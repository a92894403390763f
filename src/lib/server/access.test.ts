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

beforeEach(() => {
	db = createTestDb();
	for (const id of ['fac', 'pro', 'mom', 'foster', 'outsider'])
		db.insert(users)
			.values({ id, email: `${id}@t.example`, name: id, passwordHash: 'x' })
			.run();
	db.insert(cases).values({ id: 'c1', title: 'Case' }).run();
	db.insert(caseMembers)
		.values([
			{ caseId: 'c1', userId: 'fac', role: 'facilitator' },
			{ caseId: 'c1', userId: 'pro', role: 'professional' },
			{ caseId: 'c1', userId: 'mom', role: 'parent' },
			{ caseId: 'c1', userId: 'foster', role: 'foster' }
		])
		.run();
	const base = { caseId: 'c1', type: 'tvaerfagligt' as const, title: 'M', startsAt: new Date() };
	db.insert(meetings)
		.values([
			{ ...base, id: 'open', boardId: 'b-open' },
			{ ...base, id: 'internal', boardId: 'b-internal', internal: true },
			{ ...base, id: 'ended', boardId: 'b-ended', status: 'ended' },
			{ ...base, id: 'uninvited', boardId: 'b-uninvited' }
		])
		.run();
	for (const meetingId of ['open', 'internal', 'ended'])
		for (const userId of ['pro', 'mom', 'foster'])
			db.insert(meetingParticipants).values({ meetingId, userId }).run();
});

describe('access rules', () => {
	it('hides the case from non-members', () => {
		expect(caseAccess(db, 'outsider', 'c1')).toBeNull();
		expect(meetingAccess(db, 'outsider', 'open')).toBeNull();
		expect(boardAccess(db, 'outsider', 'b-open')).toBeNull();
		expect(visibleMeetings(db, 'outsider', 'c1')).toEqual([]);
	});

	it('lets only the facilitator manage', () => {
		expect(caseAccess(db, 'fac', 'c1')?.canManage).toBe(true);
		expect(caseAccess(db, 'pro', 'c1')?.canManage).toBe(false);
		expect(meetingAccess(db, 'fac', 'uninvited')?.canEditBoard).toBe(true);
		expect(meetingAccess(db, 'pro', 'open')?.canManage).toBe(false);
	});

	it('shows parents only non-internal meetings they take part in', () => {
		expect(
			visibleMeetings(db, 'mom', 'c1')
				.map((m) => m.id)
				.sort()
		).toEqual(['ended', 'open']);
		expect(meetingAccess(db, 'mom', 'internal')).toBeNull();
		expect(meetingAccess(db, 'mom', 'uninvited')).toBeNull();
		expect(
			visibleMeetings(db, 'foster', 'c1')
				.map((m) => m.id)
				.sort()
		).toEqual(['ended', 'internal', 'open']);
		expect(visibleMeetings(db, 'pro', 'c1')).toHaveLength(4);
	});

	it('lets participants edit live boards only, and nobody edit an ended one', () => {
		expect(boardAccess(db, 'pro', 'b-open')?.canEditBoard).toBe(true);
		expect(boardAccess(db, 'pro', 'b-uninvited')?.canEditBoard).toBe(false);
		expect(boardAccess(db, 'mom', 'b-ended')?.canEditBoard).toBe(false);
		expect(boardAccess(db, 'fac', 'b-ended')?.canEditBoard).toBe(false);
	});

	it('opens one board through a valid invite, read-only if it says so, and not after revoking', () => {
		const now = new Date();
		const { invite, token } = createInvite(
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
		expect(findValidInvite(db, token, now)?.id).toBe(invite.id);
		expect(inviteBoardAccess(db, invite, 'b-open', now)?.canEditBoard).toBe(true);
		expect(inviteBoardAccess(db, invite, 'b-internal', now)).toBeNull();
		expect(findValidInvite(db, token, new Date(now.getTime() + 61 * 60_000))).toBeNull();
		const ro = createInvite(
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
		expect(inviteBoardAccess(db, ro.invite, 'b-open', now)?.canEditBoard).toBe(false);
		revokeInvite(db, invite.id, now);
		expect(findValidInvite(db, token, now)).toBeNull();
	});
});
