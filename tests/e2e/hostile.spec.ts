/**
 * Script injection in every text a user can enter (issue 12): a meeting title, a note, the
 * minutes, people's names, the tools' records, a parent's wishes, an invite name (a guest's
 * awareness name) – shown on the board, in the lists, on the meeting and case pages, in the
 * snapshot viewer and in the PDF without anything running: no dialog opens and the Content
 * Security Policy reports no violation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createElement } from '../../src/lib/board/ops/elements';
import { minutes } from '../../src/lib/board/doc';
import { toolData } from '../../src/lib/tools/data';
import { addPerson } from '../../src/lib/tools/people';
import { addEvent } from '../../src/lib/tools/timeline/ops';
import { DEMO_CASE_ID, DEMO_PASSWORD, loginAs } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

const EVIL = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>`;
const BASE = () => process.env.BASE_URL!;

/** Every page of a context records CSP violations, and fails on any dialog. */
async function watch(page: Page, dialogs: string[]): Promise<void> {
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await page.addInitScript(() => {
		(window as unknown as { __csp: string[] }).__csp = [];
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { __csp: string[] }).__csp.push(
				`${e.violatedDirective} ${e.blockedURI}`
			)
		);
	});
}

const violations = (page: Page) =>
	page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

async function session(email: string): Promise<string> {
	const res = await fetch(`${BASE()}/api/session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: BASE() },
		body: JSON.stringify({ email, password: DEMO_PASSWORD })
	});
	return res.headers
		.getSetCookie()
		.find((c) => c.startsWith('session='))!
		.split(';')[0]!;
}

/** Writes hostile text into a board through a stock y-websocket client (as any peer could). */
async function poison(boardId: string, cookie: string): Promise<void> {
	class CookieSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie, origin: BASE() } });
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${BASE().replace(/^http/, 'ws')}/sync`, boardId, doc, {
		WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve) => provider.on('sync', (ok: boolean) => ok && resolve()));
	createElement(doc, {
		id: 'evil-note',
		type: 'sticky',
		x: 0,
		y: -400,
		w: 300,
		h: 300,
		text: EVIL
	});
	addPerson(toolData(doc, 'network'), { id: 'evil-person', name: EVIL, relation: EVIL });
	addEvent(toolData(doc, 'timeline'), 'evil-event', {
		title: EVIL,
		date: '2026-11-01',
		note: EVIL
	});
	doc.transact(() => {
		const p = new Y.XmlElement('paragraph');
		p.insert(0, [new Y.XmlText(EVIL)]);
		minutes(doc).insert(0, [p]);
	});
	// The server has stored it once a fresh client sees it.
	await new Promise((r) => setTimeout(r, 500));
	provider.destroy();
}

test('injected markup and scripts stay text everywhere they are shown', async ({ browser }) => {
	test.setTimeout(180_000);
	const dialogs: string[] = [];
	const anneCookie = await session('anne@demo.example');
	const headers = { 'content-type': 'application/json', origin: BASE(), cookie: anneCookie };
	const created = await fetch(`${BASE()}/api/cases/${DEMO_CASE_ID}/meetings`, {
		method: 'POST',
		headers,
		body: JSON.stringify({
			title: `Møde ${EVIL}`,
			type: 'netvaerk',
			startsAt: '2027-02-01T10:00',
			place: EVIL
		})
	});
	expect(created.status).toBe(201);
	const { meeting } = (await created.json()) as { meeting: { id: string; boardId: string } };
	await poison(meeting.boardId, anneCookie);
	const invite = (await (
		await fetch(`${BASE()}/api/meetings/${meeting.id}/invites`, {
			method: 'POST',
			headers,
			body: JSON.stringify({ name: EVIL, role: EVIL, expiresInMinutes: 60 })
		})
	).json()) as { url: string };
	// A parent's wishes.
	const lineCookie = await session('line@demo.example');
	const choice = await fetch(`${BASE()}/api/meetings/${meeting.id}/choice`, {
		method: 'PUT',
		headers: { ...headers, cookie: lineCookie },
		body: JSON.stringify({ chosen: [], wishes: EVIL })
	});
	expect([200, 400]).toContain(choice.status);

	// The guest (whose name is the hostile text) and Anne on the board together.
	const guestContext = await browser.newContext({ locale: 'da-DK' });
	const guest = await guestContext.newPage();
	await watch(guest, dialogs);
	await guest.goto(invite.url);
	await expect(guest.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');

	const context = await browser.newContext({
		baseURL: BASE(),
		locale: 'da-DK',
		viewport: { width: 1600, height: 1000 }
	});
	const page = await context.newPage();
	await watch(page, dialogs);
	await loginAs(page, 'anne@demo.example');
	await page.goto(`/meetings/${meeting.id}/board`);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await guest.mouse.move(300, 300);
	await guest.mouse.move(320, 330);
	await page.getByRole('tab', { name: 'Elementer' }).click();
	await expect(page.getByTestId('timeline-list')).toContainText('onerror="alert(\'xss\')"');
	await page.getByRole('tab', { name: 'Referat' }).click();
	await expect(page.getByTestId('minutes-editor')).toContainText('<script>');
	await page.getByRole('tab', { name: 'Deltagere' }).click();
	await expect(page.locator('#board-panel')).toContainText('<img src=x');
	await page.goto(`/meetings/${meeting.id}`);
	await expect(page.locator('main')).toContainText('<script>');
	await page.goto(`/cases/${DEMO_CASE_ID}`);

	// A snapshot of it, opened in the viewer and as a PDF.
	const saved = await fetch(`${BASE()}/api/meetings/${meeting.id}/snapshots`, {
		method: 'POST',
		headers
	});
	expect(saved.status).toBe(201);
	const { snapshotId } = (await saved.json()) as { snapshotId: string };
	await page.goto(`/snapshots/${snapshotId}`);
	await expect(page.getByTestId('snapshot-viewer')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('snapshot-verified')).toBeVisible();
	const pdf = await fetch(`${BASE()}/api/snapshots/${snapshotId}/pdf`, { headers });
	expect(pdf.status).toBe(200);
	const dir = mkdtempSync(join(tmpdir(), 'hostile-'));
	writeFileSync(join(dir, 'x.pdf'), Buffer.from(await pdf.arrayBuffer()));
	const text = execFileSync('pdftotext', [join(dir, 'x.pdf'), '-']).toString();
	expect(text).toContain('onerror');

	expect(dialogs).toEqual([]);
	expect(await violations(page)).toEqual([]);
	expect(await violations(guest)).toEqual([]);
	await context.close();
	await guestContext.close();
});
