/**
 * The parents' side on a phone (issue 11, acceptance 1): Line chooses who comes (the needed
 * rådgiver stays, and she sees why), writes a wish, gives her consent and saves; Anne sees the
 * choice and the consent and invites the chosen in one step; the guest opens the link on a phone
 * and edits the board; Anne closes the link, the guest's board is closed and says so; Line gets
 * the meeting for her calendar. Every page is checked with axe.
 */
import AxeBuilder from '@axe-core/playwright';
import { devices, expect, test, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loginAs, PLANNED_MEETING_ID } from './helpers';

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

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

async function phone(browser: Browser) {
	const context = await browser.newContext({
		...devices['Pixel 7'],
		...PHONE,
		baseURL: process.env.BASE_URL,
		locale: 'da-DK'
	});
	return { context, page: await context.newPage() };
}

test('Line chooses on her phone, Anne invites the chosen, the guest edits until the link is closed @phone', async ({
	browser
}, info) => {
	// One project only: the choice, the consent and the invitations are the demo case's own.
	test.skip(info.project.name !== 'phone', 'a phone flow');
	test.setTimeout(120_000);
	const wish = `Gerne hos min mor, efter kl. 15 (${Date.now()})`;

	const line = await phone(browser);
	await loginAs(line.page, 'line@demo.example');
	await line.page.goto(`/meetings/${PLANNED_MEETING_ID}`);
	await expect(line.page.getByRole('heading', { name: 'Hvem skal med til mødet?' })).toBeVisible();
	await expect(line.page.getByRole('group', { name: 'Familie og netværk' })).toBeVisible();
	await expect(line.page.getByRole('group', { name: 'Fagpersoner' })).toBeVisible();
	// The rådgiver is needed: ticked, cannot be unticked, and she reads why.
	const anneBox = line.page.getByRole('checkbox', { name: /Anne/ });
	await expect(anneBox).toBeChecked();
	await expect(anneBox).toBeDisabled();
	await expect(anneBox).toHaveAccessibleDescription(/Skal være med:.*ansvaret for jeres plan/);
	await expect(line.page.getByRole('checkbox', { name: /Mette/ })).toHaveAccessibleDescription(
		/støtter plejefamilien/
	);
	await expectAccessible(line.page);

	await line.page.getByRole('checkbox', { name: /Birgit/ }).check();
	await line.page.getByRole('checkbox', { name: /Karim/ }).uncheck();
	await line.page.getByLabel('Ønsker til sted og tidspunkt').fill(wish);
	await line.page.getByRole('checkbox', { name: 'Ja, plejefamilien må se mine mål' }).check();
	await line.page.getByRole('button', { name: 'Gem mit valg' }).click();
	await expect(line.page.getByText('Dit valg er gemt.')).toBeVisible();
	await expect(line.page.getByText(/Du har sagt ja/)).toBeVisible();
	await line.page.screenshot({ path: 'test-results/screens/parents-choice.png', fullPage: true });
	await expectAccessible(line.page);

	// Line gets the meeting for her calendar.
	const download = line.page.waitForEvent('download');
	await line.page.getByRole('link', { name: 'Hent mødet til din kalender' }).click();
	const ics = readFileSync((await (await download).path())!, 'utf8');
	expect(ics).toContain('BEGIN:VCALENDAR');
	expect(ics).toContain('SUMMARY:Netværksmøde: hvem kan hjælpe?');
	expect(ics).toContain('BEGIN:VALARM');

	// Anne sees the choice and the consent, and invites the chosen in one step.
	const anne = await phone(browser);
	await loginAs(anne.page, 'anne@demo.example');
	await anne.page.goto(`/meetings/${PLANNED_MEETING_ID}`);
	const parents = anne.page.getByRole('region', { name: 'Forældrenes valg' });
	await expect(parents.getByText('Line vil gerne have med:')).toBeVisible();
	await expect(parents.getByText(/Birgit/).first()).toBeVisible();
	await expect(parents.getByText(wish)).toBeVisible();
	await expect(parents.getByTestId('consent-status')).toContainText('Line: ja, må dele målene');
	await expect(
		parents.getByTestId('attendance').locator('li', { hasText: 'Birgit' })
	).toHaveAttribute('data-state', 'chosen');
	await expectAccessible(anne.page);
	await parents.getByRole('button', { name: 'Inviter de valgte' }).click();
	const invited = anne.page.getByTestId('invited');
	const birgit = invited.getByTestId('guest-invite').filter({ hasText: 'Birgit' });
	await expect(birgit).toBeVisible();
	const url = await birgit.getByRole('textbox', { name: /Link til tavlen/ }).inputValue();
	expect(url).toContain('/board?invite=');
	await expect(birgit.getByRole('textbox', { name: /Påmindelse til Birgit/ })).toHaveValue(
		/Hej Birgit\.[\s\S]*Netværksmøde: hvem kan hjælpe\?[\s\S]*invite=/
	);
	await anne.page.screenshot({ path: 'test-results/screens/parents-invited.png', fullPage: true });
	await expectAccessible(anne.page);

	// Birgit opens her link on her phone and adds a note.
	const guest = await phone(browser);
	await guest.page.goto(url);
	await expect(guest.page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(guest.page.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'connected'
	);
	await guest.page.getByRole('button', { name: 'Seddel (N)' }).click();
	const box = (await guest.page.getByTestId('board-canvas').boundingBox())!;
	await guest.page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
	const editor = guest.page.getByTestId('text-editor');
	await expect(editor).toBeFocused();
	const note = `Birgit kommer gerne ${Date.now().toString(36)}`;
	await editor.pressSequentially(note);
	await editor.press('Escape');
	await expect(guest.page.getByTestId('unsent-count')).toHaveCount(0);
	await expectAccessible(guest.page);

	// Anne sees Birgit on the board and her note, then closes the link.
	await anne.page.reload();
	await expect(
		anne.page.getByTestId('attendance').locator('li', { hasText: 'Birgit' })
	).toHaveAttribute('data-state', 'present');
	// On the board too, in the participant list: the chosen, with who is here now.
	const live = await anne.context.newPage();
	await live.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
	await expect(live.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await live.locator('button[aria-controls="board-panel"]').click();
	await live.getByRole('tab', { name: 'Deltagere' }).click();
	const chosen = live.getByTestId('board-attendance');
	await expect(chosen.locator('li', { hasText: 'Birgit' })).toHaveAttribute(
		'data-state',
		'present'
	);
	await expect(chosen.locator('li', { hasText: 'Anne' })).toHaveAttribute('data-state', 'present');
	await expect(chosen.locator('li', { hasText: 'Karim' })).toHaveCount(0);
	await live.screenshot({ path: 'test-results/screens/board-attendance.png' });
	await live.close();
	const links = anne.page.getByTestId('guest-links');
	await links.getByRole('button', { name: 'Luk linket for Birgit' }).click();
	await expect(anne.page.getByText('Linket er lukket.')).toBeVisible();
	await expectAccessible(anne.page);

	// The guest's socket is closed, and the board says so.
	await expect(guest.page.getByTestId('board-closed')).toContainText(
		'Dit link til tavlen er lukket'
	);
	await expect(guest.page.getByTestId('connection-status')).not.toHaveAttribute(
		'data-status',
		'connected'
	);
	await guest.page.screenshot({ path: 'test-results/screens/parents-guest-closed.png' });
	await expectAccessible(guest.page);
	expect((await guest.page.request.get(url)).status()).toBe(404);

	// The note is on the board for everyone.
	const board = await anne.context.newPage();
	await board.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
	await expect(board.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await board.locator('button[aria-controls="board-panel"]').click();
	await board.getByRole('tab', { name: 'Elementer' }).click();
	await expect(
		board.getByTestId('element-list').getByRole('button', { name: new RegExp(note) })
	).toBeVisible();

	await Promise.all([line.context.close(), anne.context.close(), guest.context.close()]);
});

test('a parent chooses on her phone who should come to the meeting, and the facilitator sees it @phone', async ({
	page,
	browser
}, info) => {
	// One project only, and in this file: the tests here change Line's one choice, so they run
	// one after the other (one file, one worker), never side by side.
	test.skip(info.project.name !== 'phone', 'a phone flow');
	const wish = `Gerne hos min mor, efter kl. 15 (${Date.now()})`;
	await loginAs(page, 'line@demo.example');
	await page.getByRole('link', { name: 'Sara og Mikkel' }).click();
	await page.getByRole('link', { name: 'Netværksmøde: hvem kan hjælpe?' }).click();
	await expect(page.getByRole('heading', { name: 'Hvem skal med til mødet?' })).toBeVisible();
	// She does not choose herself.
	await expect(page.getByRole('checkbox', { name: /^Line\b/ })).toHaveCount(0);
	await expect(page.getByRole('checkbox', { name: /Carstens far/ })).toHaveCount(0);
	await expectAccessible(page);

	await page.getByRole('checkbox', { name: /Birgit/ }).check();
	await page.getByRole('checkbox', { name: /Mette/ }).check();
	await page.getByRole('checkbox', { name: /Karim/ }).uncheck();
	await page.getByLabel('Ønsker til sted og tidspunkt').fill(wish);
	await page.getByRole('button', { name: 'Gem mit valg' }).click();
	await expect(page.getByText('Dit valg er gemt.')).toBeVisible();
	await page.screenshot({
		path: `test-results/screens/choice-${info.project.name}.png`,
		fullPage: true
	});

	await page.reload();
	await expect(page.getByRole('checkbox', { name: /Birgit/ })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: /Karim/ })).not.toBeChecked();
	await expect(page.getByLabel('Ønsker til sted og tidspunkt')).toHaveValue(wish);

	const anneContext = await browser.newContext({ baseURL: process.env.BASE_URL, locale: 'da-DK' });
	const anne = await anneContext.newPage();
	await loginAs(anne, 'anne@demo.example');
	await anne.goto('/meetings/demo-meeting-netvaerk');
	const parents = anne.getByRole('region', { name: 'Forældrenes valg' });
	await expect(parents.getByText('Line vil gerne have med:')).toBeVisible();
	await expect(
		parents.locator('.parent-choice p', { hasText: /Birgit.*Mette|Mette.*Birgit/ })
	).toBeVisible();
	await expect(parents.getByText(wish)).toBeVisible();
	await anneContext.close();
});

test("a parent's board is calm: four tools named in words, one help line, what was agreed first, live", async ({
	browser
}, info) => {
	test.skip(info.project.name !== 'desktop', 'opens its own phone and desktop contexts');
	const board = `/meetings/${PLANNED_MEETING_ID}/board`;
	const line = await phone(browser);
	await loginAs(line.page, 'line@demo.example');
	await line.page.goto(board);
	await expect(line.page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	const tools = line.page.getByRole('toolbar', { name: 'Værktøjer' }).first();
	// Looking, moving the view, a note and a text – each with its name written out; nothing more.
	for (const name of ['Vælg', 'Flyt', 'Seddel', 'Tekst'])
		await expect(tools.getByText(name, { exact: true })).toBeVisible();
	for (const name of ['Rektangel', 'Ellipse', 'Pil', 'Tegn'])
		await expect(tools.getByRole('button', { name: new RegExp(`^${name}`) })).toHaveCount(0);
	await expect(
		line.page.getByText('Tryk på "Seddel" og så på tavlen for at skrive noget.', { exact: false })
	).toBeVisible();
	await line.page.screenshot({ path: 'test-results/screens/parent-board-phone.png' });

	// "Det aftalte vi" is the first tab and open: last meeting's decision and agreements.
	await line.page.getByRole('button', { name: 'Vis sidepanel' }).click();
	const tabs = line.page.getByRole('tab');
	await expect(tabs.first()).toHaveText('Det aftalte vi');
	await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
	const agreed = line.page.getByRole('tabpanel');
	await expect(agreed.getByText(/^Sidste gang: /)).toBeVisible();
	await expect(agreed.getByText('Beslutning:').first()).toBeVisible();
	await expect(agreed.getByText('Aftale:').first()).toBeVisible();
	await expectAccessible(line.page);
	await line.page.screenshot({ path: 'test-results/screens/parent-agreed-phone.png' });

	// The facilitator has the whole toolbar and no help line; an agreement she writes in the
	// minutes reaches the parent's "Det aftalte vi" while both have the board open.
	const anne = await browser.newContext({ baseURL: process.env.BASE_URL, locale: 'da-DK' });
	const annePage = await anne.newPage();
	await annePage.setViewportSize({ width: 1920, height: 1080 });
	await loginAs(annePage, 'anne@demo.example');
	await annePage.goto(board);
	await expect(annePage.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(annePage.getByRole('button', { name: /^Rektangel/ })).toBeVisible();
	await expect(annePage.getByText('Tryk på "Seddel"', { exact: false })).toHaveCount(0);
	await annePage.getByRole('tab', { name: 'Referat' }).click();
	await annePage.getByTestId('minutes-editor').click();
	await annePage.keyboard.press('Control+End');
	await annePage.keyboard.press('Enter');
	await annePage.keyboard.type('Birgit henter børnene om fredagen');
	await annePage.getByRole('button', { name: 'Aftale', exact: true }).click();
	await expect(
		agreed.getByRole('listitem').filter({ hasText: 'Aftale: Birgit henter børnene om fredagen' })
	).toBeVisible();
	await expect(agreed.getByText('På dette møde')).toBeVisible();
	await line.page.screenshot({ path: 'test-results/screens/parent-agreed-live-phone.png' });
	await anne.close();
	await line.context.close();
});
