/** A guest joins the live board through an invite link, without an account. */
import { expect, test } from '@playwright/test';
import { loginAs, PLANNED_MEETING_ID } from './helpers';

test('a guest with an invite link edits the board live with the facilitator', async ({
	browser,
	page
}) => {
	await loginAs(page, 'anne@demo.example');
	const res = await page.request.post(`/api/meetings/${PLANNED_MEETING_ID}/invites`, {
		data: { name: 'Tolk Amira', role: 'tolk', expiresInMinutes: 60 },
		headers: { origin: process.env.BASE_URL! }
	});
	expect(res.status()).toBe(201);
	const { url } = (await res.json()) as { url: string };

	await page.goto(`/meetings/${PLANNED_MEETING_ID}/board`);
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');

	const guestContext = await browser.newContext({ locale: 'da-DK' });
	const guest = await guestContext.newPage();
	await guest.goto(url);
	await expect(guest.getByTestId('board-page')).toHaveAttribute('data-ready', 'true');
	await expect(guest.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(guest.getByRole('link', { name: /Tilbage/ })).toHaveCount(0);

	await guest.getByRole('button', { name: 'Seddel (N)' }).click();
	const box = (await guest.getByTestId('board-canvas').boundingBox())!;
	await guest.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
	const editor = guest.getByTestId('text-editor');
	await expect(editor).toBeFocused();
	await editor.pressSequentially('Tolken er med');
	await editor.press('Escape');

	await page.getByRole('tab', { name: 'Elementer' }).click();
	await expect(
		page.getByTestId('element-list').getByRole('button', { name: /Tolken er med/ })
	).toBeVisible();
	await page.getByRole('tab', { name: 'Deltagere' }).click();
	await expect(page.getByText('Tolk Amira').first()).toBeVisible();
	await guestContext.close();
});
