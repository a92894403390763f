/**
 * The genogram in the browser (issue 8, acceptance 3): the demo family built through the UI
 * alone – by mouse, then a part by keyboard only – checked against the notation in a
 * 1920×1080 screenshot; two users adding people to the same genogram at once converge; axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { DEMO_CASE_ID, loginAs, PLANNED_MEETING_ID } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

async function open(
	browser: Browser,
	email: string,
	path: string,
	viewport = { width: 1920, height: 1080 }
) {
	const context = await browser.newContext({
		baseURL: process.env.BASE_URL,
		viewport,
		locale: 'da-DK'
	});
	const page = await context.newPage();
	await loginAs(page, email);
	await page.goto(path);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	return { context, page };
}

const panel = (page: Page) => page.getByTestId('genogram-panel');
const addForm = (page: Page) => page.getByTestId('genogram-add');
const list = (page: Page) => page.getByTestId('genogram-list');

/** Fills the add form by mouse and submits it; waits until the new person is selected. */
async function addByMouse(
	page: Page,
	fields: { name: string; sex?: string; year?: number; kind?: string; unionKind?: string }
) {
	const form = addForm(page);
	await form.getByLabel('Navn').fill(fields.name);
	if (fields.sex) await form.getByLabel('Køn').selectOption({ label: fields.sex });
	if (fields.year) await form.getByLabel('Fødselsår').fill(String(fields.year));
	if (fields.kind)
		await form.getByLabel(/Slags (barn|forælder)/).selectOption({ label: fields.kind });
	if (fields.unionKind)
		await form.getByLabel('Forholdets art').selectOption({ label: fields.unionKind });
	await form.getByRole('button', { name: 'Tilføj', exact: true }).click();
	await expect(panel(page).getByRole('heading', { level: 2, name: fields.name })).toBeVisible();
}

/** Chooses a person in the tool's list (the "Elementer" tab), which opens their panel. */
async function choose(page: Page, name: string) {
	await page.getByRole('tab', { name: 'Elementer' }).click();
	await list(page)
		.locator('[data-kind="member"]')
		.filter({ hasText: new RegExp(`^${name}( \\(|$)`) })
		.click();
	await expect(panel(page).getByRole('heading', { level: 2, name })).toBeVisible();
}

/** Where a genogram record is drawn on the screen (centre of its Konva hit group). */
async function drawnAt(page: Page, kind: string, id: string): Promise<{ x: number; y: number }> {
	return page.evaluate(
		([kind, id]) => {
			const K = (window as unknown as { Konva: { stages: { find(s: string): unknown[] }[] } })
				.Konva;
			type Node = {
				getAttr(a: string): { kind: string; id: string } | undefined;
				getClientRect(): { x: number; y: number; width: number; height: number };
				getStage(): { container(): HTMLElement };
			};
			const node = (K.stages[0]!.find('.tool-hit') as Node[]).find(
				(n) => n.getAttr('toolHit')?.kind === kind && n.getAttr('toolHit')?.id === id
			)!;
			const r = node.getClientRect();
			const c = node.getStage().container().getBoundingClientRect();
			return { x: c.x + r.x + r.width / 2, y: c.y + r.y + r.height / 2 };
		},
		[kind, id]
	);
}

/**
 * Where a record is drawn once the view has come to rest (choosing in the list glides the view
 * to the frame, and the board does not take clicks while it moves).
 */
async function settledAt(page: Page, kind: string, id: string): Promise<{ x: number; y: number }> {
	let last = { x: NaN, y: NaN };
	await expect
		.poll(async () => {
			const now = await drawnAt(page, kind, id);
			const same = Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5;
			last = now;
			return same;
		})
		.toBe(true);
	await page.waitForTimeout(300);
	return last;
}

/** Presses Tab until `target` has the focus (keyboard only). */
async function tabTo(page: Page, target: Locator, max = 80) {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) return;
		await page.keyboard.press('Tab');
	}
	throw new Error('could not reach the element with Tab');
}

