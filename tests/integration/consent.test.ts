/**
 * The parents' consent to share the goals with the placement, against the real server with stock
 * y-websocket clients (issue 11, acceptance 2 and 4): without consent the foster family's socket
 * and the snapshot, diff, PDF and trends APIs carry no goals content – checked on the bytes they
 * receive –, with both parents' consent they do, and withdrawing it closes the foster family's
 * open goals socket. A board whose goals are still in its main document is moved on load.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { goalsDocId } from '../../src/lib/board/parts';
import { toolData } from '../../src/lib/tools/data';
import { readGoals } from '../../src/lib/tools/goals/model';
import { addGoal } from '../../src/lib/tools/goals/ops';
import { asc, and, eq } from 'drizzle-orm';
import { auditLog, participantChoices } from '../../src/lib/server/db/tables';
import { api, ROOT, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	createDemoMeeting,
	DEMO_BOARD,
	DEMO_CASE,
	sessionCookie,
	shutDown,
	storedBoard,
	syncUrl,
	upgradeStatus,
	waitFor,
	waitSynced,
	seedStoredBoard,
	withAppDb,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const cookies: Record<string, string> = {};
const as = (user: string) => api(server.url, cookies[user]!);
mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(ROOT, 'tests/.tmp/consent-'));

/** Words of the demo goals (PRODUCT.md: two goals for Line) that must not reach the placement. */
const GOAL_WORDS = ['alle samvær – og til tiden', 'Bytte vagter', 'Faste aftaler om'];
const has = (bytes: Uint8Array | string, word: string) =>
	(typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8')).includes(word);
const carriesGoals = (bytes: Uint8Array | string) => GOAL_WORDS.some((w) => has(bytes, w));

function client(boardId: string, user: string): TestClient {
	const c = connectClient(server.url, boardId, { cookie: cookies[user] });
	clients.push(c);
	return c;
}

/**
 * Everything the server sends a fresh socket of `user` on document `docId` in answer to an empty
 * sync step 1 (the whole document as that user may get it), as raw bytes.
 */
async function received(docId: string, user: string): Promise<Uint8Array> {
	const ws = new WebSocket(`${syncUrl(server.url)}/${docId}`, {
		headers: { cookie: cookies[user]! }
	});
	const messages: Buffer[] = [];
	ws.on('message', (data: Buffer) => messages.push(data));
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, 0);
	syncProtocol.writeSyncStep1(encoder, new Y.Doc());
	ws.send(encoding.toUint8Array(encoder));
	// The answer (sync step 2: message type 0, sync type 1) holds the whole document.
	await waitFor(() => messages.some((m) => m[0] === 0 && m[1] === 1), 'the sync answer');
	ws.close();
	return new Uint8Array(Buffer.concat(messages));
}

async function pdfText(snapshotId: string, user: string): Promise<string> {
	const res = await as(user)(`/api/snapshots/${snapshotId}/pdf`);
	expect(res.status).toBe(200);
	const file = join(tmp, `${snapshotId}-${user}.pdf`);
	writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

/** Every snapshot API as `user` sees it, as text (JSON and PDF) and bytes (state). */
async function snapshotViews(user: string, a: string, b: string) {
	const meta = await (await as(user)(`/api/snapshots/${b}`)).text();
	const state = new Uint8Array(await (await as(user)(`/api/snapshots/${b}/state`)).arrayBuffer());
	const main = new Uint8Array(
		await (await as(user)(`/api/snapshots/${b}/state?part=main`)).arrayBuffer()
	);
	const goalsPart = await as(user)(`/api/snapshots/${b}/state?part=goals`);
	const diff = await (await as(user)(`/api/snapshots/${a}/diff/${b}`)).text();
	const trends = await (await as(user)(`/api/cases/${DEMO_CASE}/trends`)).text();
	const pdf = await pdfText(b, user);
	return { meta, state, main, goalsStatus: goalsPart.status, diff, trends, pdf };
}

function putConsent(user: string, body: unknown) {
	return as(user)(`/api/cases/${DEMO_CASE}/consent`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body)
	});
}

