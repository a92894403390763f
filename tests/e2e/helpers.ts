import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'moedetavle-demo';
export const DEMO_CASE_ID = 'demo-case-sara-mikkel';
export const PLANNED_MEETING_ID = 'demo-meeting-netvaerk';
export const ENDED_MEETING_ID = 'demo-meeting-opstart';

/** Logs in through the login page as a demo user and waits for the case list. */
export async function loginAs(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('E-mail').fill(email);
	await page.getByLabel('Adgangskode').fill(password);
	await page.getByRole('button', { name: 'Log ind' }).click();
	await expect(page).toHaveURL(/\/cases$/);
}
