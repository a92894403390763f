/**
 * Sessions for data about children (issue 12): short idle and absolute limits taken from the
 * environment, board edits counting as use, an expired session's open sockets closed, a new
 * session id at every login, and "log ud alle steder".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from '../../src/lib/board/ops/elements';
import { api, login, startServer, type TestServer } from '../helpers/server';
import { and, eq } from 'drizzle-orm';
import { auditLog, sessions } from '../../src/lib/server/db/tables';
import { countRows } from '../helpers/db';
import {
	connectClient,
	DEMO_BOARD,
	shutDown,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
	// A 6-second idle time and a 20-second working day, checked every half second.
	server = await startServer({
		demo: true,
		env: {
			SESSION_IDLE_MINUTES: '0.1',
			SESSION_MAX_HOURS: String(20 / 3600),
			SYNC_RECHECK_MS: '500'
		}
	});
});

afterAll(() => shutDown(server, clients));

function client(cookie: string): TestClient {
	const c = connectClient(server.url, DEMO_BOARD, { cookie });
	clients.push(c);
	return c;
}

describe('sessions', () => {
	it('set the cookie to end when the session does: the idle time, not days later', async () => {
		const res = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email: 'jonas@demo.example', password: 'moedetavle-demo' })
		});
		expect(res.status).toBe(200);
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
		const expires = Date.parse(/Expires=([^;]+)/i.exec(cookie)![1]!);
		expect(expires - Date.now()).toBeLessThan(10_000);
		expect(cookie).toMatch(/HttpOnly/i);
		expect(cookie).toMatch(/SameSite=Lax/i);
	});

	it('close an idle session’s board socket, and keep a socket that edits open', async () => {
		const idle = await login(server.url, 'mette@demo.example');
		const busy = await login(server.url, 'karim@demo.example');
		const quiet = client(idle);
		const editing = client(busy);
		await Promise.all([quiet, editing].map(waitSynced));
		const started = Date.now();
		let n = 0;
		const timer = setInterval(() => {
			createElement(editing.doc, {
				id: `karim-${n++}`,
				type: 'sticky',
				x: n * 10,
				y: 0,
				text: 'Karim skriver'
			});
		}, 300);
		try {
			await waitFor(() => quiet.closeCodes.includes(4401), 'the idle socket to close');
			// Past the idle time the editing socket is still open and its session still valid.
			await waitFor(() => Date.now() - started > 9_000, 'time to pass');
			expect(editing.closeCodes).toEqual([]);
			expect((await api(server.url, busy)('/api/cases')).status).toBe(200);
			expect((await api(server.url, idle)('/api/cases')).status).toBe(401);
		} finally {
			clearInterval(timer);
		}
		// However busy, the working day ends: the socket closes and the session is gone.
		await waitFor(() => editing.closeCodes.includes(4401), 'the working day to end', 30_000);
		expect((await api(server.url, busy)('/api/cases')).status).toBe(401);
	});

	it('give a new session id at every login and end the one the browser had', async () => {
		const first = await login(server.url, 'anne@demo.example');
		const res = await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				origin: server.url,
				cookie: first
			},
			body: JSON.stringify({ email: 'anne@demo.example', password: 'moedetavle-demo' })
		});
		const second = res.headers
			.getSetCookie()
			.find((c) => c.startsWith('session='))!
			.split(';')[0]!;
		expect(second.split('.')[0]).not.toBe(first.split('.')[0]);
		expect((await api(server.url, first)('/api/cases')).status).toBe(401);
		expect((await api(server.url, second)('/api/cases')).status).toBe(200);
	});

	it('log out everywhere: every session of the user ends and their sockets close', async () => {
		const phone = await login(server.url, 'line@demo.example');
		const laptop = await login(server.url, 'line@demo.example');
		const board = client(phone);
		await waitSynced(board);
		const res = await api(server.url, laptop)('/api/session?everywhere=1', { method: 'DELETE' });
		expect(res.status).toBe(204);
		await waitFor(() => board.closeCodes.includes(4401), 'the phone’s socket to close');
		expect((await api(server.url, phone)('/api/cases')).status).toBe(401);
		expect(await countRows(server.dbPath, sessions, eq(sessions.userId, 'demo-line'))).toBe(0);
		expect(
			await countRows(
				server.dbPath,
				auditLog,
				and(eq(auditLog.action, 'auth.logout-everywhere'), eq(auditLog.userId, 'demo-line'))
			)
		).toBe(1);
	});
});
