/** The production server itself: `npm start` seeds nothing, security headers, graceful stop. */
import { expect, it, vi } from 'vitest';
import { removeServerDir, startServer } from '../helpers/server';
import { count, openTestDb } from '../helpers/db';

it('serves an empty, migrated database without seeding, with security headers, and stops cleanly', async () => {
	const server = await startServer();
	try {
		const res = await fetch(`${server.url}/login`);
		expect(res.status).toBe(200);
		const csp = res.headers.get('content-security-policy') ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("default-src 'self'");
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('referrer-policy')).toBe('same-origin');
		const db = openTestDb(server.dbPath);
		expect(count(db, 'SELECT count(*) FROM users')).toBe(0);
		expect(count(db, 'SELECT count(*) FROM cases')).toBe(0);
		expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe(
			'wal'
		);
		db.close();
		expect(server.output()).not.toContain('moedetavle-demo');
		// The health endpoint answers without a session and says nothing about data.
		const health = await fetch(`${server.url}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.text()).toBe('ok');
		expect(health.headers.get('cache-control')).toBe('no-store');
	} finally {
		expect(await server.stop()).toBe(0);
		removeServerDir(server);
	}
});

it('seeds the demo idempotently: a second --demo start adds nothing', async () => {
	const first = await startServer({ demo: true });
	await vi.waitFor(() => expect(first.output()).toContain('anne@demo.example'));
	await first.stop();
	const db = openTestDb(first.dbPath);
	const before = ['users', 'cases', 'meetings', 'case_members', 'agenda_items'].map((t) =>
		count(db, `SELECT count(*) FROM ${t}`)
	);
	db.close();
	const second = await startServer({ demo: true, dir: first.dir });
	await second.stop();
	const db2 = openTestDb(first.dbPath);
	const after = ['users', 'cases', 'meetings', 'case_members', 'agenda_items'].map((t) =>
		count(db2, `SELECT count(*) FROM ${t}`)
	);
	db2.close();
	expect(after).toEqual(before);
	removeServerDir(first);
});

it('refuses a cross-site form post (origin check stays on)', async () => {
	const server = await startServer({ demo: true });
	try {
		const res = await fetch(`${server.url}/login`, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: 'anne@demo.example', password: 'moedetavle-demo' })
		});
		expect(res.status).toBe(403);
	} finally {
		await server.stop();
		removeServerDir(server);
	}
});
