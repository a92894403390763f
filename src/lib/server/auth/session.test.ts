import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { createTestDb } from '../test-db';
import {
	createSession,
	invalidateUserSessions,
	sessionLimits,
	touchSession,
	touchSessions,
	validateSessionToken
} from './session';

const {
	idleMs: INACTIVITY_TIMEOUT_MS,
	absoluteMs: ABSOLUTE_LIFETIME_MS,
	activityWriteMs: ACTIVITY_WRITE_INTERVAL_MS
} = sessionLimits();

let db: Db;
const t0 = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

beforeEach(async () => {
	db = createTestDb();
	await db
		.insert(users)
		.values({ id: 'u1', email: 'u1@test.example', name: 'U1', passwordHash: 'x' })
		.run();
});

afterEach(() => {
	delete process.env.SESSION_IDLE_MINUTES;
	delete process.env.SESSION_MAX_HOURS;
});

describe('sessions', () => {
	it('end after two idle hours and a working day by default, both configurable', async () => {
		expect(sessionLimits()).toEqual({
			idleMs: 2 * 3600_000,
			absoluteMs: 12 * 3600_000,
			activityWriteMs: 5 * 60_000
		});
		const { expiresAt } = await createSession(db, 'u1', t0);
		expect(expiresAt).toEqual(at(2 * 3600_000));
		process.env.SESSION_IDLE_MINUTES = '30';
		process.env.SESSION_MAX_HOURS = '8';
		expect(sessionLimits()).toMatchObject({ idleMs: 30 * 60_000, absoluteMs: 8 * 3600_000 });
		process.env.SESSION_IDLE_MINUTES = 'nonsense';
		expect(sessionLimits().idleMs).toBe(2 * 3600_000);
	});

	it('counts edits on the live board as use, never past the absolute end', async () => {
		const { token } = await createSession(db, 'u1', t0);
		const id = token.split('.')[0]!;
		expect(await touchSession(db, id, at(90 * 60_000))).toEqual(
			at(90 * 60_000 + INACTIVITY_TIMEOUT_MS)
		);
		// Without the touch the session would have ended at two hours.
		expect(await validateSessionToken(db, token, at(3 * 3600_000))).not.toBeNull();
		// Editing every hour keeps it alive, up to the end of the working day.
		for (let t = 4 * 3600_000; t < ABSOLUTE_LIFETIME_MS - 3600_000; t += 3600_000)
			expect(await touchSession(db, id, at(t))).not.toBeNull();
		expect(await touchSession(db, id, at(ABSOLUTE_LIFETIME_MS - 60_000))).toEqual(
			at(ABSOLUTE_LIFETIME_MS)
		);
		expect(await touchSession(db, id, at(ABSOLUTE_LIFETIME_MS))).toBeNull();
		expect(await touchSession(db, 'unknown', t0)).toBeNull();
	});

	it('touches many sessions at once, in chunks, as one touch each would', async () => {
		const ids: string[] = [];
		for (let i = 0; i < 1_200; i++) {
			// Every third one was last used three hours ago: over its idle time, so it is over.
			const createdAt = i % 3 === 0 ? at(-3 * 3600_000) : t0;
			const { token } = await createSession(db, 'u1', createdAt);
			ids.push(token.split('.')[0]!);
		}
		const now = at(90 * 60_000);
		const ends = await touchSessions(db, [...ids, ids[1]!, 'unknown'], now);
		expect(ends.size).toBe(1_201);
		expect(ends.get('unknown')).toBeNull();
		for (const [i, id] of ids.entries())
			expect(ends.get(id)).toEqual(i % 3 === 0 ? null : at(90 * 60_000 + INACTIVITY_TIMEOUT_MS));
		const written = await db.select().from(sessions).where(eq(sessions.lastUsedAt, now));
		expect(written.length).toBe(800);
		// Within the write interval nothing is written again, and the ends stay.
		const later = new Date(now.getTime() + ACTIVITY_WRITE_INTERVAL_MS / 2);
		const again = await touchSessions(db, ids, later);
		expect(again.get(ids[1]!)).toEqual(at(90 * 60_000 + INACTIVITY_TIMEOUT_MS));
		expect(await db.select().from(sessions).where(eq(sessions.lastUsedAt, later))).toEqual([]);
	});

	it('makes tokens of two 120-bit parts and validates them', async () => {
		const { token } = await createSession(db, 'u1', t0);
		expect(token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
		expect((await validateSessionToken(db, token, t0))?.user.id).toBe('u1');
	});

	it('refuses a wrong secret, a malformed token and an unknown id', async () => {
		const { token } = await createSession(db, 'u1', t0);
		const [id] = token.split('.');
		expect(await validateSessionToken(db, `${id}.aaaaaaaaaaaaaaaaaaaaaaaa`, t0)).toBeNull();
		expect(await validateSessionToken(db, 'garbage', t0)).toBeNull();
		expect(await validateSessionToken(db, 'a.b.c', t0)).toBeNull();
		expect(
			await validateSessionToken(db, `zzzzzzzzzzzzzzzzzzzzzzzz.${token.split('.')[1]}`, t0)
		).toBeNull();
	});

	it('slides: writes the last use at most once per interval, and expires after inactivity', async () => {
		const { token } = await createSession(db, 'u1', t0);
		const id = token.split('.')[0]!;
		const lastUsed = async () =>
			(await db.select().from(sessions).where(eq(sessions.id, id)).get())!.lastUsedAt.getTime();
		await validateSessionToken(db, token, at(ACTIVITY_WRITE_INTERVAL_MS - 1));
		expect(await lastUsed()).toBe(t0.getTime());
		await validateSessionToken(db, token, at(ACTIVITY_WRITE_INTERVAL_MS));
		expect(await lastUsed()).toBe(at(ACTIVITY_WRITE_INTERVAL_MS).getTime());
		const later = ACTIVITY_WRITE_INTERVAL_MS + INACTIVITY_TIMEOUT_MS - 1;
		expect(await validateSessionToken(db, token, at(later))).not.toBeNull();
		expect(await validateSessionToken(db, token, at(later + INACTIVITY_TIMEOUT_MS))).toBeNull();
		expect(await db.select().from(sessions).all()).toHaveLength(0);
	});

	it('ends at the absolute lifetime however active', async () => {
		const { token } = await createSession(db, 'u1', t0);
		for (let t = 0; t < ABSOLUTE_LIFETIME_MS; t += 30 * 60_000)
			expect(await validateSessionToken(db, token, at(t))).not.toBeNull();
		expect(await validateSessionToken(db, token, at(ABSOLUTE_LIFETIME_MS))).toBeNull();
	});

	it("stops working for a disabled user and after invalidating all of a user's sessions", async () => {
		const a = (await createSession(db, 'u1', t0)).token;
		await db.update(users).set({ disabledAt: t0 }).where(eq(users.id, 'u1')).run();
		expect(await validateSessionToken(db, a, t0)).toBeNull();
		await db.update(users).set({ disabledAt: null }).where(eq(users.id, 'u1')).run();
		const b = (await createSession(db, 'u1', t0)).token;
		await invalidateUserSessions(db, 'u1');
		expect(await validateSessionToken(db, b, t0)).toBeNull();
	});
});
