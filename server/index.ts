/**
 * The production entry point: one HTTP server that serves the SvelteKit app (adapter-node
 * handler) and owns the WebSocket upgrade for `/sync/*`.
 *
 *   node build/server.js          serve (PORT, HOST, DATABASE_PATH, DATABASE_URL, ORIGIN)
 *   node build/server.js --demo   seed the demo case first (idempotent), print the demo logins
 *
 * PORT=0 picks a free port; the first line printed says which ("listening on http://…").
 *
 * DATABASE_URL=postgres://… keeps everything on PostgreSQL – the app's data (its migrations applied
 * here, before anything reads) and the boards (logs, states, seals) – so that several processes,
 * on several machines, serve one installation (docs/scaling.md); no SQLite file is opened then.
 * Without it, everything is in SQLite at DATABASE_PATH.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { attachSync } from './sync/index';
import { closeStorage, openStorage, startCluster } from './storage';
import { printDemoLogins, seedDemo } from './demo/seed';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const demo = process.argv.includes('--demo');
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const storage = await openStorage(new URL('../', import.meta.url));
const { db } = storage;
if (demo) await seedDemo(db);
// `sync` is attached below, before the cluster can ever resume.
const cluster = await startCluster(storage, () => sync.recheckAll());
const postgres = storage.postgres && cluster ? { store: storage.postgres.store, cluster } : null;

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
	const notFound = () => {
		res.statusCode = 404;
		res.end('Not found');
	};
	if (req.method === 'GET' && req.url === '/healthz' && postgres) {
		// Several processes: a stopping one tells the load balancer at once, and healthy also means
		// the board store's pool reaches PostgreSQL (the app's route asks the app's database).
		void (stopping ? Promise.resolve(false) : postgres.store.ping()).then((ok) => {
			if (ok) return handler(req, res, notFound);
			res.writeHead(503, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
			res.end('unavailable');
		});
		return;
	}
	handler(req, res, notFound);
});
const sync = attachSync(server, {
	db,
	...(postgres ? { store: postgres.store, feed: postgres.cluster } : {})
});

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
		// Stops taking sockets (503), closes them with 1001 (clients reconnect, through a load
		// balancer to another process), stores what is pending and compacts.
		await sync.close();
		await new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
		await closeStorage(storage, cluster);
		process.exit(0);
	} catch (error) {
		console.error('shutdown failed', error);
		process.exit(1);
	}
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