function audits(action: string) {
	return withAppDb(server.dbPath, (db) =>
		db
			.select({ userId: auditLog.userId, detail: auditLog.detail })
			.from(auditLog)
			.where(eq(auditLog.action, action))
			.orderBy(asc(auditLog.id))
	);
}

async function snapshotNow(): Promise<string> {
	const res = await as('demo-anne')('/api/meetings/demo-meeting-netvaerk/snapshots', {
		method: 'POST'
	});
	expect(res.status).toBe(201);
	return ((await res.json()) as { snapshotId: string }).snapshotId;
}

let first: string;
let second: string;

beforeAll(async () => {
	server = await startServer({ demo: true });
	for (const user of ['demo-anne', 'demo-line', 'demo-carsten', 'demo-holm', 'demo-jonas'])
		cookies[user] = sessionCookie(server.dbPath, user);
	// Two snapshots of the planned meeting, which the foster family takes part in; the goals
	// change in between, so the comparison has something to say about them.
	first = await snapshotNow();
	const anne = client(goalsDocId(DEMO_BOARD), 'demo-anne');
	await waitSynced(anne);
	expect(
		addGoal(toolData(anne.doc, 'goals'), 'goal-consent', { title: 'Faste aftaler om samværet' })
	).toBe(true);
	await waitFor(
		() =>
			readGoals(toolData(storedBoard(server.dbPath, goalsDocId(DEMO_BOARD)), 'goals')).goals.some(
				(g) => g.id === 'goal-consent'
			),
		'the new goal to be stored'
	);
	second = await snapshotNow();
});

afterAll(async () => {
	await shutDown(server, clients);
	rmSync(tmp, { recursive: true, force: true });
});

describe('without the parents’ consent', () => {
	it('the goals live in the goals document, not in the board’s main document', () => {
		const main = storedBoard(server.dbPath, DEMO_BOARD);
		const goals = storedBoard(server.dbPath, goalsDocId(DEMO_BOARD));
		expect(main.getMap('goals').size).toBe(0);
		expect(readGoals(toolData(goals, 'goals')).goals.length).toBeGreaterThanOrEqual(2);
	});

	it('the foster family’s socket carries no goals content, and the goals document is refused', async () => {
		const holm = client(DEMO_BOARD, 'demo-holm');
		await waitSynced(holm);
		// The board itself arrives (the people, the other tools) …
		expect(holm.doc.getMap('people').size).toBeGreaterThan(5);
		// … but not one goal, neither in the document nor in any byte the server sent.
		expect(holm.doc.getMap('goals').size).toBe(0);
		expect(carriesGoals(Y.encodeStateAsUpdate(holm.doc))).toBe(false);
		const bytes = await received(DEMO_BOARD, 'demo-holm');
		expect(has(bytes, 'Sara')).toBe(true);
		expect(carriesGoals(bytes)).toBe(false);
		expect(
			await upgradeStatus(server.url, goalsDocId(DEMO_BOARD), { cookie: cookies['demo-holm']! })
		).toBe(403);
		// The professionals and the parents do get them.
		expect(carriesGoals(await received(goalsDocId(DEMO_BOARD), 'demo-jonas'))).toBe(true);
		expect(carriesGoals(await received(goalsDocId(DEMO_BOARD), 'demo-line'))).toBe(true);
	});

	it('snapshot, state, diff, trends and PDF carry no goals content for the foster family', async () => {
		const holm = await snapshotViews('demo-holm', first, second);
		for (const text of [holm.meta, holm.diff, holm.trends, holm.pdf])
			expect(carriesGoals(text)).toBe(false);
		expect(carriesGoals(holm.state)).toBe(false);
		expect(carriesGoals(holm.main)).toBe(false);
		expect(holm.goalsStatus).toBe(404);
		expect(JSON.parse(holm.meta).summary.tools.goals).toBeUndefined();
		expect(JSON.parse(holm.diff).tools.goals).toBeUndefined();
		const point = (JSON.parse(holm.trends) as { points: { goals: object; steps: object }[] })
			.points[0]!;
		expect(point.goals).toEqual({ active: null, reached: null, paused: null });
		expect(point.steps).toEqual({ done: null, total: null });
		// The rest of the board is there.
		expect(holm.pdf).toContain('Netværkskort');
		const doc = new Y.Doc();
		Y.applyUpdate(doc, holm.state);
		expect(doc.getMap('people').size).toBeGreaterThan(5);
		expect(doc.getMap('goals').size).toBe(0);
		// Anne sees everything.
		const anne = await snapshotViews('demo-anne', first, second);
		for (const text of [anne.meta, anne.diff, anne.pdf]) expect(carriesGoals(text)).toBe(true);
		expect(carriesGoals(anne.state)).toBe(true);
		expect(anne.goalsStatus).toBe(200);
		expect(JSON.parse(anne.diff).tools.goals.map((e: { id: string }) => e.id)).toContain(
			'goal-consent'
		);
	});

	it('only a parent changes their own consent; bad input changes nothing', async () => {
		for (const user of ['demo-holm', 'demo-anne']) {
			const res = await putConsent(user, { shareGoalsWithPlacement: true });
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: string }).error).toBe(
				'Kun forældrene kan give eller trække deres samtykke tilbage.'
			);
		}
		for (const body of [{}, { shareGoalsWithPlacement: 'ja' }, []]) {
			const res = await putConsent('demo-line', body);
			expect(res.status).toBe(400);
			expect(((await res.json()) as { error: string }).error).toMatch(/samtykket|true eller false/);
		}
		const consent = (await (await as('demo-anne')(`/api/cases/${DEMO_CASE}/consent`)).json()) as {
			shared: boolean;
			parents: { userId: string; shareGoalsWithPlacement: boolean }[];
		};
		expect(consent.shared).toBe(false);
		expect(consent.parents.every((p) => !p.shareGoalsWithPlacement)).toBe(true);
		expect(await audits('consent.update')).toHaveLength(0);
	});
});

