/**
 * Sessions, authorization, rate limiting and auditing against the real server (built
 * `build/server.js`, its own temporary SQLite file – or PostgreSQL database with
 * `TEST_POSTGRES=1` – and the demo seed).
 */
import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, removeServerDir, startServer, type TestServer } from '../helpers/server';
import { countRows } from '../helpers/db';
import { storedBoard, withAppDb } from '../helpers/yclients';
import { SCHEMA_VERSION } from '../../src/lib/board/keys';
import type { Db } from '../../src/lib/server/db/client';
import {
	auditLog,
	caseMembers,
	cases,
	invites,
	meetings,
	participantChoices,
	sessions,
	snapshots,
	users
} from '../../src/lib/server/db/tables';

const CASE = 'demo-case-sara-mikkel';
const PLANNED = 'demo-meeting-netvaerk';
const ENDED = 'demo-meeting-opstart';
const HOUR = 3600_000;

let server: TestServer;

/** Runs queries on the server's database (the tables of tables.ts). */
const app = <T>(fn: (db: Db) => Promise<T>) => withAppDb(server.dbPath, fn);

/** A statement that the database refuses with a message matching `pattern` (drizzle may wrap it). */
async function refused(statement: Promise<unknown>, pattern: RegExp): Promise<void> {
	const error = await statement.then(
		() => null,
		(e: unknown) => e as Error & { cause?: Error }
	);
	expect(error).not.toBeNull();
	expect(`${error!.message} ${error!.cause?.message ?? ''}`).toMatch(pattern);
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	// A second case with its own member, who must not learn anything about the demo case.
	const passwordHash = await hash('other-password-1', {
		memoryCost: 19456,
		timeCost: 2,
		parallelism: 1
	});
	await app(async (db) => {
		await db.insert(users).values([
			{ id: 'other-user', email: 'other@test.example', name: 'Other', passwordHash },
			{ id: 'limited-user', email: 'limited@test.example', name: 'Limited', passwordHash }
		]);
		await db.insert(cases).values({ id: 'other-case', title: 'Another case' });
		await db
			.insert(caseMembers)
			.values({ caseId: 'other-case', userId: 'other-user', role: 'facilitator', title: '' });
	});
});

afterAll(async () => {
	if (server) {
		expect(await server.stop()).toBe(0);
		removeServerDir(server);
	}
});

const sessionIdOf = (cookie: string) => cookie.split('=')[1]!.split('.')[0]!;

