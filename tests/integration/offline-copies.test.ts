/**
 * `POST /api/offline-copies` (issue 12): of the boards a browser keeps copies of, the server names
 * those the person may no longer keep – unknown or erased boards, boards of another case, a
 * meeting they do not take part in, goals withheld from the placement without consent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, removeServerDir, startServer, type TestServer } from '../helpers/server';
import { consents } from '../../src/lib/server/db/tables';
import { withAppDb } from '../helpers/yclients';
import { OTHER_CASE, seedSecondCase } from '../helpers/second-case';

let server: TestServer;
beforeAll(async () => {
	server = await startServer({ demo: true });
	await seedSecondCase(server.dbPath);
});
afterAll(async () => {
	await server.stop();
	removeServerDir(server);
});

const ask = async (cookie: string | undefined, body: string) => {
	const res = await api(server.url, cookie)('/api/offline-copies', { method: 'POST', body });
	return { status: res.status, body: (await res.json()) as { remove?: string[]; error?: string } };
};

describe('which offline copies a browser must remove', () => {
	const boards = [
		'demo-board-netvaerk',
		'demo-board-netvaerk~goals',
		'demo-board-opstart',
		OTHER_CASE.boardId,
		'board-that-was-erased'
	];

	it('keeps the boards the person can open and names the rest', async () => {
		const anne = await login(server.url, 'anne@demo.example');
		expect(await ask(anne, JSON.stringify({ boardIds: boards }))).toEqual({
			status: 200,
			body: { remove: [OTHER_CASE.boardId, 'board-that-was-erased'] }
		});
		const ida = await login(server.url, 'ida@other.example');
		expect((await ask(ida, JSON.stringify({ boardIds: boards }))).body.remove).toEqual(
			boards.filter((b) => b !== OTHER_CASE.boardId)
		);
	});

	it('removes the goals from the foster family until both parents consent', async () => {
		const holm = await login(server.url, 'holm@demo.example');
		const query = JSON.stringify({
			boardIds: ['demo-board-netvaerk', 'demo-board-netvaerk~goals']
		});
		expect((await ask(holm, query)).body.remove).toEqual(['demo-board-netvaerk~goals']);
		await withAppDb(server.dbPath, async (db) => {
			for (const parent of ['demo-line', 'demo-carsten'])
				await db
					.insert(consents)
					.values({
						caseId: 'demo-case-sara-mikkel',
						userId: parent,
						shareGoalsWithPlacement: true,
						updatedAt: new Date()
					})
					.onConflictDoUpdate({
						target: [consents.caseId, consents.userId],
						set: { shareGoalsWithPlacement: true, updatedAt: new Date() }
					});
		});
		expect((await ask(holm, query)).body.remove).toEqual([]);
	});

	it('refuses bad input and anonymous callers, with a clear error', async () => {
		const anne = await login(server.url, 'anne@demo.example');
		expect(await ask(undefined, JSON.stringify({ boardIds: [] }))).toMatchObject({ status: 401 });
		for (const body of [
			'{"boardIds": "demo-board-netvaerk"}',
			'{"boardIds": [42]}',
			JSON.stringify({ boardIds: Array.from({ length: 501 }, (_, i) => `b${i}`) }),
			JSON.stringify({ boardIds: ['x'.repeat(201)] }),
			'{"boardIds": [',
			'[]'
		]) {
			const answer = await ask(anne, body);
			expect(answer.status, body.slice(0, 40)).toBe(400);
			expect(answer.body.error, body.slice(0, 40)).toBeTruthy();
		}
	});
});
