import { defineConfig, devices } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = {
	executablePath,
	args: [
		'--no-sandbox',
		'--disable-gpu',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--disable-quic',
		'--no-first-run'
	]
};

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser). The global setup starts
 * the built server on a free port with a fresh, demo-seeded database and exports BASE_URL.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	globalSetup: './tests/e2e/global-setup.ts',
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		launchOptions,
		trace: 'off',
		screenshot: 'only-on-failure',
		locale: 'da-DK'
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
		{ name: 'phone', grep: /@phone/, use: { ...devices['Pixel 7'], launchOptions } }
	]
});
