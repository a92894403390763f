/**
 * The network map (netværkskort, issue 7) on the live board: placed from the "Værktøjer" menu,
 * a person added in a cell and dragged to the inner ring while a second user sees every change,
 * adding a person with the keyboard alone, accessibility, and the phone's list view.
 *
 * Editing tests work on boards of their own (new meetings of the demo case that carry the demo
 * network map forward), so they leave the shared demo board as it is.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_CASE_ID, loginAs, PLANNED_MEETING_ID } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

interface Open {
	context: BrowserContext;
	page: Page;
}

async function login(browser: Browser, email: string, viewport = { width: 1920, height: 1080 }) {
	const context = await browser.newContext({
		baseURL: process.env.BASE_URL,
		viewport,
		locale: 'da-DK'
	});
	const page = await context.newPage();
	await loginAs(page, email);
	return { context, page };
}

async function openBoard(open: Open, meetingId: string): Promise<void> {
	await open.page.goto(`/meetings/${meetingId}/board`);
	await expect(open.page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(open.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'connected'
	);
}

/** A new meeting of the demo case (Anne is its facilitator); returns its id. */
async function newMeeting(anne: Page, startFrom: 'latest' | 'blank'): Promise<string> {
	const res = await anne.request.post(`/api/cases/${DEMO_CASE_ID}/meetings`, {
		headers: { origin: process.env.BASE_URL! },
		data: {
			title: `Netværkskort ${startFrom} ${Date.now()}`,
			type: 'netvaerk',
			startsAt: new Date(Date.now() + 86_400_000).toISOString(),
			startFrom
		}
	});
	expect(res.status()).toBe(201);
	return ((await res.json()) as { meeting: { id: string } }).meeting.id;
}

/** Chooses the network map in the "Værktøjer" menu (`Vis` when it is on the board). */
async function showNetwork(page: Page, verb: 'Vis' | 'Sæt'): Promise<void> {
	await page.getByTestId('tools-menu').click();
	const name = verb === 'Vis' ? 'Vis Netværkskort' : 'Sæt Netværkskort på tavlen';
	await page.getByRole('menuitem', { name }).click();
	await expect(page.getByTestId('network-panel').getByRole('heading', { level: 2 })).toHaveText(
		'Netværkskortet'
	);
}

/**
 * Where on the screen a tool record is drawn: a token's centre, or a point inside a cell (found
 * by asking the canvas what is under points of the cell's box, nearest its middle first).
 */
async function screenPoint(
	page: Page,
	kind: 'person' | 'cell',
	match: { id?: string; name?: string },
	deadline = Date.now() + 10_000
): Promise<{ x: number; y: number }> {
	const point = await page.evaluate(
		({ kind, match }) => {
			type Node = {
				getAttr(k: string): unknown;
				getParent(): Node | null;
				getAbsolutePosition(): { x: number; y: number };
				getClientRect(): { x: number; y: number; width: number; height: number };
				find(selector: string): Node[];
				text?: () => string;
			};
			const konva = (
				window as unknown as {
					Konva: {
						stages: (Node & {
							container(): HTMLElement;
							getIntersection(p: { x: number; y: number }): Node | null;
						})[];
					};
				}
			).Konva;
			const stage = konva.stages[0]!;
			const hitOf = (n: Node | null) => {
				for (let at = n; at; at = at.getParent()) {
					const hit = at.getAttr('toolHit') as { kind: string; id: string } | undefined;
					if (hit) return hit;
				}
				return null;
			};
			const groups = stage.find('.tool-hit').filter((g) => {
				const hit = g.getAttr('toolHit') as { kind: string; id: string };
				if (hit.kind !== kind) return false;
				if (match.id) return hit.id === match.id;
				return g.find('Text').some((t) => t.text?.() === match.name);
			});
			const group = groups[0];
			if (!group) return null;
			const rect = stage.container().getBoundingClientRect();
			if (kind === 'person') {
				const p = group.getAbsolutePosition();
				return { x: rect.left + p.x, y: rect.top + p.y };
			}
			const hit = group.getAttr('toolHit') as { id: string };
			const box = group.getClientRect();
			const mid = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
			let best: { x: number; y: number; d: number } | null = null;
			for (let i = 1; i < 24; i++)
				for (let j = 1; j < 24; j++) {
					const p = { x: box.x + (box.width * i) / 24, y: box.y + (box.height * j) / 24 };
					if (p.x < 0 || p.y < 0 || p.x > rect.width || p.y > rect.height) continue;
					const found = hitOf(stage.getIntersection(p));
					if (found?.id !== hit.id) continue;
					const d = (p.x - mid.x) ** 2 + (p.y - mid.y) ** 2;
					if (!best || d < best.d) best = { ...p, d };
				}
			return best && { x: rect.left + best.x, y: rect.top + best.y };
		},
		{ kind, match }
	);
	if (point) return point;
	// The view may still be gliding to the frame: ask again until it is drawn where it rests.
	if (Date.now() > deadline)
		throw new Error(`${kind} ${JSON.stringify(match)} is not on the screen`);
	await page.waitForTimeout(100);
	return screenPoint(page, kind, match, deadline);
}

