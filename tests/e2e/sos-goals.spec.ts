/**
 * Signs of Safety columns and goal steps in the browser (issue 9, acceptance 2): Anne
 * (facilitator) adds a worry, a strength and a next step, turns the next step into a goal with
 * two steps, ticks one and rates the overall scale; Jonas (another account) sees all of it live
 * and rates separately; Line (a parent) on her phone rates and adds a card in her own voice.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { loginAs, PLANNED_MEETING_ID } from './helpers';

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

const elements = (page: Page) => page.getByRole('tab', { name: 'Elementer' }).click();
const sosList = (page: Page) => page.getByTestId('sos-list');
const goalsList = (page: Page) => page.getByTestId('goals-list');
const panel = (page: Page) => page.getByTestId('tool-panel');

async function expectAccessible(page: Page): Promise<void> {
	const axe = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

/** Adds a card through the list and the side panel's form. */
async function addCard(page: Page, column: string, text: string): Promise<void> {
	await elements(page);
	await sosList(page)
		.getByRole('button', { name: `Tilføj kort: ${column}` })
		.click();
	const form = page.getByTestId('sos-card-form');
	await expect(form).toBeVisible();
	await form.getByLabel('Hvad står der på kortet?').fill(text);
	await form.getByRole('button', { name: 'Tilføj kortet' }).click();
	await expect(page.getByTestId('sos-card-text')).toHaveValue(text);
}

/** Opens the overall scale from the list and chooses `value`. */
async function rateOverall(page: Page, value: number): Promise<void> {
	await elements(page);
	await page.getByTestId('sos-list-overall').click();
	const scale = panel(page).getByTestId('sos-scale');
	await expect(scale).toContainText('Hvor er vi lige nu, på en skala fra 0 til 10?');
	await expect(scale).toContainText('0 = Det er så slemt, at børnene ikke kan bo hjemme');
	await scale.getByRole('radio', { name: `${value} af 10` }).check();
	await expect(scale.getByRole('status')).toHaveText(`Du har sat ${value}.`);
}

test('one adds cards, a goal with steps and a rating; another sees it live and rates separately', async ({
	browser
}, info) => {
	test.setTimeout(120_000);
	const anne = await openBoard(browser, 'anne@demo.example', { width: 1920, height: 1080 });
	const jonas = await openBoard(browser, 'jonas@demo.example');
	const tag = info.project.name;
	const worry = `Bekymring fra Anne (${tag})`;
	const strength = `Styrke: Line svarer altid Karim (${tag})`;
	const next = `Line ringer til Karim hver fredag (${tag})`;

	await addCard(anne.page, 'Hvad bekymrer os?', worry);
	await addCard(anne.page, 'Hvad går godt?', strength);
	await addCard(anne.page, 'Hvad skal der ske?', next);
	await expect(panel(anne.page).getByRole('heading', { name: 'Næste skridt' })).toBeVisible();

	// The next step becomes a goal, carrying its text; two steps, one ticked.
	await panel(anne.page).getByRole('button', { name: 'Gør det til et mål i måltrappen' }).click();
	await expect(panel(anne.page).getByLabel('Målet', { exact: true })).toHaveValue(next);
	for (const step of ['Skrive fredag i kalenderen', 'Ringe første fredag']) {
		await panel(anne.page).getByLabel('Ny trædesten').fill(step);
		await panel(anne.page).getByRole('button', { name: 'Tilføj trædesten' }).click();
		await expect(panel(anne.page).getByRole('checkbox', { name: step })).toBeVisible();
	}
	await panel(anne.page).getByRole('checkbox', { name: 'Skrive fredag i kalenderen' }).check();
	await expect(panel(anne.page).getByText('Godt gået! Trædestenen er nået.')).toBeVisible();

	await rateOverall(anne.page, 6);
	await expectAccessible(anne.page);

	// Jonas sees the cards, the goal with its ticked step and Anne's rating, live.
	await elements(jonas.page);
	for (const text of [worry, strength, next]) await expect(sosList(jonas.page)).toContainText(text);
	const goal = goalsList(jonas.page).locator('article', { hasText: next });
	await expect(goal).toContainText('1 af 2 trin nået');
	await expect(goal.getByRole('checkbox', { name: 'Skrive fredag i kalenderen' })).toBeChecked();
	await expect(goal.getByRole('checkbox', { name: 'Ringe første fredag' })).not.toBeChecked();
	await expect(jonas.page.getByTestId('sos-list-overall')).toContainText('fagpersoner 6');

	// With three active goals now, a fourth is refused kindly; it can wait, paused.
	await goalsList(jonas.page).getByRole('button', { name: '+ Nyt mål' }).click();
	const form = jonas.page.getByTestId('goal-form');
	await form.getByLabel('Målet', { exact: true }).fill('Få en fast aftale med skolen');
	await form.getByRole('button', { name: 'Tilføj målet' }).click();
	await expect(form.getByRole('alert')).toContainText('I har allerede tre aktive mål.');
	await form.getByRole('button', { name: 'Gem det som "sat på pause"' }).click();
	await elements(jonas.page);
	await expect(
		goalsList(jonas.page).locator('article', { hasText: 'Få en fast aftale med skolen' })
	).toContainText('Sat på pause');
	await expect(goalsList(jonas.page).locator('article[data-state="active"]')).toHaveCount(3);

	// He rates separately: both markers stand, each his or her own.
	await rateOverall(jonas.page, 4);
	const answers = panel(anne.page).getByTestId('sos-answers');
	await expect(answers).toContainText('Fagpersoner: dig 6, Jonas 4');
	await expect(panel(jonas.page).getByTestId('sos-answers')).toContainText('Anne 6, dig 4');
	await expect(anne.page.getByRole('radio', { name: '6 af 10' })).toBeChecked();

	// The facilitator hides the names on the shared screen; the setting reaches everyone.
	await panel(anne.page).getByTestId('sos-hide-names').check();
	await expect(panel(jonas.page).getByTestId('sos-answers')).toContainText('En deltager 6, dig 4');

	// Show both tools on the shared screen for a look.
	await anne.page.getByRole('button', { name: 'Skjul sidepanel' }).click();
	await anne.page.getByRole('button', { name: 'Værktøjer' }).first().click();
	await anne.page
		.getByRole('menuitem', { name: /Bekymringer · Det går godt · Det skal ske/ })
		.click();
	await anne.page.waitForTimeout(600);
	await anne.page.screenshot({ path: `test-results/screens/sos-1920x1080-${tag}.png` });
	await anne.page.getByRole('button', { name: 'Værktøjer' }).first().click();
	await anne.page.getByRole('menuitem', { name: /Måltrappe/ }).click();
	await anne.page.waitForTimeout(600);
	await anne.page.screenshot({ path: `test-results/screens/goals-1920x1080-${tag}.png` });

	await anne.context.close();
	await jonas.context.close();
});

