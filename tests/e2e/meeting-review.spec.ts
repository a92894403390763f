/**
 * Running the meeting and reviewing it (issue 10, acceptance 4). The facilitator's flow ends the
 * demo's planned meeting, so it runs on a server of its own with a fresh demo database (the
 * other specs use that meeting's board on the shared server). The parent's phone flow answers
 * the minutes of the demo's ended meeting on the shared server.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { removeServerDir, startServer, type TestServer } from '../helpers/server';
import { DEMO_CASE_ID, ENDED_MEETING_ID, loginAs, PLANNED_MEETING_ID } from './helpers';

/** No WCAG 2.1 A/AA violation at all on the current page. */
async function expectAxeClean(page: Page, exclude: string[] = []): Promise<void> {
	let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
	for (const selector of exclude) builder = builder.exclude(selector);
	const results = await builder.analyze();
	expect(
		results.violations.map(
			(v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
		)
	).toEqual([]);
}

const shots = (name: string) => `test-results/screens/review-${name}.png`;

async function newPage(browser: Browser, baseURL: string, viewport = { width: 1440, height: 900 }) {
	const context = await browser.newContext({ baseURL, viewport, locale: 'da-DK' });
	return { context, page: await context.newPage() };
}

async function boardReady(page: Page): Promise<void> {
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
}

test.describe('the facilitator runs the demo meeting', () => {
	let server: TestServer;

	test.beforeAll(async () => {
		server = await startServer({ demo: true });
	});
	test.afterAll(async () => {
		if (!server) return;
		await server.stop();
		removeServerDir(server);
	});

	test('start, agenda with timer, present a tool on the shared screen, end; open, compare and file the snapshot', async ({
		browser
	}) => {
		test.setTimeout(180_000);
		const anne = await newPage(browser, server.url);
		await loginAs(anne.page, 'anne@demo.example');

		// "Vis på skærmen": a screen link, opened on the room's computer (not logged in).
		await anne.page.goto(`/meetings/${PLANNED_MEETING_ID}`);
		await anne.page.getByRole('button', { name: 'Vis på skærmen' }).click();
		const link = await anne.page.getByLabel('Skærmlink (vises kun nu)').inputValue();
		expect(link).toMatch(/\/screen\/[a-z0-9]+$/);
		const room = await newPage(browser, server.url, { width: 1920, height: 1080 });
		await room.page.goto(link);
		// The token does not stay in the address bar on the wall.
		await expect(room.page).toHaveURL(/\/screen$/);
		const screen = room.page.getByTestId('screen');
		await expect(screen).toHaveAttribute('data-ready', 'true');
		await expect(room.page.getByRole('link')).toHaveCount(0);

		// Start the meeting, open the board; Jonas joins from his laptop.
		await anne.page.getByRole('button', { name: 'Start mødet' }).click();
		await expect(
			anne.page.getByRole('status').filter({ hasText: 'Mødet er startet.' })
		).toBeVisible();
		await anne.page.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
		await boardReady(anne.page);
		const jonas = await newPage(browser, server.url);
		await loginAs(jonas.page, 'jonas@demo.example');
		await jonas.page.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
		await boardReady(jonas.page);

		// The agenda: the facilitator alone moves it; everyone sees the current item and its timer.
		await anne.page.getByRole('tab', { name: 'Dagsorden' }).click();
		await expect(anne.page.getByTestId('agenda-item')).toHaveCount(4);
		await anne.page.getByRole('button', { name: 'Start dagsordenen' }).click();
		for (const page of [anne.page, jonas.page, room.page])
			await expect(page.getByTestId('agenda-now')).toContainText(
				'Hvordan går det med Sara og Mikkel?'
			);
		await expect(room.page.getByTestId('agenda-clock')).toContainText('af 15:00');
		await expect(room.page.getByTestId('agenda-clock')).not.toContainText('0:00 af', {
			timeout: 10_000
		});
		await anne.page.getByRole('button', { name: 'Næste punkt' }).click();
		for (const page of [anne.page, jonas.page, room.page])
			await expect(page.getByTestId('agenda-now')).toContainText('Punkt 2 af 4');
		await expect(anne.page.getByTestId('agenda-item').nth(1)).toHaveAttribute(
			'aria-current',
			'step'
		);
		await expect(jonas.page.getByRole('button', { name: 'Seddel (N)' })).toBeVisible();
		await jonas.page.getByRole('tab', { name: 'Dagsorden' }).click();
		await expect(jonas.page.getByRole('button', { name: 'Næste punkt' })).toHaveCount(0);
		await expect(jonas.page.getByText('Tovholderen styrer dagsordenen og uret.')).toBeVisible();
		await expectAxeClean(jonas.page, ['[data-testid="board-canvas"]']);

		// The agenda items as headings in the minutes, on request.
		await anne.page
			.getByRole('button', { name: 'Sæt punkterne ind som overskrifter i referatet' })
			.click();
		await jonas.page.getByRole('tab', { name: 'Referat' }).click();
		await expect(
			jonas.page
				.getByTestId('minutes-editor')
				.getByRole('heading', { name: 'Samvær: hvad virker?' })
		).toBeVisible();

		// Jonas adds an event to the timeline (it shows up when the snapshots are compared).
		const event = 'Birgit henter Mikkel i børnehaven om tirsdagen';
		await jonas.page.getByRole('tab', { name: 'Elementer' }).click();
		await jonas.page
			.getByTestId('timeline-list')
			.getByRole('button', { name: 'Tilføj begivenhed' })
			.click();
		await jonas.page.getByLabel('Hvad skete der?').fill(event);
		await jonas.page.getByRole('button', { name: 'Tilføj', exact: true }).click();
		await jonas.page.getByRole('tab', { name: 'Elementer' }).click();
		await expect(jonas.page.getByTestId('timeline-list')).toContainText(event);

		// Present the timeline: everyone follows, the screen shows it; Jonas steps out and back in.
		await anne.page.getByRole('button', { name: 'Vis Tidslinje' }).click();
		await expect(anne.page.getByTestId('presented')).toHaveText('Vises for alle: Tidslinje');
		await expect(screen).toHaveAttribute('data-follow', 'frame');
		await expect(room.page.getByTestId('screen-status')).toContainText('Vises for alle: Tidslinje');
		await expect(jonas.page.getByText('Du følger præsentationen')).toBeVisible();
		await jonas.page.getByRole('button', { name: 'Zoom ind' }).click();
		await jonas.page.getByRole('button', { name: 'Følg præsentationen igen' }).click();
		await expect(jonas.page.getByText('Du følger præsentationen')).toBeVisible();
		mkdirSync('test-results/screens', { recursive: true });
		await room.page.screenshot({ path: shots('screen-1920') });
		await anne.page.screenshot({ path: shots('board-presenting') });
		await expectAxeClean(room.page, ['[data-testid="board-canvas"]']);

		// End: it asks first and says what will be saved; every open board turns read-only at once.
		await anne.page.getByRole('tab', { name: 'Dagsorden' }).click();
		await anne.page.getByRole('button', { name: 'Afslut mødet …' }).click();
		const confirm = anne.page.getByTestId('end-confirm');
		await expect(confirm.getByRole('heading', { name: 'Afslut mødet?' })).toBeFocused();
		await expect(confirm).toContainText('Elementer på tavlen');
		await expect(confirm).toContainText('Tidslinje');
		await anne.page.screenshot({ path: shots('end-confirm'), fullPage: true });
		await confirm.getByRole('button', { name: 'Ja, afslut mødet og gem tavlen' }).click();
		await expect(anne.page.getByText('Mødet er afsluttet, og tavlen er gemt.')).toBeVisible();
		await expect(jonas.page.getByText('Mødet er afsluttet. Tavlen kan kun læses.')).toBeVisible();
		await expect(jonas.page.getByTestId('minutes-editor')).toHaveAttribute(
			'contenteditable',
			'false'
		);
		await expect(jonas.page.getByRole('button', { name: 'Seddel (N)' })).toHaveCount(0);
		await expect(room.page.getByTestId('screen-stopped')).toHaveAttribute('data-reason', 'ended');

		// The case page: both snapshots, the trends with their tables; open the newest.
		await anne.page.goto(`/cases/${DEMO_CASE_ID}`);
		const list = anne.page.getByTestId('snapshot-list').getByRole('listitem');
		await expect(list).toHaveCount(2);
		await expect(list.first()).toContainText('Gemt, da mødet sluttede');
		await expect(anne.page.getByTestId('trend-safety').getByRole('img')).toBeVisible();
		await anne.page.getByTestId('trend-goals').getByText('Tallene bag grafen').click();
		await expect(anne.page.getByTestId('trend-goals').getByRole('table')).toBeVisible();
		await anne.page.screenshot({ path: shots('case'), fullPage: true });
		await expectAxeClean(anne.page);

		// The PDF, downloaded from the list.
		const [download] = await Promise.all([
			anne.page.waitForEvent('download'),
			list
				.first()
				.getByRole('link', { name: /som PDF/ })
				.click()
		]);
		expect(download.suggestedFilename()).toMatch(/^gemt-tavle-DEMO-2025-0142-.*\.pdf$/);
		const pdf = join(test.info().outputDir, 'snapshot.pdf');
		await download.saveAs(pdf);
		expect(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })).toMatch(/PDF version:\s+1\.7/);
		const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
		expect(text).toContain('Netværksmøde: hvem kan hjælpe?');
		expect(text).toContain('Sara');

		await list
			.first()
			.getByRole('link', { name: /Åbn den gemte tavle/ })
			.click();
		const viewer = anne.page.getByTestId('snapshot-viewer');
		await expect(viewer).toHaveAttribute('data-ready', 'true');
		await expect(anne.page.getByTestId('snapshot-banner')).toContainText('Gemt tavle');
		await expect(anne.page.getByTestId('snapshot-banner')).toContainText(
			'Fra mødet "Netværksmøde: hvem kan hjælpe?"'
		);
		await expect(anne.page.getByTestId('snapshot-verified')).toBeVisible();
		await expect(
			anne.page.getByTestId('minutes-editor').getByRole('heading', { name: 'Aftaler' })
		).toBeVisible();
		await expect(anne.page.getByTestId('minutes-editor')).toHaveAttribute(
			'contenteditable',
			'false'
		);
		await anne.page.screenshot({ path: shots('viewer') });
		await expectAxeClean(anne.page, ['[data-testid="board-canvas"]']);

		// Compared with the previous snapshot: per tool, in words and on the pictures.
		await anne.page.getByRole('link', { name: 'Sammenlign' }).click();
		await expect(
			anne.page.getByRole('heading', { name: 'Sammenlign to gemte tavler' })
		).toBeVisible();
		const timelineChanges = anne.page.getByTestId('compare-timeline');
		await expect(timelineChanges).toContainText('1 tilføjet · 0 ændret · 0 fjernet');
		await expect(timelineChanges.getByRole('listitem')).toHaveText([
			new RegExp(`^Tilføjet\\s*Ny begivenhed: ${event} \\(`)
		]);
		await expect(anne.page.getByTestId('compare-timeline').getByRole('img')).toHaveCount(2);
		await anne.page.screenshot({ path: shots('compare'), fullPage: true });
		await expectAxeClean(anne.page);

		await Promise.all([anne.context.close(), jonas.context.close(), room.context.close()]);
	});
});

