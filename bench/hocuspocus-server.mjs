// The Hocuspocus peer of the sync benchmark: @hocuspocus/server with its SQLite extension, as its
// documentation sets it up (defaults: the document is stored debounced, 2 s after the last change
// and at most 10 s after the first), on the database file $DATABASE_PATH. No auth. Its clients are
// its own provider (or the minimal client of bench/lib/minimal.ts in its framing). Prints
// "listening on http://127.0.0.1:<port>" like the other servers. Benchmark only: nothing of
// Hocuspocus is part of the product.
import { SQLite, schema, upsertQuery } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';

// The same starting document as our server's (BENCH_INITIAL_DOC/_STATE, set by bench/run.js),
// stored the way the extension stores documents, unless the database already has it (a restart).
const database = process.env.DATABASE_PATH ?? ':memory:';
const { BENCH_INITIAL_DOC: initialDoc, BENCH_INITIAL_STATE: initialState } = process.env;
if (initialDoc && initialState && database !== ':memory:') {
	const db = new Database(database);
	db.exec(schema);
	const has = db.prepare('SELECT 1 FROM "documents" WHERE name = ?').get(initialDoc);
	if (!has) db.prepare(upsertQuery).run({ name: initialDoc, data: readFileSync(initialState) });
	db.close();
}

const server = new Server({
	port: Number(process.env.PORT || 0),
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database })]
});
await server.listen();
console.log(`listening on http://127.0.0.1:${server.address.port}`);