describe('sessions', () => {
	it('logs in, reads with the cookie, logs out, and the old cookie stops working', async () => {
		const cookie = await login(server.url, 'jonas@demo.example');
		expect(cookie).toMatch(/^session=[a-z2-7]{24}\.[a-z2-7]{24}$/);
		const call = api(server.url, cookie);
		expect((await call('/api/cases')).status).toBe(200);
		expect((await call('/api/session', { method: 'DELETE' })).status).toBe(204);
		expect((await call('/api/cases')).status).toBe(401);
		expect(await countRows(server.dbPath, sessions, eq(sessions.id, sessionIdOf(cookie)))).toBe(0);
	});

	it('sets an HttpOnly, SameSite=Lax cookie and stores only a hash of the secret', async () => {
		const res = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email: 'Jonas@Demo.Example ', password: 'moedetavle-demo' })
		});
		expect(res.status).toBe(200);
		const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		expect(setCookie).toMatch(/HttpOnly/i);
		expect(setCookie).toMatch(/SameSite=Lax/i);
		expect(setCookie).toMatch(/Path=\//);
		const [id, secret] = setCookie.split(';')[0]!.slice('session='.length).split('.');
		const [row] = await app((db) =>
			db.select({ secretHash: sessions.secretHash }).from(sessions).where(eq(sessions.id, id!))
		);
		expect(row!.secretHash.length).toBe(32);
		expect(row!.secretHash.toString('utf8')).not.toContain(secret);
	});

	it('gives the same answer for an unknown email and a wrong password', async () => {
		const attempt = (email: string) =>
			api(server.url)('/api/session', {
				method: 'POST',
				body: JSON.stringify({ email, password: 'wrong-password' })
			});
		const unknown = await attempt('nobody@demo.example');
		const wrong = await attempt('carsten@demo.example');
		expect(unknown.status).toBe(401);
		expect(wrong.status).toBe(401);
		expect(await unknown.json()).toEqual(await wrong.json());
	});

	it('slides the idle window, writing the last use at most every five minutes', async () => {
		const cookie = await login(server.url, 'mette@demo.example');
		const id = sessionIdOf(cookie);
		const lastUsed = async () =>
			(
				await app((db) =>
					db.select({ lastUsedAt: sessions.lastUsedAt }).from(sessions).where(eq(sessions.id, id))
				)
			)[0]!.lastUsedAt.getTime();
		const setLastUsed = (ms: number) =>
			app((db) =>
				db
					.update(sessions)
					.set({ lastUsedAt: new Date(ms) })
					.where(eq(sessions.id, id))
			);
		const recent = Date.now() - 2 * 60_000;
		await setLastUsed(recent);
		expect((await api(server.url, cookie)('/api/cases')).status).toBe(200);
		expect(await lastUsed()).toBe(recent);
		const old = Date.now() - 100 * 60_000;
		await setLastUsed(old);
		expect((await api(server.url, cookie)('/api/cases')).status).toBe(200);
		expect(await lastUsed()).toBeGreaterThan(Date.now() - HOUR);
	});

	it('expires after two hours without use and a working day after login', async () => {
		const idle = await login(server.url, 'mette@demo.example');
		await app((db) =>
			db
				.update(sessions)
				.set({ lastUsedAt: new Date(Date.now() - 2 * HOUR - 1000) })
				.where(eq(sessions.id, sessionIdOf(idle)))
		);
		expect((await api(server.url, idle)('/api/cases')).status).toBe(401);
		expect(await countRows(server.dbPath, sessions, eq(sessions.id, sessionIdOf(idle)))).toBe(0);

		const old = await login(server.url, 'mette@demo.example');
		await app((db) =>
			db
				.update(sessions)
				.set({ createdAt: new Date(Date.now() - 12 * HOUR - 1000), lastUsedAt: new Date() })
				.where(eq(sessions.id, sessionIdOf(old)))
		);
		expect((await api(server.url, old)('/api/cases')).status).toBe(401);
	});

	it("stops a disabled user's sessions, through the admin page and in the database", async () => {
		const holm = await login(server.url, 'holm@demo.example');
		expect((await api(server.url, holm)('/api/cases')).status).toBe(200);
		const admin = await login(server.url, 'admin@demo.example');
		const res = await fetch(`${server.url}/admin?/disable`, {
			method: 'POST',
			headers: {
				origin: server.url,
				cookie: admin,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ userId: 'demo-holm' })
		});
		expect(res.status).toBe(200);
		expect((await res.json()).type).toBe('success');
		expect((await api(server.url, holm)('/api/cases')).status).toBe(401);
		await expect(login(server.url, 'holm@demo.example')).rejects.toThrow(/401/);

		const karimCookie = await login(server.url, 'karim@demo.example');
		const disable = (at: Date | null) =>
			app((db) => db.update(users).set({ disabledAt: at }).where(eq(users.id, 'demo-karim')));
		await disable(new Date());
		expect((await api(server.url, karimCookie)('/api/cases')).status).toBe(401);
		await disable(null);
	});
});

