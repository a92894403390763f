/**
 * Global setup of the integration project: with `TEST_POSTGRES=1`, one throwaway PostgreSQL for
 * the whole run (the suites' servers get a database each, tests/helpers/postgres.ts), stopped
 * and deleted when the run ends. Without it, nothing.
 */
import type { TestProject } from 'vitest/node';
import { startPostgres, suiteUsesPostgres } from './postgres';

declare module 'vitest' {
	export interface ProvidedContext {
		suitePostgresUrl: string;
	}
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
	if (!suiteUsesPostgres()) return;
	const server = await startPostgres();
	project.provide('suitePostgresUrl', server.url);
	return () => server.stop();
}
