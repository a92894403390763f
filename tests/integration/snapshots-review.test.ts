/**
 * Ending a meeting and reviewing its snapshots against the real server (issue 10, acceptance 1
 * and 3): the snapshot is the board's last state, nothing is stored on an ended board, tampered
 * bytes are caught, comparing across cases is 404, an older snapshot is migrated on read and
 * never written back, the PDF is PDF/A-2b with embedded fonts, responses to the minutes, trends,
 * the room's screen link – and the audit log of each.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { translator } from '../../src/lib/i18n';
import { shownTools } from '../../src/lib/review/board-tools';
import { openSnapshot } from '../../src/lib/review/snapshot-doc';
import { and, count, eq } from 'drizzle-orm';
import {
	auditLog,
	cases,
	caseMembers,
	meetings,
	minutesResponses,
	snapshots
} from '../../src/lib/server/db/tables';
import { createScreenLink } from '../../src/lib/server/screen';
import { api, ROOT, startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	createDemoMeeting,
	DEMO_CASE,
	sessionCookie,
	shutDown,
	storedBoard,
	upgradeStatus,
	waitConverged,
	waitFor,
	waitSynced,
	withAppDb,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
let anne: ReturnType<typeof api>;
let anneCookie: string;
const clients: TestClient[] = [];
mkdirSync(join(ROOT, 'tests/.tmp'), { recursive: true });
const tmp = mkdtempSync(join(ROOT, 'tests/.tmp/review-'));

function connect(boardId: string, cookie: string): TestClient {
	const c = connectClient(server.url, boardId, { cookie });
	clients.push(c);
	return c;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function docOf(bytes: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, bytes);
	return doc;
}

async function snapshotState(id: string, as = anne): Promise<Uint8Array> {
	const res = await as(`/api/snapshots/${id}/state`);
	expect(res.status).toBe(200);
	return new Uint8Array(await res.arrayBuffer());
}

function auditCount(action: string, targetId?: string): Promise<number> {
	return withAppDb(server.dbPath, (db) =>
		db.$count(
			auditLog,
			targetId
				? and(eq(auditLog.action, action), eq(auditLog.targetId, targetId))
				: eq(auditLog.action, action)
		)
	);
}

/** The snapshot saved when the demo's opstartsmøde ended (read once the server has started). */
let demoSnapshot = '';
function demoSnapshotId(): string {
	return demoSnapshot;
}

/** A snapshot's stored row. */
function snapshotRow(id: string) {
	return withAppDb(server.dbPath, (db) =>
		db
			.select()
			.from(snapshots)
			.where(eq(snapshots.id, id))
			.then((rows) => rows[0]!)
	);
}

/** The awareness update of a client has reached a witness: the server handled its earlier messages. */
async function settle(from: TestClient, witness: TestClient, probe: number): Promise<void> {
	from.provider.awareness.setLocalStateField('probe', probe);
	// Set again (a new clock) until seen: if the board reloads (1012) just after the witness saw
	// the probe, both reconnect and the witness drops the same state sent again with the same clock.
	const again = setInterval(() => from.provider.awareness.setLocalStateField('probe', probe), 500);
	try {
		await waitFor(
			() => witness.provider.awareness.getStates().get(from.doc.clientID)?.probe === probe,
			'the probe to arrive'
		);
	} finally {
		clearInterval(again);
	}
}

beforeAll(async () => {
	server = await startServer({ demo: true });
	anneCookie = sessionCookie(server.dbPath, 'demo-anne');
	anne = api(server.url, anneCookie);
	demoSnapshot = await withAppDb(server.dbPath, (db) =>
		db
			.select({ id: snapshots.id })
			.from(snapshots)
			.where(eq(snapshots.meetingId, 'demo-meeting-opstart'))
			.then((rows) => rows[0]!.id)
	);
});

afterAll(async () => {
	await shutDown(server, clients);
	rmSync(tmp, { recursive: true, force: true });
});

