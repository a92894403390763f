/**
 * The timeline on the board (issue 7): placed from the "Værktøjer" menu, an event added by
 * clicking the axis and dragged a month later, everything live in a second user's browser, an
 * event added with the keyboard alone, the frame removed (after a question) and placed again
 * with its data, axe clean; screenshots at meeting-screen and phone size.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_CASE_ID, loginAs, PLANNED_MEETING_ID } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

async function login(browser: Browser, email: string, viewport = { width: 1600, height: 1000 }) {
	const context = await browser.newContext({
		baseURL: process.env.BASE_URL,
		viewport,
		locale: 'da-DK'
	});
	const page = await context.newPage();
	await loginAs(page, email);
	return { context, page };
}

async function open(
	browser: Browser,
	email: string,
	path: string,
	viewport?: { width: number; height: number }
) {
	const { context, page } = await login(browser, email, viewport);
	await page.goto(path);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	return { context, page };
}

/** Where a tool's record is drawn, in page pixels (through the canvas's test hook). */
async function hitRect(page: Page, kind: string, id: string): Promise<Rect | null> {
	const canvas = page.getByTestId('board-canvas');
	const box = (await canvas.boundingBox())!;
	const rect = await canvas.evaluate(
		(el, a) =>
			(
				el as HTMLElement & {
					boardCanvas?: { toolHitRect(t: string, k: string, i: string): Rect | null };
				}
			).boardCanvas?.toolHitRect('timeline', a.kind, a.id) ?? null,
		{ kind, id }
	);
	return rect ? { ...rect, x: rect.x + box.x, y: rect.y + box.y } : null;
}

/** Where a board element is drawn, in page pixels (through the canvas's test hook). */
async function elementRect(page: Page, id: string): Promise<Rect | null> {
	const canvas = page.getByTestId('board-canvas');
	const box = (await canvas.boundingBox())!;
	const rect = await canvas.evaluate(
		(el, elementId) =>
			(
				el as HTMLElement & { boardCanvas?: { elementRect(id: string): Rect | null } }
			).boardCanvas?.elementRect(elementId) ?? null,
		id
	);
	return rect ? { ...rect, x: rect.x + box.x, y: rect.y + box.y } : null;
}

const panel = (page: Page) => page.getByTestId('tool-panel');

