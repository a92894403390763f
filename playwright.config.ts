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

const port = Number(process.env.E2E_PORT ?? 4317);
export const BASE_URL = `http://127.0.0.1:${port}`;
// Specs that open their own browser contexts read it from here.
process.env.BASE_URL = BASE_URL;

/**
 * End-to-end tests in Debian's Chromium (never a downloaded browser) against the built server,
 * started here with a fresh, demo-seeded database (run `npm run build` first; `npm test` does).
 */
export default defineConfig({
	testDir: 'tests/e2e',
	workers: 2,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: BASE_URL,
		launchOptions,
		trace: 'off',
		screenshot: 'only-on-failure',
		locale: 'da-DK'
	},
	webServer: {
		command: 'rm -rf tests/.tmp/e2e && node build/server.js --demo',
		url: `${BASE_URL}/login`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { PORT: String(port), HOST: '127.0.0.1', DATABASE_PATH: 'tests/.tmp/e2e/moedetavle.db' }
	},
	projects: [
		{ name: 'desktop', use: { ...devices['Desktop Chrome'], launchOptions } },
		{ name: 'phone', grep: /@phone/, use: { ...devices['Pixel 7'], launchOptions } }
	]
});