describe('ending a meeting', () => {
	it("saves the board's last state: decoded into a fresh doc it equals the board, and its SHA-256 matches", async () => {
		const boardId = createDemoMeeting(server.dbPath, 'end-equal', 'live');
		const a = connect(boardId, anneCookie);
		const b = connect(boardId, sessionCookie(server.dbPath, 'demo-jonas'));
		await Promise.all([waitSynced(a), waitSynced(b)]);
		createRandomEditor(a.doc, 11).edits(40);
		createRandomEditor(b.doc, 12).edits(40);
		await waitConverged([a.doc, b.doc]);

		const res = await anne('/api/meetings/end-equal/end', { method: 'POST' });
		expect(res.status).toBe(200);
		const { snapshotId } = (await res.json()) as { snapshotId: string };
		const meta = (await (await anne(`/api/snapshots/${snapshotId}`)).json()) as {
			sha256: string;
			summary: { tools: Record<string, unknown>; elements: number };
		};
		const stateRes = await anne(`/api/snapshots/${snapshotId}/state`);
		const bytes = new Uint8Array(await stateRes.arrayBuffer());
		expect(sha(bytes)).toBe(meta.sha256);
		expect(stateRes.headers.get('x-content-sha256')).toBe(meta.sha256);

		const saved = docOf(bytes);
		expect(canonicalBoard(saved)).toBe(canonicalBoard(a.doc));
		expect(Y.encodeStateVector(saved)).toEqual(Y.encodeStateVector(a.doc));
		const stored = storedBoard(server.dbPath, boardId);
		expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(saved));
		// The summary keeps its counts and adds each tool's own summary.
		expect(meta.summary.elements).toBe(a.doc.getMap('elements').size);
		expect(Object.keys(meta.summary.tools)).toContain('timeline');
		expect(await auditCount('meeting.end', 'end-equal')).toBe(1);
	});

	it('an edit sent after the end is neither stored nor forwarded, on an open and on a new socket; open boards are told', async () => {
		const boardId = createDemoMeeting(server.dbPath, 'end-after', 'live');
		const a = connect(boardId, anneCookie);
		const b = connect(boardId, sessionCookie(server.dbPath, 'demo-jonas'));
		await Promise.all([waitSynced(a), waitSynced(b)]);
		createRandomEditor(a.doc, 21).edits(10);
		await waitConverged([a.doc, b.doc]);
		expect((await anne('/api/meetings/end-after/end', { method: 'POST' })).status).toBe(200);
		const before = storedBoard(server.dbPath, boardId);
		// Every open board learns at once that the meeting ended (the room's own awareness state).
		await waitFor(
			() =>
				[...b.provider.awareness.getStates().values()].some(
					(s) => (s as { meeting?: { status?: string } }).meeting?.status === 'ended'
				),
			'the end to be announced'
		);

		createRandomEditor(a.doc, 22).edits(20);
		await settle(a, b, 1);
		const late = connect(boardId, sessionCookie(server.dbPath, 'demo-karim'));
		await waitSynced(late);
		createRandomEditor(late.doc, 23).edits(20);
		await settle(late, b, 2);

		expect(Y.decodeStateVector(Y.encodeStateVector(b.doc)).has(late.doc.clientID)).toBe(false);
		expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(before));
		const after = storedBoard(server.dbPath, boardId);
		expect(Y.encodeStateVector(after)).toEqual(Y.encodeStateVector(before));
		expect(canonicalBoard(after)).toBe(canonicalBoard(before));
	});

	it('an update arriving just as the meeting ends is in the snapshot or refused, never stored outside it', async () => {
		for (let round = 0; round < 6; round++) {
			const id = `end-race-${round}`;
			const boardId = createDemoMeeting(server.dbPath, id, 'live');
			const a = connect(boardId, anneCookie);
			const b = connect(boardId, sessionCookie(server.dbPath, 'demo-jonas'));
			await Promise.all([waitSynced(a), waitSynced(b)]);
			createRandomEditor(a.doc, 100 + round).edits(5);
			await waitConverged([a.doc, b.doc]);
			// The edit and the end leave at the same moment, in either order.
			const edit = () => createRandomEditor(a.doc, 200 + round).edits(15);
			const end = anne(`/api/meetings/${id}/end`, { method: 'POST' });
			if (round % 2 === 0) edit();
			const ended = end.then(async (res) => (await res.json()) as { snapshotId: string });
			if (round % 2 === 1) edit();
			const { snapshotId } = await ended;
			await settle(a, b, 100 + round);
			const saved = docOf(await snapshotState(snapshotId));
			const stored = storedBoard(server.dbPath, boardId);
			// Whatever is stored is exactly what the snapshot holds.
			expect(Y.encodeStateVector(stored)).toEqual(Y.encodeStateVector(saved));
			expect(canonicalBoard(stored)).toBe(canonicalBoard(saved));
			a.destroy();
			b.destroy();
		}
	});

	it('asks for confirmation on the meeting page, showing what will be saved', async () => {
		createDemoMeeting(server.dbPath, 'end-confirm', 'live');
		const post = (body: string) =>
			fetch(`${server.url}/meetings/end-confirm?/end`, {
				method: 'POST',
				headers: {
					origin: server.url,
					cookie: anneCookie,
					'content-type': 'application/x-www-form-urlencoded',
					'x-sveltekit-action': 'true'
				},
				body
			});
		const ask = await post('');
		expect(ask.status).toBe(200);
		const asked = JSON.stringify(await ask.json());
		expect(asked).toContain('Elementer på tavlen');
		expect(asked).toContain('Tidslinje');
		const status = () =>
			withAppDb(server.dbPath, (db) =>
				db
					.select({ status: meetings.status })
					.from(meetings)
					.where(eq(meetings.id, 'end-confirm'))
					.then((rows) => rows[0]?.status)
			);
		expect(await status()).toBe('live');
		expect((await post('confirm=yes')).status).toBe(200);
		expect(await status()).toBe('ended');
	});
});

