/**
 * The production entry point: one HTTP server that serves the SvelteKit app (adapter-node
 * handler) and owns the WebSocket upgrade for `/sync/*`.
 *
 *   node build/server.js          serve (PORT, HOST, DATABASE_PATH, ORIGIN)
 *   node build/server.js --demo   seed the demo case first (idempotent), print the demo logins
 *
 * PORT=0 picks a free port; the first line printed says which ("listening on http://…").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
	closeDb,
	databasePath,
	migrateDatabase,
	openDatabase,
	setDb
} from '../src/lib/server/db/client';
import { attachSync } from './sync/index';
import { printDemoLogins, seedDemo } from './demo/seed';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const demo = process.argv.includes('--demo');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const db = openDatabase(databasePath());
migrateDatabase(db, fileURLToPath(new URL('../drizzle', import.meta.url)));
setDb(db);
if (demo) await seedDemo(db);

// Without ORIGIN, the app's origin is the one the request was made to (http://localhost:PORT when
// browsed there, the LAN address on a meeting-room screen). adapter-node would assume https, so
// the protocol is passed in a header that this server always overwrites.
const PROTOCOL_HEADER = 'x-moedetavle-protocol';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

// Imported after the database is set so that the app's first request finds it.
const handlerUrl = new URL('./handler.js', import.meta.url).href;
const { handler } = (await import(handlerUrl)) as { handler: Handler };

const server = createServer((req, res) => {
	req.headers[PROTOCOL_HEADER] =
		'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
	handler(req, res, () => {
		res.statusCode = 404;
		res.end('Not found');
	});
});
const sync = attachSync(server, { db });

server.listen(port, host, () => {
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	const shownHost = host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
	console.log(`listening on http://${shownHost}:${actualPort}`);
	if (demo) printDemoLogins(`http://${shownHost}:${actualPort}`);
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.log(`${signal}: shutting down`);
	const force = setTimeout(() => process.exit(1), 10_000);
	force.unref();
	try {
		await sync.close();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
		closeDb();
		process.exit(0);
	} catch (error) {
		console.error('shutdown failed', error);
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
