/**
 * The live sync endpoint `/sync/<boardId>` (y-websocket protocol). Until the sync server lands,
 * every upgrade is refused with 401.
 */
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import type { Db } from '../../src/lib/server/db/client';

export interface SyncServer {
	/** Closes every socket and flushes what is pending to the database. */
	close(): Promise<void>;
}

export interface SyncOptions {
	db: Db;
}

function refuse(socket: Duplex, status: number, text: string): void {
	socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export function attachSync(server: Server, _options: SyncOptions): SyncServer {
	const onUpgrade = (req: IncomingMessage, socket: Duplex) => {
		const url = req.url ?? '';
		if (!url.startsWith('/sync/')) return;
		refuse(socket, 401, 'Unauthorized');
	};
	server.on('upgrade', onUpgrade);
	return {
		async close() {
			server.off('upgrade', onUpgrade);
		}
	};
}