describe('with both parents’ consent', () => {
	it('the goals reach the foster family, on the socket and in the snapshot APIs', async () => {
		const line = await putConsent('demo-line', { shareGoalsWithPlacement: true });
		expect(line.status).toBe(200);
		expect(((await line.json()) as { shared: boolean }).shared).toBe(false);
		// One parent is not enough: Carsten's goals would reach the placement without his word.
		expect(
			await upgradeStatus(server.url, goalsDocId(DEMO_BOARD), { cookie: cookies['demo-holm']! })
		).toBe(403);
		const carsten = await putConsent('demo-carsten', { shareGoalsWithPlacement: true });
		expect(((await carsten.json()) as { shared: boolean }).shared).toBe(true);

		const goals = client(goalsDocId(DEMO_BOARD), 'demo-holm');
		await waitSynced(goals);
		expect(readGoals(toolData(goals.doc, 'goals')).goals.map((g) => g.id)).toContain(
			'goal-consent'
		);
		expect(carriesGoals(await received(goalsDocId(DEMO_BOARD), 'demo-holm'))).toBe(true);
		const holm = await snapshotViews('demo-holm', first, second);
		for (const text of [holm.meta, holm.diff, holm.pdf]) expect(carriesGoals(text)).toBe(true);
		expect(carriesGoals(holm.state)).toBe(true);
		expect(holm.goalsStatus).toBe(200);
		expect(JSON.parse(holm.trends).points[0].goals.active).toBeGreaterThan(0);
	});

	it('withdrawing it closes the foster family’s open goals socket; the board stays open', async () => {
		const main = client(DEMO_BOARD, 'demo-holm');
		const goals = client(goalsDocId(DEMO_BOARD), 'demo-holm');
		await Promise.all([waitSynced(main), waitSynced(goals)]);
		const res = await putConsent('demo-line', { shareGoalsWithPlacement: false });
		expect(((await res.json()) as { shared: boolean }).shared).toBe(false);
		await waitFor(() => goals.closeCodes.includes(4403), 'the goals socket to close');
		expect(main.closeCodes).toEqual([]);
		expect(main.provider.wsconnected).toBe(true);
		// Open boards are told at once (the room's own awareness state).
		await waitFor(
			() =>
				[...main.provider.awareness.getStates().values()].some(
					(s) => (s as { goals?: { shared?: boolean } }).goals?.shared === false
				),
			'the board to be told'
		);
		expect(
			await upgradeStatus(server.url, goalsDocId(DEMO_BOARD), { cookie: cookies['demo-holm']! })
		).toBe(403);
		const holm = await snapshotViews('demo-holm', first, second);
		expect(carriesGoals(holm.state)).toBe(false);
		expect(carriesGoals(holm.pdf)).toBe(false);
	});

	it('every consent change is in the audit log, with who and what', async () => {
		const entries = (await audits('consent.update')).map((e) => ({
			userId: e.userId,
			...e.detail
		}));
		expect(entries).toEqual([
			{ userId: 'demo-line', shareGoalsWithPlacement: true, shared: false },
			{ userId: 'demo-carsten', shareGoalsWithPlacement: true, shared: true },
			{ userId: 'demo-line', shareGoalsWithPlacement: false, shared: false }
		]);
	});
});

