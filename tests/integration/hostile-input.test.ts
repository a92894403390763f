/**
 * Hostile input at the HTTP API (issue 12): overlong, malformed and mistyped JSON, cross-site
 * posts, image uploads that lie about their type or climb out of their path – each refused with a
 * readable answer and nothing stored; and the server's log never holds passwords, tokens or board
 * contents. Also with everything on PostgreSQL (`npm run test:integration:pg`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElement } from '../../src/lib/board/ops/elements';
import { api, login, startServer, type TestServer } from '../helpers/server';
import { countSql } from '../helpers/db';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_CASE,
	shutDown,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const MEETING = 'demo-meeting-netvaerk';

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(() => shutDown(server, clients));

/** A `SELECT count(*) …` on the server's database (SQLite or PostgreSQL). */
const rows = (sql: string): Promise<number> => countSql(server.dbPath, sql);

describe('hostile input', () => {
	it('refuses overlong, malformed and mistyped JSON with a readable Danish answer, storing nothing', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const meetingsBefore = await rows('SELECT count(*) FROM meetings');
		const cases = [
			{ body: '{"title": "x", ', type: 'application/json', message: 'ikke gyldig JSON' },
			{
				body: JSON.stringify({ title: 'x'.repeat(3_000_000) }),
				type: 'application/json',
				message: 'for stor'
			},
			{ body: JSON.stringify({ title: 'x' }), type: 'text/plain', message: 'Send data som JSON' },
			{ body: '[1,2,3]', type: 'application/json', message: '' },
			{
				body: JSON.stringify({ title: 42, type: 'ufo', startsAt: 'i morgen' }),
				type: 'application/json',
				message: ''
			}
		];
		for (const c of cases) {
			const res = await anne(`/api/cases/${DEMO_CASE}/meetings`, {
				method: 'POST',
				body: c.body,
				headers: { 'content-type': c.type }
			});
			// A body over the size limit never reaches the handler: 413, "too large".
			if (c.message === 'for stor') {
				expect(res.status).toBe(413);
				continue;
			}
			expect(res.status, c.body.slice(0, 40)).toBe(400);
			const body = (await res.json()) as { error: string };
			expect(typeof body.error).toBe('string');
			expect(body.error.length).toBeGreaterThan(5);
			if (c.message) expect(body.error).toContain(c.message);
		}
		expect(await rows('SELECT count(*) FROM meetings')).toBe(meetingsBefore);
	});

	it('refuses a cross-site post of JSON as text/plain (what a foreign page can send without asking)', async () => {
		const cookie = await login(server.url, 'anne@demo.example');
		const res = await fetch(`${server.url}/api/cases/${DEMO_CASE}/meetings`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', cookie, 'content-type': 'text/plain' },
			body: JSON.stringify({ title: 'x', type: 'netvaerk', startsAt: '2027-01-01T10:00' })
		});
		expect(res.status).toBe(403);
	});

	it('refuses images that lie about their type, and serves what it stores inert', async () => {
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const imagesBefore = await rows('SELECT count(*) FROM images');
		const upload = (body: BodyInit, type: string) =>
			anne(`/api/images?meetingId=${MEETING}`, {
				method: 'POST',
				body,
				headers: { 'content-type': type }
			});
		const svg =
			'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>';
		for (const [body, type] of [
			[svg, 'image/png'],
			[svg, 'image/svg+xml'],
			['<html><script>alert(1)</script></html>', 'image/jpeg'],
			['GIF87', 'image/gif'],
			['', 'image/png']
		] as const) {
			const res = await upload(body, type);
			expect(res.status, `${type}: ${body.slice(0, 20)}`).toBe(400);
			expect(((await res.json()) as { error: string }).error).toMatch(/billede/i);
		}
		expect(await rows('SELECT count(*) FROM images')).toBe(imagesBefore);
		// A real PNG header followed by markup is stored as a PNG, and served so that no browser
		// runs it: its own type, no sniffing, and a sandbox.
		const polyglot = new Uint8Array([
			0x89,
			0x50,
			0x4e,
			0x47,
			0x0d,
			0x0a,
			0x1a,
			0x0a,
			...new TextEncoder().encode('<script>alert(1)</script>')
		]);
		const stored = await upload(polyglot, 'text/html');
		expect(stored.status).toBe(201);
		const { sha256 } = (await stored.json()) as { sha256: string };
		const served = await anne(`/api/images/${sha256}`);
		expect(served.headers.get('content-type')).toBe('image/png');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		expect(served.headers.get('content-security-policy')).toContain('sandbox');
		for (const path of [
			'../../../etc/passwd',
			'..%2F..%2Fetc%2Fpasswd',
			'x'.repeat(64),
			`${sha256}.html`
		])
			expect((await anne(`/api/images/${path}`)).status, path).toBe(404);
		const stranger = await login(server.url, 'admin@demo.example');
		expect((await api(server.url, stranger)(`/api/images/${sha256}`)).status).toBe(404);
	});

	it('keeps passwords, session tokens, invite tokens and board contents out of the server log', async () => {
		const cookie = await login(server.url, 'jonas@demo.example');
		await fetch(`${server.url}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: server.url },
			body: JSON.stringify({ email: 'jonas@demo.example', password: 'a-wrong-secret-password' })
		});
		const anne = api(server.url, await login(server.url, 'anne@demo.example'));
		const invite = (await (
			await anne(`/api/meetings/${MEETING}/invites`, {
				method: 'POST',
				body: JSON.stringify({ name: 'Gæst', role: 'guest' })
			})
		).json()) as { token: string };
		const board = connectClient(server.url, DEMO_BOARD, { cookie });
		clients.push(board);
		await waitSynced(board);
		const secret = 'Hemmelig note om Sara 7f3a9c';
		createElement(board.doc, { id: 'log-check', type: 'sticky', x: 0, y: 0, text: secret });
		await waitFor(
			async () => (await rows('SELECT count(*) FROM board_updates')) > 0,
			'the edit to be stored'
		);
		// Garbage on the socket, which the server logs about.
		const raw = await fetch(`${server.url}/api/cases/${DEMO_CASE}`, {
			headers: { cookie: `session=${'x'.repeat(40)}` }
		});
		expect(raw.status).toBe(401);
		await new Promise((r) => setTimeout(r, 300));
		const log = server.output();
		// (The demo server prints the demo password at start, as `npm run demo` should.)
		for (const needle of [
			'a-wrong-secret-password',
			cookie.slice('session='.length),
			cookie.split('.')[1]!,
			invite.token,
			secret
		])
			expect(log, needle.slice(0, 8)).not.toContain(needle);
	});
});