test('the timeline: placed from the menu, an event added on the axis and dragged a month later, live for a second user, keyboard too', async ({
	browser
}) => {
	test.setTimeout(120_000);
	// A fresh meeting with an empty board: nothing placed yet.
	const anne = await login(browser, 'anne@demo.example');
	const created = await anne.page.request.post(`/api/cases/${DEMO_CASE_ID}/meetings`, {
		data: {
			title: `Tidslinjen ${Date.now()}`,
			type: 'tvaerfagligt',
			startsAt: '2027-01-10T10:00',
			startFrom: 'blank'
		}
	});
	expect(created.status()).toBe(201);
	const { meeting } = (await created.json()) as { meeting: { id: string } };
	const board = `/meetings/${meeting.id}/board`;
	await anne.page.goto(board);
	await expect(anne.page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	const jonas = await open(browser, 'jonas@demo.example', board);

	// Placed from the "Værktøjer" menu; the other browser gets the frame too.
	await anne.page.getByRole('button', { name: 'Værktøjer' }).click();
	await anne.page.getByRole('menuitem', { name: 'Sæt Tidslinje på tavlen' }).click();
	await expect.poll(() => hitRect(anne.page, 'axis', 'axis')).not.toBeNull();
	await expect.poll(() => hitRect(jonas.page, 'axis', 'axis')).not.toBeNull();
	await expect(panel(anne.page).getByRole('heading', { name: 'Tidslinjen' })).toBeVisible();

	// A click on the axis proposes that date; the event gets its title in the side panel.
	const axis = (await hitRect(anne.page, 'axis', 'axis'))!;
	await anne.page.mouse.click(axis.x + axis.width * 0.3, axis.y + axis.height / 2);
	await expect(panel(anne.page).getByRole('heading', { name: 'Ny begivenhed' })).toBeVisible();
	await panel(anne.page).getByLabel('Hvad skete der?').fill('Samvær hos Birgit');
	await panel(anne.page).getByRole('button', { name: 'Tilføj' }).click();
	await expect(panel(anne.page).getByRole('heading', { name: 'Begivenhed' })).toBeVisible();
	const dateInput = panel(anne.page).getByLabel('Dato', { exact: true });
	const firstDate = await dateInput.inputValue();
	expect(firstDate).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);

	// Jonas sees it in his list of the timeline.
	await jonas.page.getByRole('tab', { name: 'Elementer' }).click();
	const jonasList = jonas.page.getByTestId('timeline-list');
	await expect(jonasList).toContainText('Samvær hos Birgit');

	// Keyboard only: the list's button opens a new event for today; typing and Enter add it.
	await anne.page.getByRole('tab', { name: 'Elementer' }).click();
	const add = anne.page
		.getByTestId('timeline-list')
		.getByRole('button', { name: 'Tilføj begivenhed' });
	await add.focus();
	await anne.page.keyboard.press('Enter');
	const title = panel(anne.page).getByLabel('Hvad skete der?');
	await expect(title).toBeVisible();
	await title.focus();
	await anne.page.keyboard.type('Møde på skolen');
	await anne.page.keyboard.press('Enter');
	await expect(jonasList).toContainText('Møde på skolen');
	await expect(panel(anne.page).getByRole('heading', { name: 'Begivenhed' })).toBeVisible();
	const todayDate = await panel(anne.page).getByLabel('Dato', { exact: true }).inputValue();

	// Drag the first event a month later: pixels per day from the two cards' positions.
	await anne.page.getByRole('tab', { name: 'Elementer' }).click();
	await expect(anne.page.getByTestId('timeline-list').locator('li')).toHaveCount(2);
	const firstRect = await cardRect(anne.page, 'Samvær hos Birgit');
	const secondRect = await cardRect(anne.page, 'Møde på skolen');
	const dayOf = (iso: string) => Date.parse(iso.length === 7 ? `${iso}-15` : iso) / 86_400_000;
	const perDay = (secondRect.x - firstRect.x) / (dayOf(todayDate) - dayOf(firstDate));
	expect(Number.isFinite(perDay) && perDay > 0).toBe(true);
	const from = { x: firstRect.x + 30, y: firstRect.y + firstRect.height / 2 };
	await anne.page.mouse.move(from.x, from.y);
	await anne.page.mouse.down();
	for (let i = 1; i <= 8; i++)
		await anne.page.mouse.move(from.x + (31 * perDay * i) / 8, from.y + i);
	await anne.page.mouse.up();
	// The dropped event is selected: the side panel shows it with its new date.
	await expect(panel(anne.page).getByLabel('Hvad skete der?')).toHaveValue('Samvær hos Birgit');
	const moved = await panel(anne.page).getByLabel('Dato', { exact: true }).inputValue();
	const shift = dayOf(moved) - dayOf(firstDate);
	expect(shift).toBeGreaterThanOrEqual(27);
	expect(shift).toBeLessThanOrEqual(35);
	// …and Jonas sees the new date.
	const month = new Date(Date.parse(moved.length === 7 ? `${moved}-15` : moved)).getMonth();
	const months = [
		'jan',
		'feb',
		'mar',
		'apr',
		'maj',
		'jun',
		'jul',
		'aug',
		'sep',
		'okt',
		'nov',
		'dec'
	];
	await expect(jonasList.getByRole('button', { name: /Samvær hos Birgit/ })).toContainText(
		months[month]!
	);

	// The frame moves by its header and resizes by the selection handles, like any frame; the
	// timeline is laid out anew for its new size, at Jonas's too.
	const before = (await hitRect(jonas.page, 'axis', 'axis'))!;
	const axisNow = (await hitRect(anne.page, 'axis', 'axis'))!;
	const frame = (await elementRect(anne.page, 'tool-timeline'))!;
	const headerX = frame.x + frame.width / 2;
	const headerY = frame.y + 12;
	await anne.page.mouse.move(headerX, headerY);
	await anne.page.mouse.down();
	for (let i = 1; i <= 6; i++) await anne.page.mouse.move(headerX + i * 20, headerY + i * 10);
	await anne.page.mouse.up();
	await expect
		.poll(async () => Math.round(((await hitRect(jonas.page, 'axis', 'axis'))!.x - before.x) / 10))
		.not.toBe(0);
	const moved1 = (await hitRect(anne.page, 'axis', 'axis'))!;
	expect(Math.abs(moved1.x - axisNow.x - 120)).toBeLessThan(8);
	// The frame is selected now: its left handle makes it wider.
	const canvasBox = (await anne.page.getByTestId('board-canvas').boundingBox())!;
	const handles = await anne.page
		.getByTestId('board-canvas')
		.evaluate(
			(el) =>
				(
					el as HTMLElement & { boardCanvas?: { transformerBox(): Rect | null } }
				).boardCanvas?.transformerBox() ?? null
		);
	expect(handles).not.toBeNull();
	const left = {
		x: canvasBox.x + handles!.x + 7,
		y: canvasBox.y + handles!.y + handles!.height / 2
	};
	await anne.page.mouse.move(left.x, left.y);
	await anne.page.mouse.down();
	for (let i = 1; i <= 6; i++) await anne.page.mouse.move(left.x - i * 30, left.y);
	await anne.page.mouse.up();
	await expect
		.poll(async () => Math.round((await hitRect(jonas.page, 'axis', 'axis'))!.width - before.width))
		.toBeGreaterThan(20);

	// Accessible with the panel open.
	const axe = await new AxeBuilder({ page: anne.page }).include('.board-page').analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

	// Removing the frame asks first and keeps the data: placing it again shows the events.
	await anne.page.getByRole('button', { name: 'Værktøjer' }).click();
	await anne.page.getByRole('menuitem', { name: 'Vis Tidslinje' }).click();
	// The menu hands the keyboard to the tool's panel; back on the board, Delete removes the frame.
	await expect(anne.page.getByTestId('tool-panel')).toBeFocused();
	await anne.page.getByTestId('board-canvas').focus();
	await anne.page.keyboard.press('Delete');
	const dialog = anne.page.getByRole('dialog', { name: 'Fjern værktøjet fra tavlen?' });
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Fjern fra tavlen' }).click();
	await expect.poll(() => hitRect(jonas.page, 'axis', 'axis')).toBeNull();
	await anne.page.getByRole('button', { name: 'Værktøjer' }).click();
	await anne.page.getByRole('menuitem', { name: 'Sæt Tidslinje på tavlen' }).click();
	await expect.poll(() => hitRect(jonas.page, 'axis', 'axis')).not.toBeNull();
	await expect(jonasList).toContainText('Møde på skolen');

	await anne.context.close();
	await jonas.context.close();
});

