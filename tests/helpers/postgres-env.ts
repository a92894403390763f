/**
 * Setup of each integration test file: with `TEST_POSTGRES=1` the servers keep the app's data on
 * PostgreSQL, so the test process's own view of it must be PostgreSQL's too. tables.ts chooses
 * its tables when it loads, from `DATABASE_URL`: set here, before the test file imports anything.
 * The URL is the run's cluster; each server gets its own database (tests/helpers/server.ts
 * overrides it), and `withAppDb` opens the database of the server it is given.
 */
import { inject } from 'vitest';
import { suiteUsesPostgres } from './postgres';

if (suiteUsesPostgres()) process.env.DATABASE_URL = inject('suitePostgresUrl');
