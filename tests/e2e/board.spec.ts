/**
 * The live board in two browsers at once (issue 3, acceptance 3): Anne (facilitator) and Jonas
 * (familiebehandler) on the planned demo meeting's board.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ENDED_MEETING_ID, loginAs, PLANNED_MEETING_ID } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

const BOARD = `/meetings/${PLANNED_MEETING_ID}/board`;

async function openBoard(
	browser: Browser,
	email: string,
	viewport = { width: 1440, height: 900 }
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({
		baseURL: process.env.BASE_URL,
		viewport,
		locale: 'da-DK'
	});
	const page = await context.newPage();
	await loginAs(page, email);
	await page.goto(BOARD);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	return { context, page };
}

const canvas = (page: Page) => page.getByTestId('board-canvas');

/** The element list (the screen-reader view of the canvas). */
async function showElements(page: Page): Promise<void> {
	await page.getByRole('tab', { name: 'Elementer' }).click();
}

const listItem = (page: Page, text: string | RegExp) =>
	page.getByTestId('element-list').getByRole('button', { name: text });

/** Creates a sticky note by clicking the tool and the canvas, types `text` and closes the editor. */
async function addSticky(page: Page, text: string, at: { x: number; y: number }): Promise<void> {
	// Nothing selected first: a selection's handles would take the click.
	await canvas(page).focus();
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Seddel (N)' }).click();
	const box = (await canvas(page).boundingBox())!;
	await page.mouse.click(box.x + at.x, box.y + at.y);
	const editor = page.getByTestId('text-editor');
	await expect(editor).toBeFocused();
	await editor.pressSequentially(text);
	await editor.press('Escape');
	await expect(editor).toHaveCount(0);
}

