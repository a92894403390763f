/** The production server itself: `npm start` seeds nothing, security headers, graceful stop. */
import { expect, it, vi } from 'vitest';
import { removeServerDir, startServer } from '../helpers/server';
import { countSql, openTestDb } from '../helpers/db';
import { postgresOf } from '../helpers/yclients';

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
		expect(await countSql(server.dbPath, 'SELECT count(*) FROM users')).toBe(0);
		expect(await countSql(server.dbPath, 'SELECT count(*) FROM cases')).toBe(0);
		if (!postgresOf(server.dbPath)) {
			const db = openTestDb(server.dbPath);
			expect(
				(db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode
			).toBe('wal');
			db.close();
		}
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
	const tables = ['users', 'cases', 'meetings', 'case_members', 'agenda_items', 'snapshots'];
	const counts = async () => {
		const counted: number[] = [];
		for (const t of tables) counted.push(await countSql(first.dbPath, `SELECT count(*) FROM ${t}`));
		return counted;
	};
	const before = await counts();
	expect(before.every((n) => n > 0)).toBe(true);
	const second = await startServer({ demo: true, dir: first.dir });
	await second.stop();
	expect(await counts()).toEqual(before);
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
