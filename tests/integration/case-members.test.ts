/**
 * Who is on a case: an administrator creates a case with its facilitator (and sees nothing of it
 * afterwards); the facilitator adds and removes members; a removed member's board sockets close
 * at once; bad input is refused in Danish and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startServer, type TestServer } from '../helpers/server';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, caseMembers } from '../../src/lib/server/db/tables';
import { countRows } from '../helpers/db';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_CASE,
	shutDown,
	waitFor,
	waitSynced,
	withAppDb,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(() => shutDown(server, clients));

/** Posts a SvelteKit form action the way `use:enhance` does; returns its JSON result. */
async function action(cookie: string, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields).toString()
	});
	const body = (await res.json()) as { type: string; status?: number; data?: string };
	return { status: res.status, ...body, text: body.data ?? '' };
}

async function members(caseId: string): Promise<string[]> {
	const rows = await withAppDb(server.dbPath, (db) =>
		db
			.select({ userId: caseMembers.userId })
			.from(caseMembers)
			.where(eq(caseMembers.caseId, caseId))
			.orderBy(asc(caseMembers.userId))
	);
	return rows.map((r) => r.userId);
}

describe('case members', () => {
	it('the facilitator removes a member: their open board socket closes, their API calls are refused', async () => {
		const anne = await login(server.url, 'anne@demo.example');
		const karim = await login(server.url, 'karim@demo.example');
		const board = connectClient(server.url, DEMO_BOARD, { cookie: karim });
		clients.push(board);
		await waitSynced(board);
		const removed = await action(anne, `/cases/${DEMO_CASE}/members?/remove`, {
			userId: 'demo-karim'
		});
		expect(removed.type).toBe('success');
		await waitFor(() => board.closeCodes.includes(4403), 'the socket to close');
		expect((await api(server.url, karim)(`/api/cases/${DEMO_CASE}`)).status).toBe(404);
		expect(await members(DEMO_CASE)).not.toContain('demo-karim');
		// …and added back, with a new role.
		const added = await action(anne, `/cases/${DEMO_CASE}/members?/add`, {
			email: 'karim@demo.example',
			role: 'professional',
			title: 'samværskonsulent'
		});
		expect(added.type).toBe('success');
		expect((await api(server.url, karim)(`/api/cases/${DEMO_CASE}`)).status).toBe(200);
	});

	it('refuses bad input in Danish and changes nothing; only the facilitator may, and the last one stays', async () => {
		const anne = await login(server.url, 'anne@demo.example');
		const jonas = await login(server.url, 'jonas@demo.example');
		const before = await members(DEMO_CASE);
		const unknown = await action(anne, `/cases/${DEMO_CASE}/members?/add`, {
			email: 'nobody@demo.example',
			role: 'parent',
			title: ''
		});
		expect(unknown.type).toBe('failure');
		expect(unknown.text).toContain('Der er ingen aktiv bruger med den e-mail.');
		const badRole = await action(anne, `/cases/${DEMO_CASE}/members?/add`, {
			email: 'admin@demo.example',
			role: 'king',
			title: ''
		});
		expect(badRole.text).toContain('Vælg en rolle.');
		const last = await action(anne, `/cases/${DEMO_CASE}/members?/remove`, { userId: 'demo-anne' });
		expect(last.text).toContain('Sagen skal have mindst én tovholder.');
		const notAllowed = await action(jonas, `/cases/${DEMO_CASE}/members?/remove`, {
			userId: 'demo-line'
		});
		expect(notAllowed.status).toBe(404);
		expect((await api(server.url, jonas)(`/cases/${DEMO_CASE}/members`)).status).toBe(404);
		expect(await members(DEMO_CASE)).toEqual(before);
	});

	it('an administrator creates a case with its facilitator, and sees nothing of it', async () => {
		const admin = await login(server.url, 'admin@demo.example');
		const anne = await login(server.url, 'anne@demo.example');
		const refused = await action(admin, '/admin/cases', {
			title: 'Sagen om Emil',
			reference: 'DEMO-2025-0142',
			facilitatorEmail: 'anne@demo.example'
		});
		expect(refused.text).toContain('Der findes allerede en sag med det journalnummer.');
		const created = await action(admin, '/admin/cases', {
			title: 'Sagen om Emil',
			reference: 'TEST-2026-0007',
			facilitatorEmail: 'anne@demo.example'
		});
		expect(created.type).toBe('success');
		const list = (await (await api(server.url, anne)('/api/cases')).json()) as {
			cases: { id: string; title: string; role: string }[];
		};
		const emil = list.cases.find((c) => c.title === 'Sagen om Emil')!;
		expect(emil.role).toBe('facilitator');
		expect((await api(server.url, admin)(`/api/cases/${emil.id}`)).status).toBe(404);
		expect(
			await countRows(
				server.dbPath,
				auditLog,
				and(eq(auditLog.action, 'admin.case.create'), eq(auditLog.caseId, emil.id))
			)
		).toBe(1);
		const notAdmin = await action(anne, '/admin/cases', {
			title: 'x',
			reference: 'y',
			facilitatorEmail: 'anne@demo.example'
		});
		expect(notAdmin.status).toBe(404);
	});
});