describe('reviewing snapshots', () => {
	it('detects tampered bytes on open: the API refuses, the viewer shows the mismatch, both are audited', async () => {
		const { snapshotId } = (await (
			await anne('/api/meetings/demo-meeting-netvaerk/snapshots', { method: 'POST' })
		).json()) as { snapshotId: string };
		expect((await anne(`/api/snapshots/${snapshotId}`)).status).toBe(200);
		await withAppDb(server.dbPath, (db) =>
			db
				.update(snapshots)
				.set({ state: Buffer.from([0, 0]) })
				.where(eq(snapshots.id, snapshotId))
		);
		for (const path of ['', '/state', '/pdf', `/diff/${demoSnapshotId()}`]) {
			const res = await anne(`/api/snapshots/${snapshotId}${path}`);
			expect(res.status).toBe(500);
			expect(((await res.json()) as { error: string }).error).toBe(
				'Øjebliksbilledet stemmer ikke med sin kontrolsum og vises ikke.'
			);
		}
		const page = await anne(`/snapshots/${snapshotId}`);
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('data-testid="snapshot-tampered"');
		expect(html).toContain(sha(new Uint8Array([0, 0])));
		expect(await auditCount('snapshot.tampered', snapshotId)).toBeGreaterThanOrEqual(5);
		expect(await auditCount('snapshot.open', snapshotId)).toBe(1);
		// The trends leave it out and say so.
		const trends = (await (await anne(`/api/cases/${DEMO_CASE}/trends`)).json()) as {
			skipped: { snapshotId: string }[];
		};
		expect(trends.skipped.map((s) => s.snapshotId)).toContain(snapshotId);
	});

	it('compares two snapshots per tool; across two cases it is 404, for a stranger too', async () => {
		const { snapshotId: later } = (await (
			await anne('/api/meetings/demo-meeting-netvaerk/snapshots', { method: 'POST' })
		).json()) as { snapshotId: string };
		const res = await anne(`/api/snapshots/${demoSnapshotId()}/diff/${later}`);
		expect(res.status).toBe(200);
		const diff = (await res.json()) as { tools: Record<string, { kind: string; text: string }[]> };
		expect(Object.keys(diff.tools)).toContain('timeline');
		expect(await auditCount('snapshot.compare', demoSnapshotId())).toBeGreaterThanOrEqual(1);
		const page = await anne(`/cases/${DEMO_CASE}/compare?a=${demoSnapshotId()}&b=${later}`);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('data-testid="compare-timeline"');
		expect((await anne(`/cases/${DEMO_CASE}/compare?a=${later}&b=${later}`)).status).toBe(400);

		// Anne is also the facilitator of a second case with a snapshot of its own.
		await withAppDb(server.dbPath, async (db) => {
			await db.insert(cases).values({ id: 'case-two', title: 'Anden sag' });
			await db
				.insert(caseMembers)
				.values({ caseId: 'case-two', userId: 'demo-anne', role: 'facilitator' });
			await db.insert(meetings).values({
				id: 'meeting-two',
				caseId: 'case-two',
				boardId: 'board-two',
				type: 'netvaerk',
				title: 'Andet møde',
				startsAt: new Date(),
				status: 'ended'
			});
			const state = Y.encodeStateAsUpdate(new Y.Doc());
			await db.insert(snapshots).values({
				id: 'snapshot-two',
				caseId: 'case-two',
				meetingId: 'meeting-two',
				boardId: 'board-two',
				state: Buffer.from(state),
				sha256: sha(state),
				summary: {},
				reason: 'meeting-ended',
				createdAt: new Date()
			});
		});
		expect((await anne('/api/snapshots/snapshot-two')).status).toBe(200);
		for (const [a, b] of [
			[demoSnapshotId(), 'snapshot-two'],
			['snapshot-two', demoSnapshotId()]
		]) {
			const across = await anne(`/api/snapshots/${a}/diff/${b}`);
			expect(across.status).toBe(404);
			expect(((await across.json()) as { error: string }).error).toBe('Findes ikke.');
		}
		expect(
			(await anne(`/cases/${DEMO_CASE}/compare?a=${demoSnapshotId()}&b=snapshot-two`)).status
		).toBe(404);
		const stranger = api(server.url, sessionCookie(server.dbPath, 'demo-admin'));
		expect((await stranger(`/api/snapshots/${demoSnapshotId()}/diff/${later}`)).status).toBe(404);
		expect((await stranger(`/api/snapshots/${demoSnapshotId()}/pdf`)).status).toBe(404);
		expect((await stranger(`/snapshots/${demoSnapshotId()}`)).status).toBe(404);
		expect((await api(server.url)(`/api/snapshots/${later}/diff/${demoSnapshotId()}`)).status).toBe(
			401
		);
	});

	it('migrates a snapshot from an older schema on read and never writes it back', async () => {
		const v1 = new Uint8Array(readFileSync(resolve(ROOT, 'tests/fixtures/board-v1.yjs')));
		const oldId = 'snapshot-v1';
		await withAppDb(server.dbPath, (db) =>
			db.insert(snapshots).values({
				id: oldId,
				caseId: DEMO_CASE,
				meetingId: 'demo-meeting-opstart',
				boardId: 'demo-board-opstart',
				state: Buffer.from(v1),
				sha256: sha(v1),
				summary: {},
				reason: 'manual',
				createdAt: new Date(Date.now() - 400 * 24 * 3600_000)
			})
		);
		expect(openSnapshot(v1).migrated.length).toBeGreaterThan(0);
		expect((await anne(`/api/snapshots/${oldId}/diff/${demoSnapshotId()}`)).status).toBe(200);
		expect((await anne(`/api/snapshots/${oldId}/pdf`)).status).toBe(200);
		expect((await anne(`/snapshots/${oldId}`)).status).toBe(200);
		expect((await anne(`/api/cases/${DEMO_CASE}/trends`)).status).toBe(200);
		// The bytes and their SHA-256 are exactly as saved.
		expect(await snapshotState(oldId)).toEqual(v1);
		const row = await snapshotRow(oldId);
		expect(new Uint8Array(row.state)).toEqual(v1);
		expect(row.sha256).toBe(sha(v1));
	});
});