describe('a board whose goals are still in its main document', () => {
	it('moves them into the goals document when it loads, losing nothing', async () => {
		const boardId = createDemoMeeting(server.dbPath, 'consent-legacy');
		await seedStoredBoard(server.dbPath, boardId, (doc) => {
			doc.getMap('meta').set('schemaVersion', 2);
			doc.getMap('meta').set('createdFrom', 'blank');
			addGoal(toolData(doc, 'goals'), 'goal-legacy', { title: 'Bytte vagter hver gang' });
		});
		const holm = client(boardId, 'demo-holm');
		await waitSynced(holm);
		expect(carriesGoals(Y.encodeStateAsUpdate(holm.doc))).toBe(false);
		expect(carriesGoals(await received(boardId, 'demo-holm'))).toBe(false);
		const anne = client(goalsDocId(boardId), 'demo-anne');
		await waitSynced(anne);
		expect(readGoals(toolData(anne.doc, 'goals')).goals.map((g) => g.title)).toEqual([
			'Bytte vagter hver gang'
		]);
		expect(storedBoard(server.dbPath, boardId).getMap('goals').size).toBe(0);
	});
});

describe('choices, invitations and calendar files', () => {
	const PLANNED = 'demo-meeting-netvaerk';
	const putChoice = (user: string, body: unknown) =>
		as(user)(`/api/meetings/${PLANNED}/choice`, {
			method: 'PUT',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body)
		});
	const storedChoice = () =>
		withAppDb(server.dbPath, (db) =>
			db
				.select({ chosen: participantChoices.chosen, wishes: participantChoices.wishes })
				.from(participantChoices)
				.where(
					and(eq(participantChoices.meetingId, PLANNED), eq(participantChoices.userId, 'demo-line'))
				)
				.then((rows) => rows[0])
		);

	it('refuses a person who is not a candidate and leaving out the needed rådgiver, changing nothing', async () => {
		const ok = await putChoice('demo-line', {
			chosen: ['person-anne', 'person-birgit'],
			wishes: 'Hos min mor'
		});
		expect(ok.status).toBe(200);
		const before = await storedChoice();
		const stranger = await putChoice('demo-line', { chosen: ['person-anne', 'nobody'] });
		expect(stranger.status).toBe(400);
		expect(((await stranger.json()) as { error: string }).error).toBe(
			'En af de valgte personer findes ikke på mødetavlen.'
		);
		const untick = await putChoice('demo-line', { chosen: ['person-birgit'] });
		expect(untick.status).toBe(400);
		expect(((await untick.json()) as { error: string }).error).toMatch(
			/^Anne skal være med til mødet: .*Det kan ikke fravælges\.$/
		);
		expect(await storedChoice()).toEqual(before);
		// The candidates say why they could come, and who is needed.
		const view = (await (await as('demo-line')(`/api/meetings/${PLANNED}/choice`)).json()) as {
			candidates: { personId: string; group: string; why: string; needed: string | null }[];
		};
		const anne = view.candidates.find((c) => c.personId === 'person-anne')!;
		expect(anne).toMatchObject({ group: 'professional' });
		expect(anne.needed).toMatch(/ansvaret for jeres plan/);
		expect(view.candidates.find((c) => c.personId === 'person-birgit')).toMatchObject({
			group: 'family',
			needed: null
		});
		expect(view.candidates.some((c) => c.personId === 'person-line')).toBe(false);
	});

	it('gives each participant a calendar file, and none for a meeting they cannot see', async () => {
		const own = await as('demo-line')(`/api/meetings/${PLANNED}/calendar.ics`);
		expect(own.status).toBe(200);
		expect(own.headers.get('content-type')).toMatch(/^text\/calendar/);
		expect(await own.text()).toContain('BEGIN:VALARM');
		// The foster family did not take part in the ended meeting: as unknown as a missing one.
		expect((await as('demo-holm')('/api/meetings/demo-meeting-opstart/calendar.ics')).status).toBe(
			404
		);
		expect((await as('demo-line')('/api/meetings/nope/calendar.ics')).status).toBe(404);
		expect((await fetch(`${server.url}/api/meetings/${PLANNED}/calendar.ics`)).status).toBe(401);
		// Only the facilitator gets another participant's.
		expect(
			(await as('demo-line')(`/api/meetings/${PLANNED}/calendar.ics?for=demo-carsten`)).status
		).toBe(403);
		expect(
			(await as('demo-anne')(`/api/meetings/${PLANNED}/calendar.ics?for=demo-carsten`)).status
		).toBe(200);
	});

	it('logs every choice, invitation, use and revocation', async () => {
		const created = await as('demo-anne')(`/api/meetings/${PLANNED}/invites`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Birgit', role: 'mormor', expiresInMinutes: 60 })
		});
		expect(created.status).toBe(201);
		const invite = (await created.json()) as { id: string; url: string; token: string };
		expect((await fetch(invite.url)).status).toBe(200);
		const guest = connectClient(server.url, DEMO_BOARD, { invite: invite.token });
		clients.push(guest);
		await waitSynced(guest);
		const ics = await fetch(
			`${server.url}/api/meetings/${PLANNED}/calendar.ics?invite=${invite.token}`
		);
		expect(ics.status).toBe(200);
		expect(await ics.text()).toContain(`invite=${invite.token}`);
		expect((await as('demo-anne')(`/api/invites/${invite.id}`, { method: 'DELETE' })).status).toBe(
			204
		);
		await waitFor(() => guest.closeCodes.includes(4401), 'the guest socket to close');

		const log = await withAppDb(server.dbPath, (db) =>
			db
				.select({
					action: auditLog.action,
					userId: auditLog.userId,
					actor: auditLog.actor,
					targetId: auditLog.targetId,
					detail: auditLog.detail
				})
				.from(auditLog)
				.orderBy(asc(auditLog.id))
		);
		const of = (action: string) => log.filter((e) => e.action === action);
		expect(of('choice.update').some((e) => e.userId === 'demo-line')).toBe(true);
		expect(of('choice.update').at(-1)!.detail).toMatchObject({
			chosen: ['person-anne', 'person-birgit']
		});
		expect(of('invite.create').some((e) => e.targetId === invite.id)).toBe(true);
		for (const action of ['board.open', 'board.connect', 'calendar.download'])
			expect(
				of(action).some((e) => e.actor === 'gæst: Birgit' && e.detail?.inviteId === invite.id)
			).toBe(true);
		expect(of('invite.revoke').some((e) => e.targetId === invite.id)).toBe(true);
		expect(of('consent.update').length).toBeGreaterThanOrEqual(3);
	});
});