test('two participants edit the same board live, with cursors, per-user undo, minutes and offline', async ({
	browser
}, info) => {
	test.setTimeout(120_000);
	const anne = await openBoard(browser, 'anne@demo.example', { width: 1920, height: 1080 });
	const jonas = await openBoard(browser, 'jonas@demo.example');

	// The seeded board is there for both.
	await showElements(anne.page);
	await showElements(jonas.page);
	await expect(anne.page.getByTestId('element-list').getByRole('button').first()).toBeVisible();

	// A sticky note created and edited by Anne appears at Jonas's, and Jonas's edit appears at Anne's.
	await addSticky(anne.page, 'Hej fra Anne', { x: 700, y: 700 });
	await expect(listItem(jonas.page, /Hej fra Anne/)).toBeVisible();
	await listItem(jonas.page, /Hej fra Anne/).dblclick();
	const jonasEditor = jonas.page.getByTestId('text-editor');
	await expect(jonasEditor).toBeFocused();
	await jonasEditor.press('End');
	await jonasEditor.pressSequentially(' og Jonas');
	await jonasEditor.press('Escape');
	await expect(listItem(anne.page, /Hej fra Anne og Jonas/)).toBeVisible();

	// Each sees the other's cursor.
	const aBox = (await canvas(anne.page).boundingBox())!;
	await anne.page.mouse.move(aBox.x + 400, aBox.y + 300);
	await anne.page.mouse.move(aBox.x + 420, aBox.y + 320);
	const jBox = (await canvas(jonas.page).boundingBox())!;
	await jonas.page.mouse.move(jBox.x + 300, jBox.y + 250);
	await jonas.page.mouse.move(jBox.x + 320, jBox.y + 260);
	await expect(canvas(jonas.page)).toHaveAttribute('data-cursors', /Anne/);
	await expect(canvas(anne.page)).toHaveAttribute('data-cursors', /Jonas/);

	// Undo in one browser never undoes the other's edit.
	await addSticky(jonas.page, 'Jonas sin seddel', { x: 500, y: 600 });
	await addSticky(anne.page, 'Anne fortryder denne', { x: 900, y: 500 });
	await expect(listItem(jonas.page, /Anne fortryder denne/)).toBeVisible();
	await expect(listItem(anne.page, /Jonas sin seddel/)).toBeVisible();
	await canvas(anne.page).focus();
	await anne.page.keyboard.press('Control+z');
	await expect(listItem(anne.page, /Anne fortryder denne/)).toHaveCount(0);
	await expect(listItem(jonas.page, /Anne fortryder denne/)).toHaveCount(0);
	await expect(listItem(anne.page, /Jonas sin seddel/)).toBeVisible();
	await expect(listItem(jonas.page, /Jonas sin seddel/)).toBeVisible();
	await expect(listItem(anne.page, /Hej fra Anne og Jonas/)).toBeVisible();

	// Minutes typed in one appear in the other.
	await anne.page.getByRole('tab', { name: 'Referat' }).click();
	await jonas.page.getByRole('tab', { name: 'Referat' }).click();
	const anneMinutes = anne.page.getByTestId('minutes-editor');
	await anneMinutes.click();
	await anne.page.keyboard.type('Sara starter i skole efter ferien');
	await expect(jonas.page.getByTestId('minutes-editor')).toContainText(
		'Sara starter i skole efter ferien'
	);
	await anne.page.getByRole('button', { name: 'Beslutning', exact: true }).click();
	await expect(
		jonas.page.locator('[data-testid="minutes-editor"] [data-type="decision"]')
	).toContainText('Sara starter i skole');

	await anne.page.screenshot({ path: info.outputPath('board-1920x1080.png') });
	await anne.page.screenshot({ path: 'test-results/screens/board-1920x1080.png' });

	// Going offline and back keeps the edits made meanwhile, on both sides.
	await jonas.context.setOffline(true);
	await expect(jonas.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'offline'
	);
	await showElements(jonas.page);
	await addSticky(jonas.page, 'Skrevet offline', { x: 600, y: 300 });
	await expect(jonas.page.getByTestId('unsent-count')).toBeVisible();
	await addSticky(anne.page, 'Skrevet imens', { x: 1100, y: 300 }).catch(async () => {
		await anne.page.getByRole('tab', { name: 'Elementer' }).click();
	});
	await showElements(anne.page);
	await expect(listItem(anne.page, /Skrevet offline/)).toHaveCount(0);
	await jonas.context.setOffline(false);
	await expect(jonas.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'connected',
		{ timeout: 20_000 }
	);
	await expect(listItem(anne.page, /Skrevet offline/)).toBeVisible();
	await expect(listItem(jonas.page, /Skrevet imens/)).toBeVisible();
	await expect(jonas.page.getByTestId('unsent-count')).toHaveCount(0);

	// A reload keeps everything (server and the browser's offline copy agree).
	await jonas.page.reload();
	await expect(jonas.page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await showElements(jonas.page);
	await expect(listItem(jonas.page, /Skrevet offline/)).toBeVisible();
	await expect(listItem(jonas.page, /Hej fra Anne og Jonas/)).toBeVisible();

	await anne.context.close();
	await jonas.context.close();
});

test('the facilitator presents: others follow her view until they pan away, and can rejoin', async ({
	browser
}) => {
	const anne = await openBoard(browser, 'anne@demo.example');
	const jonas = await openBoard(browser, 'jonas@demo.example', { width: 1280, height: 800 });
	const zoomOf = async (page: Page) => (await page.getByTestId('zoom-level').textContent())?.trim();

	await anne.page.getByRole('button', { name: 'Præsentér' }).click();
	await expect(anne.page.getByText('Du præsenterer – alle følger din visning')).toBeVisible();
	await expect(jonas.page.getByText(/Du følger præsentationen/)).toBeVisible();
	const before = await zoomOf(jonas.page);
	await anne.page.getByRole('button', { name: 'Zoom ind' }).click();
	await anne.page.getByRole('button', { name: 'Zoom ind' }).click();
	await expect.poll(() => zoomOf(jonas.page)).not.toBe(before);

	// Jonas pans by hand: he leaves the presentation and gets a way back.
	await canvas(jonas.page).focus();
	await jonas.page.keyboard.press('Escape');
	await jonas.page.keyboard.press('ArrowLeft');
	const rejoin = jonas.page.getByRole('button', { name: 'Følg præsentationen igen' });
	await expect(rejoin).toBeVisible();
	const away = await zoomOf(jonas.page);
	await anne.page.getByRole('button', { name: 'Zoom ud' }).click();
	await jonas.page.waitForTimeout(500);
	expect(await zoomOf(jonas.page)).toBe(away);
	await rejoin.click();
	await expect(jonas.page.getByText(/Du følger præsentationen/)).toBeVisible();

	await anne.page.getByRole('button', { name: 'Stop præsentation' }).click();
	await expect(jonas.page.getByText(/Du følger præsentationen/)).toHaveCount(0);
	await anne.context.close();
	await jonas.context.close();
});

test('the board page is accessible, and an uploaded image lands on the board', async ({
	browser
}) => {
	const { context, page } = await openBoard(browser, 'mette@demo.example', {
		width: 1280,
		height: 800
	});
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);

	// A 1×1 PNG through the toolbar's file input; a script disguised as a PNG is refused.
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
		'base64'
	);
	const input = page.locator('input[type="file"]');
	await input.setInputFiles({ name: 'prik.png', mimeType: 'image/png', buffer: png });
	await showElements(page);
	await expect(listItem(page, /^Billede$/).first()).toBeVisible();
	await input.setInputFiles({
		name: 'fake.png',
		mimeType: 'image/png',
		buffer: Buffer.from('<script>alert(1)</script>')
	});
	await expect(page.getByRole('alert')).toContainText('Kun billeder i PNG, JPEG, WebP eller GIF');
	const refused = await page.request.post(`/api/images?meetingId=${PLANNED_MEETING_ID}`, {
		headers: { 'content-type': 'image/png' },
		data: Buffer.alloc(6 * 1024 * 1024, 1)
	});
	expect(refused.status()).toBe(413);
	await context.close();
});