describe('authorization', () => {
	it('answers 401 without a session on every API route', async () => {
		const call = api(server.url);
		const routes: [string, string][] = [
			['GET', '/api/cases'],
			['GET', `/api/cases/${CASE}`],
			['POST', `/api/cases/${CASE}/meetings`],
			['GET', `/api/meetings/${PLANNED}`],
			['POST', `/api/meetings/${PLANNED}/start`],
			['POST', `/api/meetings/${PLANNED}/end`],
			['POST', `/api/meetings/${PLANNED}/snapshots`],
			['POST', `/api/meetings/${PLANNED}/invites`],
			['DELETE', '/api/session']
		];
		for (const [method, path] of routes) {
			const res = await call(path, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
			expect(res.status, `${method} ${path}`).toBe(401);
		}
		const page = await fetch(`${server.url}/cases/${CASE}`, { redirect: 'manual' });
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
	});

	it("gives a member of another case 404 for this case's ids", async () => {
		const other = api(
			server.url,
			await login(server.url, 'other@test.example', 'other-password-1')
		);
		const cases = (await (await other('/api/cases')).json()) as { cases: { id: string }[] };
		expect(cases.cases.map((c) => c.id)).toEqual(['other-case']);
		for (const [method, path] of [
			['GET', `/api/cases/${CASE}`],
			['GET', `/api/meetings/${PLANNED}`],
			['GET', `/api/meetings/${ENDED}`],
			['POST', `/api/meetings/${PLANNED}/start`],
			['POST', `/api/meetings/${PLANNED}/end`],
			['POST', `/api/meetings/${PLANNED}/snapshots`]
		] as const) {
			expect((await other(path, { method })).status, `${method} ${path}`).toBe(404);
		}
		const create = await other(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({ title: 'x', type: 'netvaerk', startsAt: '2026-12-01T10:00' })
		});
		expect(create.status).toBe(404);
		const pageRes = await fetch(`${server.url}/cases/${CASE}`, {
			headers: { cookie: await login(server.url, 'other@test.example', 'other-password-1') }
		});
		expect(pageRes.status).toBe(404);
	});

	it('shows the admin, a member of no case, no case data', async () => {
		const admin = api(server.url, await login(server.url, 'admin@demo.example'));
		expect(await (await admin('/api/cases')).json()).toEqual({ cases: [] });
		expect((await admin(`/api/cases/${CASE}`)).status).toBe(404);
		expect((await admin(`/api/meetings/${PLANNED}`)).status).toBe(404);
	});

	it('lets only the facilitator create and run meetings (403 for other members)', async () => {
		const jonas = api(server.url, await login(server.url, 'jonas@demo.example'));
		expect((await jonas(`/api/meetings/${PLANNED}`)).status).toBe(200);
		const create = await jonas(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({ title: 'Forsøg', type: 'netvaerk', startsAt: '2026-12-01T10:00' })
		});
		expect(create.status).toBe(403);
		expect((await jonas(`/api/meetings/${PLANNED}/start`, { method: 'POST' })).status).toBe(403);
		expect((await jonas(`/api/meetings/${PLANNED}/end`, { method: 'POST' })).status).toBe(403);
	});

	it('hides internal meetings from parents', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const res = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: 'Internt fagligt møde',
				type: 'tvaerfagligt',
				startsAt: '2026-12-02T09:00:00Z',
				internal: true
			})
		});
		expect(res.status).toBe(201);
		const { meeting } = (await res.json()) as {
			meeting: { id: string; participants: { role: string }[] };
		};
		expect(meeting.participants.some((p) => p.role === 'parent')).toBe(false);
		const line = api(server.url, await login(server.url, 'line@demo.example'));
		expect((await line(`/api/meetings/${meeting.id}`)).status).toBe(404);
		const view = (await (await line(`/api/cases/${CASE}`)).json()) as {
			case: { meetings: { id: string }[] };
		};
		expect(view.case.meetings.map((m) => m.id)).not.toContain(meeting.id);
		expect(view.case.meetings.map((m) => m.id)).toContain(PLANNED);
	});
});