async function cardRect(page: Page, title: string): Promise<Rect> {
	const id = await page
		.getByTestId('timeline-list')
		.getByRole('button', { name: new RegExp(title) })
		.getAttribute('data-id');
	const rect = await hitRect(page, 'event', id!);
	return rect!;
}

test('the demo timeline is readable on the meeting-room screen and usable on a phone @phone', async ({
	browser
}, info) => {
	const phone = info.project.name === 'phone';
	const viewport = phone ? { width: 390, height: 844 } : { width: 1920, height: 1080 };
	const { context, page } = await open(
		browser,
		'anne@demo.example',
		`/meetings/${PLANNED_MEETING_ID}/board`,
		viewport
	);
	if (!phone) {
		await page.getByRole('button', { name: 'Værktøjer' }).click();
		await page.getByRole('menuitem', { name: 'Vis Tidslinje' }).click();
		await expect.poll(() => hitRect(page, 'axis', 'axis')).not.toBeNull();
		await page.getByRole('button', { name: 'Skjul sidepanel' }).click();
		await page.getByTestId('board-canvas').focus();
		await page.keyboard.press('Shift+2');
		await page.waitForTimeout(500);
		await page.screenshot({ path: 'test-results/screens/timeline-1920x1080.png' });
	} else {
		// On a phone the list is the timeline's main view.
		await page.getByRole('button', { name: 'Vis sidepanel' }).click();
		await page.getByRole('tab', { name: 'Elementer' }).click();
		const list = page.getByTestId('timeline-list');
		await expect(list).toContainText('Sara og Mikkel anbringes hos plejefamilien Holm');
		await page.screenshot({ path: 'test-results/screens/timeline-phone.png' });
		await list.getByRole('button', { name: /Sara og Mikkel anbringes/ }).click();
		await expect(page.getByTestId('tool-panel').getByLabel('Hvad skete der?')).toHaveValue(
			'Sara og Mikkel anbringes hos plejefamilien Holm'
		);
		const axe = await new AxeBuilder({ page }).include('.board-page').analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	}
	await context.close();
});
