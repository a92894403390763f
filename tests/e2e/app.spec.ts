import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CASE_ID, loginAs } from './helpers';

/** No serious or critical WCAG 2.1 A/AA violations on the current page. */
async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const serious = results.violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(
		serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
	).toEqual([]);
}

test('facilitator logs in, opens the demo case, creates a meeting and logs out @phone', async ({
	page
}, info) => {
	await page.goto('/login');
	await expectAccessible(page);
	await loginAs(page, 'anne@demo.example');

	await expect(page.getByRole('heading', { name: 'Dine sager' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Sara og Mikkel' }).click();

	await expect(page.getByRole('heading', { level: 1, name: 'Sara og Mikkel' })).toBeVisible();
	await expect(page.getByText('Netværksmøde: hvem kan hjælpe?')).toBeVisible();
	await expect(page.getByText('Line', { exact: true })).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({
		path: `test-results/screens/case-${info.project.name}.png`,
		fullPage: true
	});

	await page.getByRole('link', { name: 'Nyt møde' }).click();
	await expect(page.getByRole('heading', { name: 'Nyt møde' })).toBeVisible();
	await expectAccessible(page);
	const title = `Handleplansmøde ${info.project.name} ${Date.now()}`;
	await page.getByLabel('Titel').fill(title);
	await page.getByLabel('Mødetype').selectOption('handleplan');
	await page.getByLabel('Dato og tidspunkt').fill('2026-12-15T10:30');
	await page.getByLabel('Sted').fill('Rådhuset, lokale 3');
	await page.getByLabel('Dagsorden').fill('Hvordan går det?\nMålene for de næste to måneder');
	// The case has a saved board: the new one continues from it unless asked otherwise.
	await expect(page.getByLabel('Fortsæt fra den seneste gemte tavle på sagen')).toBeChecked();
	await page.getByRole('button', { name: 'Opret mødet' }).click();

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByText('Planlagt')).toBeVisible();
	await expect(page.getByText('Målene for de næste to måneder')).toBeVisible();
	await expect(page.getByText(/15\. dec\. 2026.*10\.30/)).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({
		path: `test-results/screens/meeting-${info.project.name}.png`,
		fullPage: true
	});

	await page.getByRole('button', { name: 'Log ud', exact: true }).click();
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByText('Du er logget ud.')).toBeVisible();
	await page.goto(`/cases/${DEMO_CASE_ID}`);
	await expect(page).toHaveURL(/\/login\?redirectTo=/);
});

test('a meeting form with bad input shows Danish errors and stores nothing', async ({ page }) => {
	await loginAs(page, 'anne@demo.example');
	await page.goto(`/cases/${DEMO_CASE_ID}/meetings/new`);
	await page.getByLabel('Titel').fill('');
	await page.getByLabel('Dato og tidspunkt').fill('');
	await page.getByRole('button', { name: 'Opret mødet' }).click();
	await expect(page.getByText('Skriv titel.').first()).toBeVisible();
	await expect(page.getByText('Vælg dato og tidspunkt.').first()).toBeVisible();
	await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
	await expectAccessible(page);
	await page.goto(`/cases/${DEMO_CASE_ID}`);
});

test('wrong password shows one plain message', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill('nobody@demo.example');
	await page.getByLabel('Adgangskode').fill('forkert-kode');
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page.getByRole('alert')).toHaveText('Forkert e-mail eller adgangskode.');
});

test('the admin sees users and the audit log but no case @phone', async ({ page }, info) => {
	await loginAs(page, 'admin@demo.example');
	await expect(page.getByText('Du er ikke med på nogen sager endnu.')).toBeVisible();
	await page.goto(`/cases/${DEMO_CASE_ID}`);
	await expect(
		page.getByText('Siden findes ikke, eller du har ikke adgang til den.')
	).toBeVisible();
	await page.goto('/admin');
	await expect(page.getByRole('heading', { name: 'Brugere' })).toBeVisible();
	await expectAccessible(page);
	await page.goto('/admin/audit');
	await expect(page.getByRole('heading', { name: 'Revisionslog' })).toBeVisible();
	await page.getByLabel('Sag').selectOption(DEMO_CASE_ID);
	await page.getByRole('button', { name: 'Filtrér' }).click();
	await expect(page).toHaveURL(new RegExp(`case=${DEMO_CASE_ID}`));
	await expect(page.locator('tbody tr').first()).toBeVisible();
	await expectAccessible(page);
	await page.screenshot({
		path: `test-results/screens/audit-${info.project.name}.png`,
		fullPage: true
	});
});