describe('meeting lifecycle', () => {
	it('creates, starts and ends a meeting; ending saves a verifiable snapshot', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const created = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: 'Opfølgning',
				type: 'handleplan',
				startsAt: '2026-12-10T13:00',
				place: 'Familiehuset',
				agenda: ['Hvordan går det?', { title: 'Målene', durationMinutes: 20 }]
			})
		});
		expect(created.status).toBe(201);
		const { meeting } = (await created.json()) as {
			meeting: { id: string; boardId: string; status: string; startsAt: string; agenda: unknown[] };
		};
		expect(meeting.status).toBe('planned');
		expect(meeting.startsAt).toBe('2026-12-10T12:00:00.000Z');
		expect(meeting.agenda).toHaveLength(2);
		expect(meeting.boardId).toMatch(/^[a-z2-7]{24}$/);

		expect(
			(
				(await (await anne(`/api/meetings/${meeting.id}/start`, { method: 'POST' })).json()) as {
					meeting: { status: string };
				}
			).meeting.status
		).toBe('live');
		const again = await anne(`/api/meetings/${meeting.id}/start`, { method: 'POST' });
		expect(again.status).toBe(400);
		expect((await again.json()).error).toBe('Mødet er allerede i gang.');

		const ended = await anne(`/api/meetings/${meeting.id}/end`, { method: 'POST' });
		expect(ended.status).toBe(200);
		const { snapshotId } = (await ended.json()) as { snapshotId: string };
		const [row] = await app((db) =>
			db
				.select({
					meetingId: snapshots.meetingId,
					caseId: snapshots.caseId,
					sha256: snapshots.sha256,
					reason: snapshots.reason
				})
				.from(snapshots)
				.where(eq(snapshots.id, snapshotId))
		);
		expect(row).toMatchObject({ meetingId: meeting.id, caseId: CASE, reason: 'meeting-ended' });
		expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
		expect(
			(
				(await (await anne(`/api/meetings/${meeting.id}`)).json()) as {
					meeting: { status: string };
				}
			).meeting.status
		).toBe('ended');
		expect((await anne(`/api/meetings/${meeting.id}/end`, { method: 'POST' })).status).toBe(400);
	});
});

describe('bad input', () => {
	const meetingsCount = () => countRows(server.dbPath, meetings);

	it.each([
		['missing fields', {}, /titel/i],
		['wrong types', { title: 42, type: 'netvaerk', startsAt: '2026-12-01T10:00' }, /tekst/],
		['unknown type', { title: 'Møde', type: 'fest', startsAt: '2026-12-01T10:00' }, /mødetype/],
		[
			'overlong title',
			{ title: 'x'.repeat(201), type: 'netvaerk', startsAt: '2026-12-01T10:00' },
			/højst være 200 tegn/
		],
		[
			'invalid date format',
			{ title: 'Møde', type: 'netvaerk', startsAt: '01-12-2026 10:00' },
			/ikke gyldige/
		],
		[
			'impossible date',
			{ title: 'Møde', type: 'netvaerk', startsAt: '2026-02-30T10:00' },
			/ikke gyldige/
		],
		[
			'too many agenda items',
			{
				title: 'Møde',
				type: 'netvaerk',
				startsAt: '2026-12-01T10:00',
				agenda: Array(13).fill('Punkt')
			},
			/Højst 12/
		],
		[
			'a participant from outside the case',
			{
				title: 'Møde',
				type: 'netvaerk',
				startsAt: '2026-12-01T10:00',
				participants: ['other-user']
			},
			/ikke med på sagen/
		]
	])('refuses %s with a Danish 400 and stores nothing', async (_name, body, message) => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const before = await meetingsCount();
		const res = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify(body)
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toMatch(message);
		expect(await meetingsCount()).toBe(before);
	});

	it('refuses malformed JSON and a non-JSON body', async () => {
		const cookie = await login(server.url, 'anne@demo.example');
		const before = await meetingsCount();
		const malformed = await api(server.url, cookie)(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: '{"title": '
		});
		expect(malformed.status).toBe(400);
		expect((await malformed.json()).error).toBe('Forespørgslen er ikke gyldig JSON.');
		const text = await fetch(`${server.url}/api/cases/${CASE}/meetings`, {
			method: 'POST',
			headers: { cookie, origin: server.url, 'content-type': 'text/plain' },
			body: 'hello'
		});
		expect(text.status).toBe(400);
		expect(await meetingsCount()).toBe(before);
	});

	it('shows form errors in Danish for the meeting form and stores nothing', async () => {
		const cookie = await login(server.url, 'anne@demo.example');
		const before = await meetingsCount();
		const res = await fetch(`${server.url}/cases/${CASE}/meetings/new`, {
			method: 'POST',
			headers: {
				cookie,
				origin: server.url,
				'content-type': 'application/x-www-form-urlencoded',
				'x-sveltekit-action': 'true'
			},
			body: new URLSearchParams({ title: '', type: 'netvaerk', startsAt: '2026-13-45T99:00' })
		});
		const body = (await res.json()) as { type: string; status: number; data: string };
		expect(body.type).toBe('failure');
		expect(body.status).toBe(400);
		expect(body.data).toContain('Skriv titel.');
		expect(body.data).toContain('ikke gyldige');
		expect(await meetingsCount()).toBe(before);
	});
});

