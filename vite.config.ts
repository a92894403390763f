import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Attaches the live sync server to Vite's dev server, so `npm run dev` is fully live. */
function devSync(): Plugin {
	return {
		name: 'moedetavle-dev-sync',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			if (process.env.DATABASE_URL)
				console.warn('DATABASE_URL is not used by the dev server: boards stay in SQLite here');
			const { databasePath, migrateDatabase, openDatabase, setDb } =
				await import('./src/lib/server/db/client');
			const { attachSync } = await import('./server/sync/index');
			const db = openDatabase(databasePath());
			migrateDatabase(db, resolve('drizzle'));
			setDb(db);
			attachSync(server.httpServer as import('node:http').Server, { db });
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), devSync()],
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
					environment: 'node',
					maxWorkers: 2
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					// TEST_POSTGRES=1: one throwaway PostgreSQL for the run (else a no-op).
					globalSetup: ['tests/helpers/postgres-global.ts'],
					// …and the test process's tables of the app data on PostgreSQL then.
					setupFiles: ['tests/helpers/postgres-env.ts'],
					environment: 'node',
					maxWorkers: 2,
					testTimeout: 60_000,
					hookTimeout: 60_000
				}
			}
		]
	}
});
