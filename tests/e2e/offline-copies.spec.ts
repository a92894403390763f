/**
 * Board copies kept in the browser (y-indexeddb) are case data: they go when the session ends
 * – logout, "log out everywhere" from another browser, expiry – and, on the next visit, for boards
 * the person can no longer open (issue 12; policy in docs/security.md).
 */
import { expect, test, type Page } from '@playwright/test';
import { loginAs, PLANNED_MEETING_ID } from './helpers';

test.use({ baseURL: process.env.BASE_URL });

const BOARD = `/meetings/${PLANNED_MEETING_ID}/board`;
const COPY = 'moedetavle-board-demo-board-netvaerk';

const copies = (page: Page) =>
	page.evaluate(async () =>
		(await indexedDB.databases())
			.map((db) => db.name ?? '')
			.filter((name) => name.startsWith('moedetavle-board-'))
			.sort()
	);

/** A copy as y-indexeddb leaves it, for a board id of our choosing. */
const plantCopy = (page: Page, name: string) =>
	page.evaluate(
		(name) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open(name, 1);
				request.onupgradeneeded = () =>
					request.result.createObjectStore('updates', { autoIncrement: true });
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
				request.onerror = () => reject(request.error);
			}),
		name
	);

// Carsten, whom no other test logs in as: "log out everywhere" ends every session of the user,
// also those of a test running beside this one on the other worker.
test('"log out everywhere" ends the other browser’s board and removes every copy it kept', async ({
	browser
}) => {
	const board = await browser.newContext({ baseURL: process.env.BASE_URL, locale: 'da-DK' });
	const boardPage = await board.newPage();
	await loginAs(boardPage, 'carsten@demo.example');
	await boardPage.goto(BOARD);
	await expect(boardPage.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(boardPage.getByTestId('connection-status')).toHaveAttribute(
		'data-status',
		'connected'
	);
	await plantCopy(boardPage, 'moedetavle-board-another-board');
	await expect.poll(() => copies(boardPage)).toContain(COPY);

	const other = await browser.newContext({ baseURL: process.env.BASE_URL, locale: 'da-DK' });
	const otherPage = await other.newPage();
	await loginAs(otherPage, 'carsten@demo.example');
	await otherPage.goto('/cases');
	await otherPage.getByRole('button', { name: 'Log ud alle steder' }).click();
	await expect(otherPage).toHaveURL(/\/login/);

	// The open board is told at once; the browser keeps none of the case's boards.
	await expect(boardPage.getByTestId('board-closed')).toBeVisible();
	await expect.poll(() => copies(boardPage)).toEqual([]);
	await boardPage.reload();
	await expect(boardPage).toHaveURL(/\/login/);
	expect(await copies(boardPage)).toEqual([]);
	await board.close();
	await other.close();
});

test('the login page removes copies a session left behind, and a visit removes copies of boards no longer open to the person', async ({
	page
}) => {
	await page.goto('/login');
	await plantCopy(page, 'moedetavle-board-left-behind');
	await page.reload();
	await expect.poll(() => copies(page)).toEqual([]);

	await loginAs(page, 'anne@demo.example');
	await page.goto(BOARD);
	await expect(page.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect.poll(() => copies(page)).toContain(COPY);
	// An erased case's board, and goals of a board she can open: the first goes, the rest stay.
	await plantCopy(page, 'moedetavle-board-erased-board');
	await page.goto('/cases');
	await expect.poll(() => copies(page)).not.toContain('moedetavle-board-erased-board');
	expect(await copies(page)).toContain(COPY);
});