describe('rate limiting', () => {
	it('answers 429 with Retry-After after repeated failures for an account, even for the right password', async () => {
		const call = api(server.url);
		const attempt = (password: string) =>
			call('/api/session', {
				method: 'POST',
				body: JSON.stringify({ email: 'limited@test.example', password })
			});
		const statuses: number[] = [];
		for (let i = 0; i < 5; i++) statuses.push((await attempt(`wrong-${i}`)).status);
		expect(statuses).toEqual([401, 401, 401, 401, 401]);
		const limited = await attempt('other-password-1');
		expect(limited.status).toBe(429);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
		expect((await limited.json()).error).toMatch(/For mange forsøg/);
	});
});

describe('audit log', () => {
	it('writes an entry for each case read, through the API and the case page', async () => {
		const cookie = await login(server.url, 'jonas@demo.example');
		const reads = () =>
			countRows(
				server.dbPath,
				auditLog,
				and(
					eq(auditLog.action, 'case.read'),
					eq(auditLog.caseId, CASE),
					eq(auditLog.userId, 'demo-jonas')
				)
			);
		const before = await reads();
		expect((await api(server.url, cookie)(`/api/cases/${CASE}`)).status).toBe(200);
		expect((await fetch(`${server.url}/cases/${CASE}`, { headers: { cookie } })).status).toBe(200);
		expect(await reads()).toBe(before + 2);
		const [entry] = await app((db) =>
			db
				.select()
				.from(auditLog)
				.where(eq(auditLog.action, 'case.read'))
				.orderBy(desc(auditLog.id))
				.limit(1)
		);
		expect(entry).toMatchObject({
			userId: 'demo-jonas',
			actor: 'Jonas',
			caseId: CASE,
			targetType: 'case'
		});
		expect(entry!.ip).toBeTruthy();
	});

	it('writes meeting reads, and the database refuses to change or delete entries', async () => {
		const cookie = await login(server.url, 'jonas@demo.example');
		await api(server.url, cookie)(`/api/meetings/${PLANNED}`);
		expect(
			await countRows(
				server.dbPath,
				auditLog,
				and(eq(auditLog.action, 'meeting.read'), eq(auditLog.targetId, PLANNED))
			)
		).toBeGreaterThan(0);
		await refused(
			app((db) => db.update(auditLog).set({ actor: 'x' })),
			/append-only/
		);
		await refused(
			app((db) => db.delete(auditLog)),
			/append-only/
		);
	});
});

describe('snapshots', () => {
	it("serves the ended demo meeting's snapshot, checked against its SHA-256, to those who see the meeting", async () => {
		const line = api(server.url, await login(server.url, 'line@demo.example'));
		const view = (await (await line(`/api/cases/${CASE}`)).json()) as {
			case: { snapshots: { id: string; meetingId: string }[] };
		};
		const snap = view.case.snapshots.find((s) => s.meetingId === ENDED);
		expect(snap).toBeDefined();
		const meta = (await (await line(`/api/snapshots/${snap!.id}`)).json()) as {
			sha256: string;
			summary: { elements: number };
		};
		expect(meta.summary.elements).toBeGreaterThan(0);
		// The board's main document as stored matches its SHA-256 (the goals document has its own,
		// docs/consent.md); the whole board as one update carries both.
		const state = new Uint8Array(
			await (await line(`/api/snapshots/${snap!.id}/state?part=main`)).arrayBuffer()
		);
		const { createHash } = await import('node:crypto');
		expect(createHash('sha256').update(state).digest('hex')).toBe(meta.sha256);

		const other = api(
			server.url,
			await login(server.url, 'other@test.example', 'other-password-1')
		);
		expect((await other(`/api/snapshots/${snap!.id}`)).status).toBe(404);
		expect((await other(`/api/snapshots/${snap!.id}/state`)).status).toBe(404);
	});

	it('refuses to serve a snapshot whose bytes were altered', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const { snapshotId } = (await (
			await anne(`/api/meetings/${PLANNED}/snapshots`, { method: 'POST' })
		).json()) as { snapshotId: string };
		expect((await anne(`/api/snapshots/${snapshotId}`)).status).toBe(200);
		await app((db) =>
			db
				.update(snapshots)
				.set({ state: Buffer.from([0]) })
				.where(eq(snapshots.id, snapshotId))
		);
		expect((await anne(`/api/snapshots/${snapshotId}/state`)).status).toBe(500);
	});
});

