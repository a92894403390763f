/**
 * Opening what the server keeps, for the production entry (server/index.ts) and the dev server
 * (vite.config.ts): with `DATABASE_URL` everything on PostgreSQL – the app's data (its migrations
 * applied before anything reads) and the boards, tailed across processes (docs/scaling.md) – and
 * no SQLite file; without it, everything in SQLite at `DATABASE_PATH`.
 *
 * Order: `openStorage` (the app database installed as the process's, the board store shared with
 * the web app), then whatever seeds (the demo: its boards go into the board store in use), then
 * `startCluster`, which seals the boards of ended meetings and starts tailing.
 */
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import {
	closeDb,
	databasePath,
	migrateDatabase,
	openDatabase,
	openPostgresDb,
	postgresUrl,
	setDb,
	type Db
} from '../src/lib/server/db/client';
import { migrateAppPg } from '../src/lib/server/db/pg-migrate';
import { meetings } from '../src/lib/server/db/tables';
import { PgBoardStore } from './persistence/pg-store';
import { setSharedBoardStore } from './persistence/shared';
import { PgCluster } from './sync/pg-cluster';

export interface Storage {
	db: Db;
	/** The PostgreSQL board store and its URL (`DATABASE_URL`); null on SQLite. */
	postgres: { url: string; store: PgBoardStore } | null;
}

/**
 * Opens and migrates the app's database of the dialect in use and installs it (`setDb`); with
 * PostgreSQL also opens the board store and shares it with the web app. `root` holds the
 * migrations (`drizzle/`, `drizzle-pg/`).
 */
export async function openStorage(root: URL): Promise<Storage> {
	const url = process.env.DATABASE_URL ? postgresUrl(process.env.DATABASE_URL) : null;
	if (!url) {
		const db = openDatabase(databasePath());
		migrateDatabase(db, fileURLToPath(new URL('drizzle', root)));
		setDb(db);
		return { db, postgres: null };
	}
	await migrateAppPg(url, fileURLToPath(new URL('drizzle-pg', root)));
	const db = openPostgresDb(url);
	setDb(db);
	const store = await PgBoardStore.open(url);
	setSharedBoardStore(store);
	return { db, postgres: { url, store } };
}

/**
 * PostgreSQL: seals the boards of ended meetings that have no seal yet (the demo seed writes an
 * ended meeting directly) and starts tailing the boards. Null on SQLite.
 */
export async function startCluster(
	storage: Storage,
	onResume: () => void
): Promise<PgCluster | null> {
	if (!storage.postgres) return null;
	const { url, store } = storage.postgres;
	const ended = await storage.db
		.select({ boardId: meetings.boardId })
		.from(meetings)
		.where(eq(meetings.status, 'ended'));
	await store.importSeals(ended.map((m) => m.boardId));
	const cluster = new PgCluster(store, url, { onResume });
	await cluster.start();
	return cluster;
}

/** Closes the cluster, the board store and the app's database (shutdown). */
export async function closeStorage(storage: Storage, cluster: PgCluster | null): Promise<void> {
	if (storage.postgres) {
		setSharedBoardStore(null);
		await cluster?.close();
		await storage.postgres.store.close();
	}
	await closeDb();
}
