// The Hocuspocus peer of the sync benchmark: @hocuspocus/server with its SQLite extension, as its
// documentation sets it up (defaults: the document is stored debounced, 2 s after the last change
// and at most 10 s after the first), on the database file $DATABASE_PATH. No auth. Its clients are
// its own provider (or the minimal client of bench/lib/minimal.ts in its framing). Prints
// "listening on http://127.0.0.1:<port>" like the other servers. Benchmark only: nothing of
// Hocuspocus is part of the product.
import { SQLite } from '@hocuspocus/extension-sqlite';
import { Server } from '@hocuspocus/server';

const server = new Server({
	port: Number(process.env.PORT || 0),
	address: '127.0.0.1',
	quiet: true,
	extensions: [new SQLite({ database: process.env.DATABASE_PATH ?? ':memory:' })]
});
await server.listen();
console.log(`listening on http://127.0.0.1:${server.address.port}`);
