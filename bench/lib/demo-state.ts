/**
 * The demo board as one Yjs update, for the peers of the sync benchmark: `node demo-state.js
 * <tmpDir> <outFile>` seeds the demo into a fresh database and writes the demo board's state, so
 * that Hocuspocus and the reference serve the same document our server starts from.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { migrateDatabase, openDatabase } from '../../src/lib/server/db/client';
import { seedDemo } from '../../server/demo/seed';
import { readBoardState } from '../../server/persistence/sqlite-store';

const [dir, out] = process.argv.slice(2);
if (!dir || !out) throw new Error('usage: demo-state.js <tmpDir> <outFile>');
const db = openDatabase(join(dir, 'demo-state.db'));
migrateDatabase(db, resolve('drizzle'));
await seedDemo(db);
writeFileSync(out, readBoardState(db, 'demo-board-netvaerk'));
db.$client.close();
process.exit(0);