describe('participant choice', () => {
	it('lets a parent choose from the people on the board, shows it to the facilitator, and refuses bad input', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const created = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: 'Netværksmøde 2',
				type: 'netvaerk',
				startsAt: '2026-12-20T10:00',
				startFrom: 'blank'
			})
		});
		const { meeting } = (await created.json()) as { meeting: { id: string } };
		// The new board is blank: only the case's members (professionals, the other parent, the
		// foster family) to choose from, none of the people around the family yet.
		const line = api(server.url, await login(server.url, 'line@demo.example'));
		const blank = (
			(await (await line(`/api/meetings/${meeting.id}/choice`)).json()) as {
				candidates: { name: string; group: string }[];
			}
		).candidates;
		expect(blank.map((c) => c.name)).toEqual(expect.arrayContaining(['Anne', 'Carsten']));
		expect(blank.map((c) => c.name)).not.toContain('Birgit');
		expect(blank.map((c) => c.name)).not.toContain('Line');

		// The ended demo meeting's board has the people of the case; the planned one is used for choosing.
		const endedChoice = (await (await line(`/api/meetings/${ENDED}/choice`)).json()) as {
			candidates: { personId: string; name: string }[];
		};
		expect(endedChoice.candidates.map((c) => c.name)).toContain('Birgit');
		// Not herself, and not someone who has died.
		expect(endedChoice.candidates.map((c) => c.name)).not.toContain('Line');
		expect(endedChoice.candidates.map((c) => c.name)).not.toContain('Carstens far');
		expect(
			(
				await line(`/api/meetings/${ENDED}/choice`, {
					method: 'PUT',
					body: JSON.stringify({ chosen: ['person-birgit'] })
				})
			).status
		).toBe(400);

		const jonas = api(server.url, await login(server.url, 'jonas@demo.example'));
		expect(
			(
				await jonas(`/api/meetings/${meeting.id}/choice`, {
					method: 'PUT',
					body: JSON.stringify({ chosen: [] })
				})
			).status
		).toBe(403);

		const put = await line(`/api/meetings/${meeting.id}/choice`, {
			method: 'PUT',
			body: JSON.stringify({ chosen: ['person-nobody'] })
		});
		expect(put.status).toBe(400);
		expect((await put.json()).error).toMatch(/findes ikke på mødetavlen/);
		const bad = await line(`/api/meetings/${meeting.id}/choice`, {
			method: 'PUT',
			body: JSON.stringify({ chosen: 'Birgit', wishes: 'x'.repeat(1001) })
		});
		expect(bad.status).toBe(400);
		expect(
			await countRows(
				server.dbPath,
				participantChoices,
				eq(participantChoices.meetingId, meeting.id)
			)
		).toBe(0);

		const ok = await line(`/api/meetings/${meeting.id}/choice`, {
			method: 'PUT',
			body: JSON.stringify({ chosen: [], wishes: 'Gerne hjemme hos min mor, om eftermiddagen.' })
		});
		expect(ok.status).toBe(200);
		const seen = (await (await anne(`/api/meetings/${meeting.id}/choice`)).json()) as {
			choices: { name: string; wishes: string }[];
		};
		expect(seen.choices).toEqual([
			expect.objectContaining({
				name: 'Line',
				wishes: 'Gerne hjemme hos min mor, om eftermiddagen.'
			})
		]);
		const carsten = api(server.url, await login(server.url, 'carsten@demo.example'));
		expect(
			(
				(await (await carsten(`/api/meetings/${meeting.id}/choice`)).json()) as {
					choices: unknown[];
				}
			).choices
		).toEqual([]);
	});
});