test('a parent responds to the minutes on her phone, and the facilitator sees it @phone', async ({
	page,
	browser
}, info) => {
	// One project only: the response is kept, the phone is where parents write it.
	test.skip(info.project.name !== 'phone', 'a phone flow');
	await loginAs(page, 'line@demo.example');
	await page.goto(`/meetings/${ENDED_MEETING_ID}`);
	const minutes = page.getByTestId('meeting-minutes');
	await expect(minutes.getByRole('heading', { name: 'Referat fra mødet' })).toBeVisible();
	await expect(minutes).toContainText('Beslutning:');
	await expect(minutes).toContainText('Aftale: Jonas og Line mødes hver uge de næste otte uger.');
	const respond = page.getByTestId('respond');
	await expect(respond.getByRole('heading', { name: 'Min kommentar til referatet' })).toBeVisible();
	// Nothing written: a clear answer, nothing saved.
	await respond.getByRole('button', { name: 'Send kommentaren' }).click();
	await expect(respond.getByRole('alert')).toHaveText('Skriv din kommentar, før du sender den.');
	const words = `Mikkel vil gerne have mormor Birgit med næste gang (${Date.now()}).`;
	await respond.getByLabel('Min kommentar').fill(words);
	await respond.getByRole('button', { name: 'Send kommentaren' }).click();
	await expect(respond.getByRole('status')).toHaveText(
		'Tak. Din kommentar er sendt og gemt på sagen.'
	);
	await expect(page.getByTestId('meeting-responses')).toContainText(words);
	await page.screenshot({ path: shots('phone-response'), fullPage: true });
	await expectAxeClean(page);

	const anne = await newPage(browser, process.env.BASE_URL!);
	await loginAs(anne.page, 'anne@demo.example');
	await anne.page.goto(`/cases/${DEMO_CASE_ID}`);
	await expect(anne.page.getByTestId('case-responses')).toContainText(words);
	await anne.page.goto(`/meetings/${ENDED_MEETING_ID}`);
	await expect(anne.page.getByTestId('meeting-responses')).toContainText(words);
	await anne.context.close();
});