test('builds the demo family through the UI alone, by mouse and then by keyboard', async ({
	browser
}, info) => {
	test.setTimeout(180_000);
	const setup = await browser.newContext({ baseURL: process.env.BASE_URL });
	const api = await setup.newPage();
	await loginAs(api, 'anne@demo.example');
	const created = await api.request.post(`/api/cases/${DEMO_CASE_ID}/meetings`, {
		headers: { origin: process.env.BASE_URL! },
		data: {
			title: 'Genogram fra bunden',
			type: 'netvaerk',
			startsAt: '2026-12-20T10:00',
			startFrom: 'blank'
		}
	});
	expect(created.status()).toBe(201);
	const { meeting } = (await created.json()) as { meeting: { id: string } };
	await setup.close();

	const { context, page } = await open(
		browser,
		'anne@demo.example',
		`/meetings/${meeting.id}/board`
	);
	// Put the genogram on the board and click its empty frame: the form for the first person.
	await page.getByRole('button', { name: 'Værktøjer' }).click();
	await page.getByRole('menuitem', { name: 'Sæt Genogram på tavlen' }).click();
	const canvas = page.getByTestId('board-canvas');
	const box = (await canvas.boundingBox())!;
	// The view glides to the new frame first; click once it has arrived.
	await expect(async () => {
		await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
		await expect(addForm(page)).toBeVisible({ timeout: 1000 });
	}).toPass();

	// By mouse: Sara, her mother Line, Line's ex-partner Carsten, Mikkel, Birgit, Carsten's father.
	await addByMouse(page, { name: 'Sara', sex: 'Kvinde / pige', year: 2017 });
	await panel(page).getByLabel('Indeksbarn (barnet, sagen handler om)').check();
	await panel(page).getByLabel('Anbragt uden for hjemmet').check();
	await panel(page).getByRole('button', { name: 'Tilføj forælder' }).click();
	await addByMouse(page, { name: 'Line', sex: 'Kvinde / pige', year: 1992 });
	await panel(page).getByRole('button', { name: 'Tilføj partner' }).click();
	await addByMouse(page, {
		name: 'Carsten',
		sex: 'Mand / dreng',
		year: 1988,
		unionKind: 'Separeret'
	});
	await choose(page, 'Sara');
	await panel(page).getByRole('button', { name: 'Tilføj søskende' }).click();
	await addByMouse(page, { name: 'Mikkel', sex: 'Mand / dreng', year: 2022 });
	await panel(page).getByLabel('Anbragt uden for hjemmet').check();
	await choose(page, 'Line');
	await panel(page).getByRole('button', { name: 'Tilføj forælder' }).click();
	await addByMouse(page, { name: 'Birgit', sex: 'Kvinde / pige', year: 1965 });
	await choose(page, 'Carsten');
	await panel(page).getByRole('button', { name: 'Tilføj forælder' }).click();
	await addByMouse(page, { name: 'Carstens far', sex: 'Mand / dreng' });
	await panel(page).getByLabel('Dødsår').fill('2023');
	await panel(page).getByLabel('Dødsår').blur();
	await expect(panel(page).getByLabel('Død', { exact: true })).toBeChecked();
	// The union's status and years: from Line's panel to the union.
	await choose(page, 'Line');
	await panel(page)
		.getByRole('button', { name: /Separeret.*med Carsten/ })
		.click();
	await panel(page).getByLabel('Fra år').fill('2015');
	await panel(page).getByLabel('Fra år').blur();
	await panel(page)
		.getByLabel(/^Til år/)
		.fill('2024');
	await panel(page)
		.getByLabel(/^Til år/)
		.blur();

	// By keyboard only: the foster family for Sara, then the same family for Mikkel.
	await choose(page, 'Sara');
	await tabTo(page, panel(page).getByRole('button', { name: 'Tilføj forælder' }));
	await page.keyboard.press('Enter');
	await tabTo(page, addForm(page).getByLabel('Navn'));
	await page.keyboard.type('Plejefamilien Holm');
	await page.keyboard.press('Tab'); // Køn: ukendt stays
	await tabTo(page, addForm(page).getByLabel('Slags forælder'));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(addForm(page).getByLabel('Slags forælder')).toHaveValue('foster');
	await tabTo(page, addForm(page).getByRole('button', { name: 'Tilføj', exact: true }));
	await page.keyboard.press('Enter');
	await expect(
		panel(page).getByRole('heading', { level: 2, name: 'Plejefamilien Holm' })
	).toBeVisible();
	await choose(page, 'Mikkel');
	await tabTo(page, panel(page).getByRole('button', { name: 'Tilføj forælder' }));
	await page.keyboard.press('Enter');
	// Into the radio group ("En ny person" is checked), then the arrow key to the other choice.
	await tabTo(page, addForm(page).getByRole('radio', { name: 'En ny person' }));
	await page.keyboard.press('ArrowDown');
	await expect(
		addForm(page).getByRole('radio', { name: 'En person, der allerede er med i sagen' })
	).toBeChecked();
	await tabTo(page, addForm(page).getByLabel('Vælg en person, der allerede er med'));
	await page.keyboard.type('Plejefamilien');
	await tabTo(page, addForm(page).getByLabel('Slags forælder'));
	await page.keyboard.press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await tabTo(page, addForm(page).getByRole('button', { name: 'Tilføj', exact: true }));
	await page.keyboard.press('Enter');
	await expect(
		panel(page).getByRole('heading', { level: 2, name: 'Plejefamilien Holm' })
	).toBeVisible();

	// The foster family's household and an emotional bond, by mouse.
	await panel(page).getByRole('button', { name: 'Ny husstand med Plejefamilien Holm' }).click();
	await panel(page).getByLabel('Plejefamiliens husstand').check();
	await panel(page).getByLabel('Sara').check();
	await panel(page).getByLabel('Mikkel').check();
	await choose(page, 'Line');
	await panel(page).getByLabel('Til hvem?').selectOption({ label: 'Birgit' });
	await panel(page).getByLabel('Slags bånd').selectOption({ label: 'Tæt' });
	await panel(page).getByRole('button', { name: 'Tilføj bånd' }).click();
	await expect(panel(page).getByRole('button', { name: 'Line – Birgit: tæt' })).toBeVisible();

	// The list shows the family generation by generation.
	await page.getByRole('tab', { name: 'Elementer' }).click();
	const outline = list(page);
	await expect(outline.getByRole('heading', { name: 'Generation 3' })).toBeVisible();
	const text = (await outline.innerText()).replace(/\s+/g, ' ');
	expect(text).toMatch(/Generation 1 .*Birgit.*Carstens far|Generation 1 .*Carstens far.*Birgit/);
	expect(text).toMatch(
		/Generation 3 .*Sara \(f\. 2017, \d+ år, indeksbarn, anbragt, plejebarn hos Plejefamilien Holm\)/
	);
	expect(text).toContain('Line og Carsten: separeret (2015–2024); børn: Sara, Mikkel');

	// On the canvas: a click on a symbol opens that person, a drag nudges it, and the nudge
	// can be undone from the panel; the arrow keys nudge the selected person too.
	await page.getByRole('tab', { name: 'Elementer' }).click();
	const mikkel = (await list(page)
		.locator('[data-kind="member"]')
		.filter({ hasText: /^Mikkel/ })
		.getAttribute('data-id'))!;
	await choose(page, 'Sara');
	const at = await settledAt(page, 'member', mikkel);
	await page.mouse.click(at.x, at.y);
	await expect(panel(page).getByRole('heading', { level: 2, name: 'Mikkel' })).toBeVisible();
	const reset = panel(page).getByRole('button', { name: 'Sæt tilbage på den automatiske plads' });
	await page.mouse.move(at.x, at.y);
	await page.mouse.down();
	await page.mouse.move(at.x + 40, at.y + 10, { steps: 5 });
	await page.mouse.move(at.x + 80, at.y + 20, { steps: 5 });
	await page.mouse.up();
	await expect(reset).toBeVisible();
	expect((await drawnAt(page, 'member', mikkel)).x).toBeGreaterThan(at.x + 40);
	await reset.click();
	await expect(reset).toHaveCount(0);
	await canvas.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(reset).toBeVisible();
	expect((await drawnAt(page, 'member', mikkel)).x).toBeLessThan(at.x);

	await canvas.focus();
	await page.keyboard.press('Escape');
	await page.screenshot({ path: info.outputPath('genogram-1920x1080.png') });
	await page.screenshot({ path: 'test-results/screens/genogram-1920x1080.png' });

	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
	await context.close();
});