describe('guest invites', () => {
	it('opens one board page and its images to a valid invite, and nothing after revoking', async () => {
		const anneCookie = await login(server.url, 'anne@demo.example');
		const anne = api(server.url, anneCookie);
		// A tiny PNG on the planned board.
		const png = Buffer.from(
			'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
				'1f15c4890000000d49444154789c6300010000000500010d0a2db40000000049454e44ae426082',
			'hex'
		);
		const upload = await fetch(`${server.url}/api/images?meetingId=${PLANNED}`, {
			method: 'POST',
			headers: { cookie: anneCookie, origin: server.url, 'content-type': 'image/png' },
			body: png
		});
		expect(upload.status).toBe(201);
		const { url: imageUrl } = (await upload.json()) as { url: string };

		const created = await anne(`/api/meetings/${PLANNED}/invites`, {
			method: 'POST',
			body: JSON.stringify({ name: 'Tolk', role: 'tolk', expiresInMinutes: 60 })
		});
		expect(created.status).toBe(201);
		const invite = (await created.json()) as { id: string; url: string; token: string };
		expect(invite.url).toBe(`${server.url}/meetings/${PLANNED}/board?invite=${invite.token}`);

		const page = await fetch(invite.url);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('Tolk');
		const guestCookie = page.headers
			.getSetCookie()
			.find((c) => c.startsWith('invite='))!
			.split(';')[0]!;
		expect(
			(await fetch(`${server.url}${imageUrl}`, { headers: { cookie: guestCookie } })).status
		).toBe(200);
		expect(
			await countRows(
				server.dbPath,
				auditLog,
				and(eq(auditLog.action, 'board.open'), eq(auditLog.actor, 'gæst: Tolk'))
			)
		).toBe(1);

		// Another meeting's board, a wrong token, no token.
		expect(
			(await fetch(`${server.url}/meetings/${ENDED}/board?invite=${invite.token}`)).status
		).toBe(404);
		expect((await fetch(`${server.url}/meetings/${PLANNED}/board?invite=wrong`)).status).toBe(404);
		expect(
			(await fetch(`${server.url}/meetings/${PLANNED}/board`, { redirect: 'manual' })).status
		).toBe(303);

		expect((await anne(`/api/invites/${invite.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await fetch(invite.url)).status).toBe(404);
		expect(
			(await fetch(`${server.url}${imageUrl}`, { headers: { cookie: guestCookie } })).status
		).toBe(401);
	});

	it('refuses bad invite input and lets only the facilitator invite', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const before = await countRows(server.dbPath, invites);
		for (const body of [
			{},
			{ name: 'x', role: 'y', expiresInMinutes: 1 },
			{ name: 'x', role: 'y', readOnly: 'ja' }
		]) {
			expect(
				(
					await anne(`/api/meetings/${PLANNED}/invites`, {
						method: 'POST',
						body: JSON.stringify(body)
					})
				).status
			).toBe(400);
		}
		const jonas = api(server.url, await login(server.url, 'jonas@demo.example'));
		expect(
			(
				await jonas(`/api/meetings/${PLANNED}/invites`, {
					method: 'POST',
					body: JSON.stringify({ name: 'x', role: 'y' })
				})
			).status
		).toBe(403);
		expect(await countRows(server.dbPath, invites)).toBe(before);
	});
});

describe('new boards', () => {
	async function boardOf(boardId: string) {
		const Y = await import('yjs');
		return { doc: storedBoard(server.dbPath, boardId), Y };
	}

	async function createMeeting(
		anne: ReturnType<typeof api>,
		fields: Record<string, unknown>
	): Promise<{ id: string; boardId: string }> {
		const res = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({ type: 'netvaerk', startsAt: '2026-12-21T10:00', ...fields })
		});
		expect(res.status).toBe(201);
		return ((await res.json()) as { meeting: { id: string; boardId: string } }).meeting;
	}

	const personNames = (doc: import('yjs').Doc) =>
		[...doc.getMap('people').values()].map((p) => (p as import('yjs').Map<unknown>).get('name'));

	const latestSnapshotOf = async (meetingId: string) =>
		(
			await app((db) =>
				db
					.select({ id: snapshots.id })
					.from(snapshots)
					.where(eq(snapshots.meetingId, meetingId))
					.orderBy(desc(snapshots.createdAt))
					.limit(1)
			)
		)[0]!.id;

	/**
	 * The newest intact snapshot of a meeting that is not internal (earlier tests end meetings,
	 * and one alters a snapshot's bytes: that one must be skipped).
	 */
	const latestOpenSnapshot = async () => {
		const rows = await app((db) =>
			db
				.select({ id: snapshots.id, state: snapshots.state, sha256: snapshots.sha256 })
				.from(snapshots)
				.innerJoin(meetings, eq(meetings.id, snapshots.meetingId))
				.where(and(eq(snapshots.caseId, CASE), eq(meetings.internal, false)))
				.orderBy(desc(snapshots.createdAt))
		);
		return rows.find((r) => createHash('sha256').update(r.state).digest('hex') === r.sha256)?.id;
	};

	it('are created on the server with their meta and nested maps when the meeting is created', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const meeting = await createMeeting(anne, { title: 'Ny tavle', startFrom: 'blank' });
		const { doc, Y } = await boardOf(meeting.boardId);
		expect(doc.getMap('meta').toJSON()).toMatchObject({
			schemaVersion: SCHEMA_VERSION,
			caseId: CASE,
			meetingId: meeting.id,
			title: 'Ny tavle',
			createdFrom: 'blank'
		});
		expect(doc.getMap('timeline').get('events')).toBeInstanceOf(Y.Map);
		expect(doc.getMap('network').get('placements')).toBeInstanceOf(Y.Map);
		expect(doc.getMap('people').size).toBe(0);
	});

	it("start from the case's latest snapshot by default: people and tools carry forward, the rest does not", async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const meeting = await createMeeting(anne, { title: 'Opfølgning' });
		const { doc } = await boardOf(meeting.boardId);
		expect(doc.getMap('meta').get('createdFrom')).toBe(await latestOpenSnapshot());
		expect(doc.getMap('meta').get('title')).toBe('Opfølgning');
		expect(personNames(doc)).toEqual(expect.arrayContaining(['Line', 'Carsten', 'Birgit']));
		// The tools come with their frames; the old meeting's notes and minutes stay on its own board.
		const types = [...doc.getMap('elements').values()].map((el) =>
			(el as Map<string, unknown>).get('type')
		);
		expect(types.length).toBeGreaterThan(0);
		expect(types.every((type) => type === 'tool')).toBe(true);
		expect((doc.getMap('timeline').get('events') as Map<string, unknown>).size).toBeGreaterThan(0);
		expect(doc.getXmlFragment('minutes').length).toBe(0);
	});

	it("never start a meeting parents see from an internal meeting's snapshot", async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const internal = await createMeeting(anne, {
			title: 'Internt fagligt møde',
			type: 'internt',
			internal: true
		});
		const ended = await anne(`/api/meetings/${internal.id}/end`, { method: 'POST' });
		expect(ended.status).toBe(200);
		const internalSnapshot = await latestSnapshotOf(internal.id);

		const open = await createMeeting(anne, { title: 'Netværksmøde 3' });
		const openBoard = await boardOf(open.boardId);
		expect(openBoard.doc.getMap('meta').get('createdFrom')).not.toBe(internalSnapshot);
		expect(openBoard.doc.getMap('meta').get('createdFrom')).toBe(await latestOpenSnapshot());

		const nextInternal = await createMeeting(anne, {
			title: 'Internt møde 2',
			type: 'internt',
			internal: true
		});
		const internalBoard = await boardOf(nextInternal.boardId);
		expect(internalBoard.doc.getMap('meta').get('createdFrom')).toBe(internalSnapshot);
	});

	it('refuse an unknown starting point with a 400 and create nothing', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const count = () => countRows(server.dbPath, meetings);
		const before = await count();
		const res = await anne(`/api/cases/${CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: 'Forkert',
				type: 'netvaerk',
				startsAt: '2026-12-21T10:00',
				startFrom: 'yesterday'
			})
		});
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: string }).error).toMatch(/tom/);
		expect(await count()).toBe(before);
	});
});
