/**
 * Closing and erasing a case (issue 12, `DELETE /api/cases/:id`): only an administrator erases,
 * only a closed case, only with its journal number typed as confirmation; a refusal changes
 * nothing. After erasure a byte scan of the SQLite files (database, write-ahead log, shared memory)
 * – on PostgreSQL (`TEST_POSTGRES=1`) of the rows of every table – finds none of the case's
 * strings – board contents, images, invite names, minutes, the family's accounts – and one audit
 * entry says that it happened; the other case is untouched.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases } from '../../src/lib/server/db/tables';
import { api, login, removeServerDir, startServer, type TestServer } from '../helpers/server';
import { countRows, countSql, storedText } from '../helpers/db';
import {
	connectClient,
	DEMO_BOARD,
	DEMO_CASE,
	postgresOf,
	storedBoard,
	withAppDb,
	waitFor,
	waitSynced,
	type TestClient
} from '../helpers/yclients';
import { OTHER_CASE, seedSecondCase } from '../helpers/second-case';

const REFERENCE = 'DEMO-2025-0142';
const MARK = {
	note: 'Tavlenote-slettes-7f3a91',
	image: 'Billedbytes-slettes-c2e8',
	invite: 'Gæstenavn-Slettes-41bd',
	meeting: 'Mødetitel-slettes-90aa'
};

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
	server = await startServer({ demo: true });
	await seedSecondCase(server.dbPath);
});
afterAll(async () => {
	for (const c of clients) c.destroy();
	await server.stop();
	removeServerDir(server);
});

/** Everything the database keeps, as one latin1 string to search bytes in (helpers/db.ts). */
const databaseBytes = () => storedText(server.dbPath);
/** The board tables' key: SQLite's board tables have `board_id`, the PostgreSQL store's `doc_id`. */
const boardKey = () => (postgresOf(server.dbPath) ? 'doc_id' : 'board_id');
const latin1 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');

async function formPost(cookie: string, path: string): Promise<Response> {
	return fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: {
			origin: server.url,
			cookie,
			'content-type': 'application/x-www-form-urlencoded',
			'x-sveltekit-action': 'true'
		},
		body: ''
	});
}

async function formAction(cookie: string, path: string, fields: Record<string, string>) {
	const res = await fetch(`${server.url}${path}`, {
		method: 'POST',
		headers: { origin: server.url, cookie, 'x-sveltekit-action': 'true' },
		body: new URLSearchParams(fields)
	});
	return (await res.json()) as { type: string; status?: number };
}

describe('the retention review', () => {
	it('lists to the administrator only the cases closed longer than the retention period', async () => {
		const sixYearsAgo = new Date(Date.now() - 6 * 365 * 86_400_000);
		await withAppDb(server.dbPath, (db) =>
			db.update(cases).set({ closedAt: sixYearsAgo }).where(eq(cases.id, OTHER_CASE.id))
		);
		const admin = await login(server.url, 'admin@demo.example');
		const page = await api(server.url, admin)('/admin/retention');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain(OTHER_CASE.reference);
		expect(html).not.toContain(REFERENCE);
		// Only the journal number and dates: no case content on the review page.
		expect(html).not.toContain(OTHER_CASE.title);
		const anne = await login(server.url, 'anne@demo.example');
		expect((await api(server.url, anne)('/admin/retention')).status).toBe(404);
		// A wrong journal number from the review page erases nothing.
		expect(
			await formAction(admin, '/admin/retention?/erase', {
				caseId: OTHER_CASE.id,
				confirm: 'TEST-2026-0078'
			})
		).toMatchObject({ type: 'failure', status: 400 });
		expect(
			await formAction(anne, '/admin/retention?/erase', {
				caseId: OTHER_CASE.id,
				confirm: OTHER_CASE.reference
			})
		).toMatchObject({ type: 'failure', status: 404 });
		expect(await countRows(server.dbPath, cases, eq(cases.id, OTHER_CASE.id))).toBe(1);
	});
});