test('a parent on a phone rates and adds a card in her own voice @phone', async ({
	page
}, info) => {
	if (info.project.name !== 'phone') await page.setViewportSize({ width: 390, height: 844 });
	await loginAs(page, 'line@demo.example');
	await page.goto(BOARD);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await page.getByRole('button', { name: 'Vis sidepanel' }).click();
	await elements(page);
	await expect(sosList(page)).toContainText('Hvad går godt?');
	await page.screenshot({ path: `test-results/screens/sos-phone-list-${info.project.name}.png` });

	const text = `Jeg vil gerne have mormor med til samvær (${info.project.name})`;
	await sosList(page).getByRole('button', { name: 'Tilføj kort: Hvad går godt?' }).click();
	const form = page.getByTestId('sos-card-form');
	// Her own voice is proposed: a parent, and herself from the people around the case.
	await expect(form.getByRole('radio', { name: 'Forælder' })).toBeChecked();
	await expect(form.getByLabel('Hvem sagde det? (kan udelades)')).toHaveValue('person-line');
	await form.getByLabel('Hvad står der på kortet?').fill(text);
	await page.screenshot({ path: `test-results/screens/sos-phone-form-${info.project.name}.png` });
	await form.getByRole('button', { name: 'Tilføj kortet' }).click();
	await expect(page.getByTestId('sos-card-text')).toHaveValue(text);
	await expect(panel(page).getByRole('radio', { name: 'Forælder' })).toBeChecked();

	// Bad input is refused in Danish and saves nothing.
	await elements(page);
	await sosList(page).getByRole('button', { name: 'Tilføj kort: Hvad bekymrer os?' }).click();
	await page.getByTestId('sos-card-form').getByLabel('Hvad står der på kortet?').fill('   ');
	await page.getByTestId('sos-card-form').getByRole('button', { name: 'Tilføj kortet' }).click();
	await expect(page.getByRole('alert')).toContainText('Skriv, hvad kortet handler om.');

	await rateOverall(page, 7);
	await expect(panel(page).getByTestId('sos-scale')).toContainText('Du svarer som forælder.');
	await expect(panel(page).getByTestId('sos-answers')).toContainText('Forældre: dig 7');
	await expectAccessible(page);
	await page.screenshot({ path: `test-results/screens/sos-phone-rating-${info.project.name}.png` });

	await elements(page);
	await expect(sosList(page)).toContainText(text);
	await expect(goalsList(page)).toContainText('Jeg kommer til alle samvær – og til tiden');
	await page.screenshot({
		path: `test-results/screens/goals-phone-list-${info.project.name}.png`,
		fullPage: true
	});
});
