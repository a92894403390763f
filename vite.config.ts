import { sveltekit } from '@sveltejs/kit/vite';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Attaches the live sync server to Vite's dev server, so `npm run dev` is fully live. */
function devSync(): Plugin {
	return {
		name: 'moedetavle-dev-sync',
		apply: 'serve',
		async configureServer(server) {
			if (!server.httpServer) return;
			// What `node build/server.js` opens: SQLite, or everything on PostgreSQL with
			// DATABASE_URL (server/storage.ts).
			const { openStorage, startCluster } = await import('./server/storage');
			const { attachSync } = await import('./server/sync/index');
			const storage = await openStorage(pathToFileURL(resolve('.') + '/'));
			const cluster = await startCluster(storage, () => sync.recheckAll());
			const sync = attachSync(server.httpServer as import('node:http').Server, {
				db: storage.db,
				...(storage.postgres && cluster ? { store: storage.postgres.store, feed: cluster } : {})
			});
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