test('two users adding people to the same genogram at once converge', async ({ browser }) => {
	test.setTimeout(120_000);
	const board = `/meetings/${PLANNED_MEETING_ID}/board`;
	const anne = await open(browser, 'anne@demo.example', board);
	const jonas = await open(browser, 'jonas@demo.example', board, { width: 1440, height: 900 });
	await choose(anne.page, 'Birgit');
	await choose(jonas.page, 'Carsten');
	await anne.page.getByRole('tab', { name: 'Genogram' }).isVisible();
	await panel(anne.page).getByRole('button', { name: 'Tilføj barn' }).click();
	await panel(jonas.page).getByRole('button', { name: 'Tilføj partner' }).click();
	await addForm(anne.page).getByLabel('Navn').fill('Lise');
	await addForm(jonas.page).getByLabel('Navn').fill('Nina');
	// Both submit at the same moment.
	await Promise.all([
		addForm(anne.page).getByRole('button', { name: 'Tilføj', exact: true }).click(),
		addForm(jonas.page).getByRole('button', { name: 'Tilføj', exact: true }).click()
	]);
	for (const page of [anne.page, jonas.page]) {
		await page.getByRole('tab', { name: 'Elementer' }).click();
		await expect(list(page).getByRole('button', { name: /^Lise/ })).toBeVisible();
		await expect(list(page).getByRole('button', { name: /^Nina/ })).toBeVisible();
	}
	const outline = async (page: Page) => (await list(page).innerText()).replace(/\s+/g, ' ');
	await expect
		.poll(async () => (await outline(anne.page)) === (await outline(jonas.page)))
		.toBe(true);

	// Jonas removes Nina again with the Delete key on the board: gone for both.
	await choose(jonas.page, 'Nina');
	await jonas.page.getByTestId('board-canvas').focus();
	await jonas.page.keyboard.press('Delete');
	for (const page of [anne.page, jonas.page]) {
		await page.getByRole('tab', { name: 'Elementer' }).click();
		await expect(list(page).getByRole('button', { name: /^Nina/ })).toHaveCount(0);
		await expect(list(page).getByRole('button', { name: /^Lise/ })).toBeVisible();
	}

	const axe = await new AxeBuilder({ page: jonas.page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
	await anne.context.close();
	await jonas.context.close();
});

test('the family reads generation by generation on a phone @phone', async ({ page }) => {
	await loginAs(page, 'line@demo.example');
	await page.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	// On a phone the side panel is opened first (on a wide screen it is open already).
	const toggle = page.getByRole('button', { name: 'Vis sidepanel' });
	if (await toggle.isVisible()) await toggle.click();
	await page.getByRole('tab', { name: 'Elementer' }).click();
	const outline = list(page);
	await expect(outline.getByRole('heading', { name: 'Generation 1' })).toBeVisible();
	await expect(outline.getByRole('heading', { name: 'Generation 3' })).toBeVisible();
	await outline.locator('[data-kind="member"]').filter({ hasText: /^Sara/ }).click();
	await expect(panel(page).getByRole('heading', { level: 2, name: 'Sara' })).toBeVisible();
	await expect(panel(page).getByLabel('Anbragt uden for hjemmet')).toBeChecked();
	const axe = await new AxeBuilder({ page })
		.include('#board-panel')
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(axe.violations.map((v) => v.id)).toEqual([]);
});