describe('the PDF', () => {
	let file: string;
	let text: string;

	beforeAll(async () => {
		const id = demoSnapshotId();
		const res = await anne(`/api/snapshots/${id}/pdf`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="gemt-tavle-.*\.pdf"$/
		);
		file = join(tmp, 'demo.pdf');
		writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
		text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
	});

	it('is audited as an export', async () => {
		expect(await auditCount('snapshot.export', demoSnapshotId())).toBeGreaterThanOrEqual(1);
	});

	it('is an A4 PDF 1.7 whose every page renders', () => {
		const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
		const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(pages).toBeGreaterThanOrEqual(3);
		expect(info).toMatch(/PDF version:\s+1\.7/);
		expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
		const out = join(tmp, 'page');
		execFileSync('pdftoppm', ['-r', '40', '-png', file, out]);
		const rendered = readdirSync(tmp).filter((f) => f.startsWith('page') && f.endsWith('.png'));
		expect(rendered).toHaveLength(pages);
		for (const png of rendered) expect(statSync(join(tmp, png)).size).toBeGreaterThan(1000);
	});

	it('embeds every font it uses (from the npm package, not the system)', () => {
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' })
			.trim()
			.split('\n')
			.slice(2);
		expect(fonts.length).toBeGreaterThan(0);
		for (const line of fonts) {
			expect(line).toMatch(/DejaVuSans/);
			// name type encoding emb sub uni …: "emb" is yes.
			expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
		}
	});

	it('declares PDF/A-2b in its XMP metadata', () => {
		const xmp = execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' });
		expect(xmp).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
		expect(xmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
	});

	it('has the case and meeting header, participants, minutes, SHA-256 and page numbers', async () => {
		const flat = text.replace(/\s+/g, ' ');
		const id = demoSnapshotId();
		const { sha256 } = await snapshotRow(id);
		expect(flat).toContain(
			'Sara og Mikkel · DEMO-2025-0142 · Opstartsmøde om forældrehandleplanen'
		);
		expect(flat).toContain(`SHA-256 ${sha256}`);
		expect(flat).toMatch(/Side 1 af \d+/);
		for (const name of ['Anne', 'Jonas', 'Line']) expect(flat).toContain(name);
		expect(flat).toContain('Beslutning: Forældrehandleplanen tager udgangspunkt i samværet');
		expect(flat).toContain('Aftale: Jonas og Line mødes hver uge de næste otte uger.');
		expect(flat).toContain('Hvem: Jonas og Line');
	});

	it("contains each tool's picture and its content as text, with the demo family's names", async () => {
		const flat = text.replace(/\s+/g, ' ');
		const opened = openSnapshot(await snapshotState(demoSnapshotId()));
		const t = translator('da');
		const tools = shownTools(opened.doc);
		expect(tools.length).toBeGreaterThan(0);
		for (const tool of tools) {
			const name = t(tool.def.name);
			// Once as the section's heading, once in the frame of its picture.
			expect(flat.split(name).length - 1).toBeGreaterThanOrEqual(2);
			for (const line of tool.def.summary(tool.model, t, 'da').text)
				expect(flat).toContain(line.replace(/\s+/g, ' '));
		}
		for (const name of ['Sara', 'Mikkel', 'Line', 'Carsten', 'Holm']) expect(flat).toContain(name);
	});
});

describe('responses to the minutes', () => {
	const line = () => api(server.url, sessionCookie(server.dbPath, 'demo-line'));
	const post = (as: ReturnType<typeof api>, meeting: string, body: unknown) =>
		as(`/api/meetings/${meeting}/responses`, { method: 'POST', body: JSON.stringify(body) });

	it('a parent who took part responds in writing; the facilitator sees it; the audit log has it', async () => {
		const res = await post(line(), 'demo-meeting-opstart', {
			text: 'Jeg vil gerne tilføje, at Sara selv har bedt om mere samvær.'
		});
		expect(res.status).toBe(201);
		const { id } = (await res.json()) as { id: string };
		expect(await auditCount('response.create', id)).toBe(1);
		const listed = (await (await anne('/api/meetings/demo-meeting-opstart/responses')).json()) as {
			responses: { id: string; authorName: string; text: string }[];
		};
		expect(listed.responses).toContainEqual(
			expect.objectContaining({ id, authorName: 'Line', text: expect.stringContaining('samvær') })
		);
		const casePage = await (await anne(`/cases/${DEMO_CASE}`)).text();
		expect(casePage).toContain('Sara selv har bedt om mere samvær');
		const meetingPage = await (await anne('/meetings/demo-meeting-opstart')).text();
		expect(meetingPage).toContain('Sara selv har bedt om mere samvær');
	});

	it('refuses others and bad input with a clear Danish answer, saving nothing', async () => {
		const countResponses = () =>
			withAppDb(server.dbPath, (db) =>
				db
					.select({ n: count() })
					.from(minutesResponses)
					.then((rows) => rows[0]!.n)
			);
		const before = await countResponses();
		const jonas = api(server.url, sessionCookie(server.dbPath, 'demo-jonas'));
		const carsten = api(server.url, sessionCookie(server.dbPath, 'demo-carsten'));
		const cases: [ReturnType<typeof api>, string, unknown, number, string][] = [
			[
				line(),
				'demo-meeting-opstart',
				{ text: '   ' },
				400,
				'Skriv din kommentar, før du sender den.'
			],
			[
				line(),
				'demo-meeting-opstart',
				{ text: 'x'.repeat(4001) },
				400,
				'Kommentaren må højst være 4000 tegn.'
			],
			[line(), 'demo-meeting-opstart', { text: 7 }, 400, 'Kommentaren skal være tekst.'],
			[
				line(),
				'demo-meeting-netvaerk',
				{ text: 'For tidligt' },
				400,
				'Referatet kan kommenteres, når mødet er afsluttet.'
			],
			[
				jonas,
				'demo-meeting-opstart',
				{ text: 'Fagperson' },
				403,
				'Det er forældrene, der var med til mødet, der kan kommentere referatet.'
			],
			// Carsten did not take part in the opstartsmøde: he does not see it at all.
			[carsten, 'demo-meeting-opstart', { text: 'Hej' }, 404, 'Findes ikke.']
		];
		for (const [as, meeting, body, status, message] of cases) {
			const res = await post(as, meeting, body);
			expect(res.status).toBe(status);
			expect(((await res.json()) as { error: string }).error).toContain(message);
		}
		const notJson = await line()('/api/meetings/demo-meeting-opstart/responses', {
			method: 'POST',
			body: 'text=hej',
			headers: { 'content-type': 'text/plain' }
		});
		expect(notJson.status).toBe(400);
		expect(await countResponses()).toBe(before);
	});

	it('a parent lists only her own responses', async () => {
		const listed = (await (
			await line()('/api/meetings/demo-meeting-opstart/responses')
		).json()) as {
			responses: { authorName: string; mine: boolean }[];
		};
		expect(listed.responses.length).toBeGreaterThan(0);
		expect(listed.responses.every((r) => r.mine && r.authorName === 'Line')).toBe(true);
		expect(await auditCount('response.read')).toBeGreaterThan(0);
	});
});

describe('trends', () => {
	it('one point per meeting the reader sees, in time order; no data is null, never an error', async () => {
		const res = await anne(`/api/cases/${DEMO_CASE}/trends`);
		expect(res.status).toBe(200);
		const body = (await res.json()) as {
			points: { meetingId: string; at: string; safety: { parents: { median: unknown } } }[];
		};
		const meetingsSeen = body.points.map((p) => p.meetingId);
		expect(new Set(meetingsSeen).size).toBe(meetingsSeen.length);
		expect(meetingsSeen).toContain('demo-meeting-opstart');
		const times = body.points.map((p) => p.at);
		expect([...times].sort()).toEqual(times);
		for (const p of body.points) expect(p.safety.parents).toHaveProperty('median');
		// Carsten did not take part in the opstartsmøde: its snapshot is not in his trends.
		const carsten = (await (
			await api(
				server.url,
				sessionCookie(server.dbPath, 'demo-carsten')
			)(`/api/cases/${DEMO_CASE}/trends`)
		).json()) as { points: { meetingId: string }[] };
		expect(carsten.points.length).toBeGreaterThan(0);
		expect(carsten.points.map((p) => p.meetingId)).not.toContain('demo-meeting-opstart');
		expect(
			(
				await api(
					server.url,
					sessionCookie(server.dbPath, 'demo-admin')
				)(`/api/cases/${DEMO_CASE}/trends`)
			).status
		).toBe(404);
		expect(await auditCount('case.trends')).toBeGreaterThan(0);
	});
});

describe("the meeting room's screen", () => {
	it('a screen link opens only the screen: read-only, token out of the address bar, revocable', async () => {
		const row = await withAppDb(server.dbPath, (db) =>
			db
				.select()
				.from(meetings)
				.where(eq(meetings.id, 'demo-meeting-netvaerk'))
				.then((rows) => rows[0]!)
		);
		const { invite, token } = await withAppDb(server.dbPath, (db) =>
			createScreenLink(db, row, 'demo-anne')
		);
		const open = await fetch(`${server.url}/screen/${token}`, { redirect: 'manual' });
		expect(open.status).toBe(303);
		expect(open.headers.get('location')).toBe('/screen');
		const cookies = open.headers.getSetCookie();
		const screenCookie = cookies.find((c) => c.startsWith('screen='))!;
		expect(screenCookie).toMatch(/HttpOnly/i);
		expect(screenCookie).toMatch(/Path=\/screen/);
		const page = await fetch(`${server.url}/screen`, {
			headers: { cookie: screenCookie.split(';')[0]! }
		});
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Netværksmøde: hvem kan hjælpe?');
		expect(html).not.toContain('/cases');
		expect(await auditCount('screen.open')).toBeGreaterThan(0);
		// The board page does not open for it; the sync socket opens read-only.
		expect(
			(await fetch(`${server.url}/meetings/demo-meeting-netvaerk/board?invite=${token}`)).status
		).toBe(404);
		const boardId = 'demo-board-netvaerk';
		const witness = connect(boardId, anneCookie);
		const screen = connectClient(server.url, boardId, { invite: token });
		clients.push(screen);
		await Promise.all([waitSynced(witness), waitSynced(screen)]);
		createRandomEditor(screen.doc, 77).edits(10);
		await settle(screen, witness, 77);
		expect(Y.decodeStateVector(Y.encodeStateVector(witness.doc)).has(screen.doc.clientID)).toBe(
			false
		);
		// Revoking closes the screen's socket; the link no longer opens anything.
		expect((await anne(`/api/invites/${invite.id}`, { method: 'DELETE' })).status).toBeLessThan(
			300
		);
		await waitFor(() => screen.closeCodes.includes(4401), 'the screen socket to close');
		expect((await fetch(`${server.url}/screen/${token}`, { redirect: 'manual' })).status).toBe(404);
		expect(await upgradeStatus(server.url, boardId, {}, `?invite=${token}`)).toBe(401);
	});
});