describe('closing and erasing a case', () => {
	let anneCookie: string;
	let adminCookie: string;
	let live: TestClient;

	it('puts the case’s strings in every store first', async () => {
		anneCookie = await login(server.url, 'anne@demo.example');
		adminCookie = await login(server.url, 'admin@demo.example');
		const anne = api(server.url, anneCookie);
		// A guest also holds the case's board.
		const invite = await anne('/api/meetings/demo-meeting-netvaerk/invites', {
			method: 'POST',
			body: JSON.stringify({ name: MARK.invite, role: 'mormor' })
		});
		expect(invite.status).toBe(201);
		const meeting = await anne(`/api/cases/${DEMO_CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: MARK.meeting,
				type: 'netvaerk',
				startsAt: new Date(Date.now() + 86_400_000).toISOString()
			})
		});
		expect(meeting.status).toBe(201);
		const png = Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			Buffer.from(MARK.image)
		]);
		const image = await anne('/api/images?meetingId=demo-meeting-netvaerk', {
			method: 'POST',
			headers: { 'content-type': 'image/png' },
			body: png
		});
		expect(image.status).toBe(201);

		live = connectClient(server.url, DEMO_BOARD, { cookie: anneCookie });
		clients.push(live);
		await waitSynced(live);
		live.doc.getMap('test').set('note', MARK.note);
		await waitFor(
			() => storedBoard(server.dbPath, DEMO_BOARD).getMap('test').get('note') === MARK.note,
			'the note to be stored'
		);
		const bytes = await databaseBytes();
		for (const mark of [...Object.values(MARK), REFERENCE])
			expect(bytes, mark).toContain(latin1(mark));
	});

	it('refuses to erase an open case, a wrong confirmation and anyone but an administrator', async () => {
		const admin = api(server.url, adminCookie);
		const erase = (who: typeof admin, confirm: unknown) =>
			who(`/api/cases/${DEMO_CASE}`, { method: 'DELETE', body: JSON.stringify({ confirm }) });
		expect((await erase(admin, REFERENCE)).status).toBe(409);

		// Anne (the facilitator) closes the case: its boards turn read-only, no new meeting.
		expect((await formPost(anneCookie, `/cases/${DEMO_CASE}?/close`)).status).toBe(200);
		expect(
			await countRows(server.dbPath, cases, and(eq(cases.id, DEMO_CASE), isNotNull(cases.closedAt)))
		).toBe(1);
		const refusedMeeting = await api(server.url, anneCookie)(`/api/cases/${DEMO_CASE}/meetings`, {
			method: 'POST',
			body: JSON.stringify({
				title: 'Efter lukning',
				type: 'netvaerk',
				startsAt: new Date(Date.now() + 86_400_000).toISOString()
			})
		});
		expect(refusedMeeting.status).toBe(400);

		const before = await counts();
		expect((await erase(admin, 'DEMO-2025-0143')).status).toBe(400);
		expect((await erase(admin, 42)).status).toBe(400);
		expect(
			(
				await admin(`/api/cases/${DEMO_CASE}`, {
					method: 'DELETE',
					headers: { 'content-type': 'application/json' },
					body: '{"confirm":'
				})
			).status
		).toBe(400);
		const anne = api(server.url, anneCookie);
		expect((await erase(anne, REFERENCE)).status).toBe(403);
		const ida = api(server.url, await login(server.url, 'ida@other.example'));
		expect((await erase(ida, REFERENCE)).status).toBe(404);
		expect(
			(await api(server.url)(`/api/cases/${DEMO_CASE}`, { method: 'DELETE', body: '{}' })).status
		).toBe(401);
		expect(await counts()).toEqual(before);
		expect(live.closeCodes).not.toContain(4403);
	});

	it('erases every trace but one audit entry, and closes the open sockets', async () => {
		const admin = api(server.url, adminCookie);
		const res = await admin(`/api/cases/${DEMO_CASE}`, {
			method: 'DELETE',
			body: JSON.stringify({ confirm: ` ${REFERENCE} ` })
		});
		expect(res.status).toBe(200);
		const { erased } = (await res.json()) as {
			erased: { caseId: string; boards: number; accounts: number; walTruncated: boolean };
		};
		// PostgreSQL recycles its write-ahead log itself (docs/scaling.md).
		const truncated = !postgresOf(server.dbPath);
		expect(erased).toMatchObject({ caseId: DEMO_CASE, boards: 3, walTruncated: truncated });
		expect(erased.accounts).toBeGreaterThanOrEqual(2);
		await waitFor(() => live.closeCodes.includes(4403), 'the open socket to close');
		live.destroy();

		const bytes = await databaseBytes();
		for (const mark of [...Object.values(MARK), REFERENCE, 'line@demo.example', 'Sara og Mikkel'])
			expect(bytes, mark).not.toContain(latin1(mark));
		expect(bytes).toContain(latin1(OTHER_CASE.boardMarker));

		const entry = await withAppDb(server.dbPath, (db) =>
			db.select().from(auditLog).where(eq(auditLog.action, 'case.erase'))
		);
		expect(entry).toEqual([
			expect.objectContaining({ userId: 'demo-admin', targetId: DEMO_CASE, caseId: null })
		]);
		for (const table of ['meetings', 'images', 'case_members'])
			expect(
				await countSql(server.dbPath, `SELECT count(*) FROM ${table} WHERE case_id = ?`, DEMO_CASE),
				table
			).toBe(0);
		expect(
			await countSql(server.dbPath, 'SELECT count(*) FROM cases WHERE id = ?', DEMO_CASE)
		).toBe(0);
		// The other case has none of these.
		for (const table of ['invites', 'snapshots', 'minutes_responses', 'participant_choices'])
			expect(await countSql(server.dbPath, `SELECT count(*) FROM ${table}`), table).toBe(0);
		expect(
			await countSql(
				server.dbPath,
				`SELECT count(*) FROM board_updates WHERE ${boardKey()} LIKE 'demo-board-%'`
			)
		).toBe(0);
		expect(
			await countSql(
				server.dbPath,
				`SELECT count(*) FROM board_states WHERE ${boardKey()} LIKE 'demo-board-%'`
			)
		).toBe(0);
		expect(
			await countSql(server.dbPath, 'SELECT count(*) FROM audit_log WHERE case_id = ?', DEMO_CASE)
		).toBe(0);
		expect(
			await countSql(
				server.dbPath,
				"SELECT count(*) FROM users WHERE id IN ('demo-line', 'demo-holm')"
			)
		).toBe(0);
		// Professionals keep their accounts; the other family keeps everything.
		expect(await countSql(server.dbPath, "SELECT count(*) FROM users WHERE id = 'demo-anne'")).toBe(
			1
		);
		expect(
			await countSql(
				server.dbPath,
				'SELECT count(*) FROM case_members WHERE case_id = ?',
				OTHER_CASE.id
			)
		).toBe(4);
		expect(await countSql(server.dbPath, 'SELECT count(*) FROM erasures_in_progress')).toBe(0);
		// The erased case answers 404 and its board cannot be opened again.
		expect((await api(server.url, adminCookie)(`/api/cases/${DEMO_CASE}`)).status).toBe(404);
		const again = connectClient(server.url, DEMO_BOARD, { cookie: anneCookie });
		clients.push(again);
		await waitFor(
			() => again.closeCodes.length > 0 || again.provider.wsconnected === false,
			'refusal'
		);
		expect(again.provider.synced).toBe(false);
		// The other case's board still opens with its content.
		const other = connectClient(server.url, OTHER_CASE.boardId, {
			cookie: await login(server.url, 'ida@other.example')
		});
		clients.push(other);
		await waitSynced(other);
		expect(other.doc.getMap('test').get('marker')).toBe(OTHER_CASE.boardMarker);
	});
});

async function counts(): Promise<Record<string, number>> {
	const tables = ['cases', 'meetings', 'images', 'invites', 'snapshots', 'board_updates', 'users'];
	const counted: Record<string, number> = {};
	for (const t of tables) counted[t] = await countSql(server.dbPath, `SELECT count(*) FROM ${t}`);
	return counted;
}