test('an edit made offline survives closing the tab and reaches the others later', async ({
	browser
}) => {
	const anne = await openBoard(browser, 'anne@demo.example');
	const karim = await openBoard(browser, 'karim@demo.example');
	await showElements(anne.page);
	await karim.context.setOffline(true);
	await expect(karim.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'offline'
	);
	await addSticky(karim.page, 'Karim skrev uden net', { x: 400, y: 400 });
	await expect(karim.page.getByTestId('unsent-count')).toBeVisible();
	// Give IndexedDB its moment, then close the tab while still offline: the edit never left.
	await karim.page.waitForTimeout(300);
	await karim.page.close();
	await expect(listItem(anne.page, /Karim skrev uden net/)).toHaveCount(0);

	await karim.context.setOffline(false);
	const again = await karim.context.newPage();
	await again.goto(BOARD);
	await expect(again.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(listItem(anne.page, /Karim skrev uden net/)).toBeVisible({ timeout: 15_000 });
	await anne.context.close();
	await karim.context.close();
});

test('keyboard users add, copy, paste, duplicate, delete and undo step by step; an arrow end dropped on a note binds to it', async ({
	browser
}) => {
	const { context, page } = await openBoard(browser, 'holm@demo.example', {
		width: 1280,
		height: 800
	});
	await showElements(page);
	await canvas(page).focus();
	await page.keyboard.press('n');
	await page.keyboard.press('Enter');
	const editor = page.getByTestId('text-editor');
	await expect(editor).toBeFocused();
	const note = `Midt på tavlen ${Date.now().toString(36)}`;
	await editor.pressSequentially(note);
	await editor.press('Escape');
	await expect(listItem(page, new RegExp(note))).toBeVisible();

	// Copy and paste, duplicate, delete, undo: all from the keyboard.
	await canvas(page).focus();
	await page.keyboard.press('Control+c');
	await page.keyboard.press('Control+v');
	await expect(listItem(page, new RegExp(note))).toHaveCount(2);
	await page.keyboard.press('Control+d');
	await expect(listItem(page, new RegExp(note))).toHaveCount(3);
	await page.keyboard.press('Delete');
	await page.keyboard.press('Delete');
	await expect(listItem(page, new RegExp(note))).toHaveCount(2);
	await page.keyboard.press('Control+z');
	await expect(listItem(page, new RegExp(note))).toHaveCount(3);
	await page.keyboard.press('Control+z');
	await page.keyboard.press('Control+z');
	await expect(listItem(page, new RegExp(note))).toHaveCount(1);

	await page.getByRole('button', { name: 'Zoom ud' }).click();
	await page.getByRole('button', { name: 'Zoom ud' }).click();
	const box = (await canvas(page).boundingBox())!;
	const start = { x: box.x + 120, y: box.y + box.height - 40 };
	const end = { x: box.x + 260, y: box.y + box.height - 40 };
	await canvas(page).focus();
	await page.keyboard.press('a');
	await page.mouse.move(start.x, start.y);
	await page.mouse.down();
	await page.mouse.move(end.x, end.y, { steps: 5 });
	await page.mouse.up();
	await expect(listItem(page, /^Pil fra fri ende til fri ende$/).last()).toBeVisible();

	// Drag the arrow's end handle onto the note in the middle of the view.
	await page.mouse.move(end.x, end.y);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
	await page.mouse.up();
	await expect(listItem(page, new RegExp(`^Pil fra fri ende til Seddel: ${note}`))).toBeVisible();
	await context.close();
});

test('the board of an ended meeting is read-only', async ({ browser }) => {
	const context = await browser.newContext({
		baseURL: process.env.BASE_URL,
		viewport: { width: 1280, height: 800 }
	});
	const page = await context.newPage();
	await loginAs(page, 'jonas@demo.example');
	await page.goto(`/meetings/${ENDED_MEETING_ID}/board`);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByText('Mødet er afsluttet. Tavlen kan kun læses.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Seddel (N)' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Vælg og flyt (V)' })).toBeVisible();
	await expect(page.getByTestId('minutes-editor')).toHaveAttribute('contenteditable', 'false');
	// The minutes seeded on the server show in the editor, decision and agreements included.
	await expect(page.getByTestId('minutes-editor').getByText('Det talte vi om')).toBeVisible();
	await expect(page.getByTestId('minutes-editor').getByText(/mødes hver uge/)).toBeVisible();
	await context.close();
});

test('the board is usable on a phone @phone', async ({ page }, info) => {
	if (info.project.name !== 'phone') await page.setViewportSize({ width: 390, height: 844 });
	await loginAs(page, 'line@demo.example');
	await page.goto(BOARD);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByRole('toolbar', { name: 'Værktøjer' }).first()).toBeVisible();
	await page.screenshot({ path: `test-results/screens/board-phone-${info.project.name}.png` });

	// A parent adds a note with a tap (touch on the phone project, a click elsewhere).
	await page.getByRole('button', { name: 'Seddel (N)' }).click();
	const box = (await canvas(page).boundingBox())!;
	const at = { x: box.x + box.width / 2, y: box.y + box.height / 3 };
	if (info.project.name === 'phone') await page.touchscreen.tap(at.x, at.y);
	else await page.mouse.click(at.x, at.y);
	const editor = page.getByTestId('text-editor');
	await expect(editor).toBeFocused();
	const note = `Jeg vil gerne have mormor med ${info.project.name}`;
	await editor.pressSequentially(note);
	await page.screenshot({
		path: `test-results/screens/board-phone-editing-${info.project.name}.png`
	});
	await editor.press('Escape');

	await page.getByRole('button', { name: 'Vis sidepanel' }).click();
	await page.getByRole('tab', { name: 'Elementer' }).click();
	await expect(listItem(page, new RegExp(note))).toBeVisible();
	await page.screenshot({ path: `test-results/screens/board-phone-list-${info.project.name}.png` });
});

/** Names of the board copies this browser keeps (y-indexeddb databases). */
const offlineCopies = (page: Page) =>
	page.evaluate(async () =>
		(await indexedDB.databases())
			.map((db) => db.name ?? '')
			.filter((name) => name.startsWith('moedetavle-board-'))
	);

/** Karim edits offline and closes the tab: the edit is only in this browser. */
async function editOfflineAndClose(karim: { context: BrowserContext; page: Page }, text: string) {
	await karim.context.setOffline(true);
	await expect(karim.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'offline'
	);
	await addSticky(karim.page, text, { x: 500, y: 420 });
	await karim.page.waitForTimeout(300);
	await karim.page.close();
	await karim.context.setOffline(false);
}

test('logging out first sends the edits kept in the browser, then removes the copies', async ({
	browser
}) => {
	const text = `Sendt ved log ud ${Date.now()}`;
	const anne = await openBoard(browser, 'anne@demo.example');
	const karim = await openBoard(browser, 'karim@demo.example');
	await showElements(anne.page);
	await editOfflineAndClose(karim, text);
	await expect(listItem(anne.page, text)).toHaveCount(0);

	const page = await karim.context.newPage();
	await page.goto('/cases');
	expect(await offlineCopies(page)).not.toHaveLength(0);
	await page.getByRole('button', { name: 'Log ud', exact: true }).click();
	await expect(page).toHaveURL(/\/login\?loggedOut/);
	await expect(listItem(anne.page, text)).toBeVisible({ timeout: 15_000 });
	expect(await offlineCopies(page)).toEqual([]);
	await anne.context.close();
	await karim.context.close();
});

test('logging out asks before deleting edits that cannot reach the server', async ({ browser }) => {
	const text = `Ikke sendt ${Date.now()}`;
	const karim = await openBoard(browser, 'karim@demo.example');
	await editOfflineAndClose(karim, text);
	// The live endpoint is unreachable from now on.
	await karim.context.routeWebSocket(/\/sync\//, (ws) => ws.close({ code: 1011 }));

	const page = await karim.context.newPage();
	await page.goto('/cases');
	const asked = page.waitForEvent('dialog');
	await page.getByRole('button', { name: 'Log ud', exact: true }).click();
	const dialog = await asked;
	expect(dialog.message()).toContain('ikke nået frem til serveren');
	await dialog.dismiss();
	// Still logged in, and the edit is still in this browser.
	await expect(page.getByRole('button', { name: 'Log ud', exact: true })).toBeEnabled({
		timeout: 15_000
	});
	await expect(page).toHaveURL(/\/cases$/);
	expect(await offlineCopies(page)).not.toHaveLength(0);
	await karim.context.close();
});