const networkList = (page: Page) => page.getByTestId('network-list');
/** A person's entry in the network list, in the cell it is listed under. */
const listed = (page: Page, name: string, cell: string) =>
	networkList(page)
		.locator(`li[data-cell="${cell}"]`)
		.getByRole('button', { name: new RegExp(`^${name}`) });

async function showList(page: Page): Promise<void> {
	await page.getByRole('tab', { name: 'Elementer' }).click();
	await expect(networkList(page)).toBeVisible();
}

/**
 * No WCAG 2.1 A/AA violations in the network map's views, and (`wholePage`) none serious or
 * critical on the page around them.
 */
async function expectAccessible(page: Page, selector: string, wholePage = true): Promise<void> {
	const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
	const mine = await new AxeBuilder({ page }).include(selector).withTags(tags).analyze();
	expect(
		mine.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
	if (!wholePage) return;
	const all = await new AxeBuilder({ page }).withTags(tags).analyze();
	const serious = all.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/** Presses Tab until `target` has focus (the keyboard path a user would take). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, max = 120): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('could not reach the element with Tab');
}

test('the demo board has the network map; the "Værktøjer" menu shows it, and places it on a blank board', async ({
	browser
}) => {
	const anne = await login(browser, 'anne@demo.example');
	await openBoard(anne, PLANNED_MEETING_ID);
	await showNetwork(anne.page, 'Vis');
	await anne.page.waitForTimeout(300);
	await anne.page.screenshot({ path: 'test-results/screens/network-1920x1080.png' });
	await showList(anne.page);
	// The demo case, carried forward from the ended meeting.
	await expect(listed(anne.page, 'Birgit', 'familie:0')).toContainText('kan hente børnene');
	await expect(listed(anne.page, 'Sara', 'centre')).toBeVisible();
	await expect(listed(anne.page, 'Mikkel', 'centre')).toBeVisible();

	const blank = await newMeeting(anne.page, 'blank');
	await openBoard(anne, blank);
	await showNetwork(anne.page, 'Sæt');
	await showList(anne.page);
	await expect(networkList(anne.page)).toContainText('Ingen på netværkskortet endnu.');
	// Four sectors of three rings and the centre, each a place to click.
	await screenPoint(anne.page, 'cell', { id: 'familie:0' });
	await screenPoint(anne.page, 'cell', { id: 'skole:2' });
	await screenPoint(anne.page, 'cell', { id: 'centre' });
	await anne.context.close();
});

test('a person added in a cell and dragged to the inner ring shows live for a second user', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const anne = await login(browser, 'anne@demo.example');
	const meeting = await newMeeting(anne.page, 'latest');
	await openBoard(anne, meeting);
	const jonas = await login(browser, 'jonas@demo.example', { width: 1440, height: 900 });
	await openBoard(jonas, meeting);
	await showList(jonas.page);
	await showNetwork(anne.page, 'Vis');

	// A click in the outer ring of "Venner og naboer" offers to add someone there.
	const cell = await screenPoint(anne.page, 'cell', { id: 'venner:2' });
	await anne.page.mouse.click(cell.x, cell.y);
	const panel = anne.page.getByTestId('network-panel');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText(
		'Venner og naboer · Ring 3 (yderst)'
	);
	// Bad input is refused with a Danish message and nothing is saved.
	await panel.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(panel.getByRole('alert')).toHaveText('Skriv et navn.');
	await panel.getByLabel('Navn', { exact: true }).fill('Karen');
	await panel.getByLabel('Relation (fx mormor, nabo)').fill('nabo');
	await panel.getByLabel('Ressource', { exact: true }).check();
	await panel.getByLabel('Hvad kan personen hjælpe med?').fill('kan passe Mikkel');
	await panel.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Karen');
	await expect(listed(jonas.page, 'Karen', 'venner:2')).toContainText('kan passe Mikkel');

	// Dragged to the inner ring, it snaps there – at Anne's and at Jonas's.
	await anne.page.waitForTimeout(200);
	const from = await screenPoint(anne.page, 'person', { name: 'Karen' });
	const to = await screenPoint(anne.page, 'cell', { id: 'venner:0' });
	await anne.page.mouse.move(from.x, from.y);
	await anne.page.mouse.down();
	await anne.page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 6 });
	await anne.page.mouse.move(to.x, to.y, { steps: 6 });
	await anne.page.mouse.up();
	await expect(listed(jonas.page, 'Karen', 'venner:0')).toBeVisible();
	await showList(anne.page);
	await expect(listed(anne.page, 'Karen', 'venner:0')).toBeVisible();

	// Jonas marks Birgit's line to Carsten; Anne sees the kind change in her list.
	await listed(jonas.page, 'Birgit', 'familie:0').click();
	const jonasPanel = jonas.page.getByTestId('network-panel');
	await jonasPanel.getByLabel('Linje til Carsten').selectOption({ label: 'Forbindelse' });
	await expect(networkList(anne.page)).toContainText('Birgit og Carsten · Forbindelse');
	await expectAccessible(jonas.page, '[data-testid="network-panel"]');
	await expectAccessible(anne.page, '[data-testid="network-list"]');
	await anne.context.close();
	await jonas.context.close();
});

test('keyboard only: add a person and move them a ring out', async ({ browser }) => {
	test.setTimeout(120_000);
	const anne = await login(browser, 'anne@demo.example');
	const meeting = await newMeeting(anne.page, 'latest');
	await openBoard(anne, meeting);
	const { page } = anne;
	// The "Værktøjer" menu, with the keyboard.
	await tabTo(page, page.getByTestId('tools-menu'));
	await page.keyboard.press('Enter');
	const item = page.getByRole('menuitem', { name: 'Vis Netværkskort' });
	for (let i = 0; i < 6 && !(await item.evaluate((el) => el === document.activeElement)); i++)
		await page.keyboard.press('ArrowDown');
	await page.keyboard.press('Enter');
	const panel = page.getByTestId('network-panel');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Netværkskortet');

	await tabTo(page, panel.getByLabel('Hvor på kortet?'));
	await page.keyboard.press('ArrowDown');
	await expect(panel.getByLabel('Hvor på kortet?')).toHaveValue('familie:1');
	await page.keyboard.press('Tab');
	await expect(panel.getByLabel('Navn', { exact: true })).toBeFocused();
	await page.keyboard.type('Ole');
	await page.keyboard.press('Tab');
	await page.keyboard.type('morbror');
	await page.keyboard.press('Enter');
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Ole');
	await expect(
		page.getByRole('status').filter({ hasText: 'Ole er sat på kortet.' })
	).toBeAttached();

	// "Længere væk" moves Ole a ring out.
	await tabTo(page, panel.getByRole('button', { name: 'Længere væk' }));
	await page.keyboard.press('Enter');
	await expect(panel.getByLabel('Hvor på kortet?')).toHaveValue('familie:2');
	await anne.context.close();
});

test('the network list is the phone view: grouped by sector and ring @phone', async ({
	page
}, info) => {
	if (info.project.name !== 'phone') await page.setViewportSize({ width: 390, height: 844 });
	await loginAs(page, 'line@demo.example');
	await page.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await page.getByRole('button', { name: 'Vis sidepanel' }).click();
	await showList(page);
	await networkList(page).scrollIntoViewIfNeeded();
	await expect(listed(page, 'Birgit', 'familie:0')).toBeVisible();
	await expect(networkList(page).getByRole('heading', { name: 'Venner og naboer' })).toBeVisible();
	await page.screenshot({
		path: `test-results/screens/network-phone-list-${info.project.name}.png`,
		fullPage: false
	});
	await listed(page, 'Birgit', 'familie:0').click();
	await expect(page.getByTestId('network-panel').getByRole('heading', { level: 2 })).toHaveText(
		'Birgit'
	);
	await page.screenshot({
		path: `test-results/screens/network-phone-panel-${info.project.name}.png`
	});
	// The board page's own header is left out on a phone: its back link shows only an arrow there.
	await expectAccessible(page, '[data-testid="network-panel"]', false);
});
