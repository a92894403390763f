/**
 * The timeline through the real server with stock y-websocket clients (issue 7, acceptance 3):
 * concurrent edits – one removes an event another is editing, both add at once, an offline
 * client moves what was meanwhile deleted – end in the same valid timeline on every client and
 * in storage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toolData } from '../../src/lib/tools/data';
import { readTimeline } from '../../src/lib/tools/timeline/model';
import { addEvent, moveEvent, removeEvent, updateEvent } from '../../src/lib/tools/timeline/ops';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitSynced,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const TODAY = '2026-12-01';

function client(userId: string): TestClient {
	const c = connectClient(server.url, DEMO_BOARD, { cookie: sessionCookie(server.dbPath, userId) });
	clients.push(c);
	return c;
}

const timelineOf = (c: { doc: import('yjs').Doc }) =>
	readTimeline(toolData(c.doc, 'timeline'), TODAY);

beforeAll(async () => {
	server = await startServer({ demo: true });
});

afterAll(() => shutDown(server, clients));

describe('timeline sync', () => {
	it('one removes an event while another edits it: every client and the store agree, and it is gone', async () => {
		const anne = client('demo-anne');
		const jonas = client('demo-jonas');
		await Promise.all([anne, jonas].map(waitSynced));
		const id = 'tl-job';
		expect(timelineOf(anne).events.some((e) => e.id === id)).toBe(true);
		// In one turn, so that neither has seen the other's edit.
		removeEvent(toolData(anne.doc, 'timeline'), id);
		updateEvent(toolData(jonas.doc, 'timeline'), id, { title: 'Line får fast job', note: 'Netto' });
		moveEvent(toolData(jonas.doc, 'timeline'), id, 7);
		await waitConverged([anne.doc, jonas.doc]);
		const a = timelineOf(anne);
		expect(timelineOf(jonas)).toEqual(a);
		expect(a.events.some((e) => e.id === id)).toBe(false);
		expect(
			readTimeline(toolData(storedBoard(server.dbPath, DEMO_BOARD), 'timeline'), TODAY)
		).toEqual(a);
	});

	it('two add events at once, and an offline client moves an event deleted meanwhile: all converge, valid', async () => {
		const anne = client('demo-anne');
		const jonas = client('demo-jonas');
		const mette = client('demo-mette');
		await Promise.all([anne, jonas, mette].map(waitSynced));
		mette.provider.disconnect();
		addEvent(toolData(anne.doc, 'timeline'), 'from-anne', {
			title: 'Samvær hos Birgit',
			date: '2026-11-20'
		});
		addEvent(toolData(jonas.doc, 'timeline'), 'from-jonas', {
			title: 'Skolemøde',
			date: '2026-11-21'
		});
		removeEvent(toolData(anne.doc, 'timeline'), 'tl-school');
		moveEvent(toolData(mette.doc, 'timeline'), 'tl-school', 30);
		updateEvent(toolData(mette.doc, 'timeline'), 'tl-school', { category: 'succes' });
		mette.provider.connect();
		await waitConverged([anne.doc, jonas.doc, mette.doc]);
		const all = [anne, jonas, mette].map(timelineOf);
		expect(all[1]).toEqual(all[0]);
		expect(all[2]).toEqual(all[0]);
		const ids = all[0]!.events.map((e) => e.id);
		expect(ids).toEqual(expect.arrayContaining(['from-anne', 'from-jonas']));
		expect(ids).not.toContain('tl-school');
	});
});
