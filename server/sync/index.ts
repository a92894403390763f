/**
 * The live sync endpoint `/sync/<boardId>` (y-websocket protocol, ARCHITECTURE.md §3 "Live sync"),
 * attached to an HTTP server's `upgrade` event: production server and Vite dev server alike.
 *
 * Upgrade: path → Origin check → credential (401) → access (403) → socket → room. Afterwards the
 * app's events (events.ts) close or downgrade sockets whose session, invite or access ended.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { goalsDocId, splitDocId } from '../../src/lib/board/parts';
import type { MeetingAccess } from '../../src/lib/server/access';
import { audit } from '../../src/lib/server/audit';
import { touchSessions } from '../../src/lib/server/auth/session';
import type { Db } from '../../src/lib/server/db/client';
import { subscribe, type AppEvent } from '../../src/lib/server/events';
import { setLiveBoards } from '../../src/lib/server/live';
import { SqliteBoardStore } from '../persistence/sqlite-store';
import type { BoardStore } from '../persistence/store';
import {
	authorizeCredential,
	authorizeUpgrade,
	boardIdFromUrl,
	credentialsOf,
	originAllowed,
	SYNC_PATH,
	type Identity
} from './auth';
import { CLOSE, Connection } from './connection';
import { LocalFanout, type BoardFeed, type Fanout } from './fanout';
import { limitsFromEnv, type SyncLimits } from './limits';
import { Rooms } from './rooms';

export interface SyncServer {
	/** Stops accepting, closes every socket (1001), stores what is pending and compacts. */
	close(): Promise<void>;
	/**
	 * Checks every socket's credential and access again (after app events may have been missed:
	 * another process's notifications while PostgreSQL was out of reach).
	 */
	recheckAll(): void;
	/** Loaded rooms and open connections (benchmarks, diagnostics). */
	stats(): { rooms: number; connections: number };
}

export interface SyncOptions {
	db: Db;
	/** Defaults to the SQLite store on `db`. */
	store?: BoardStore;
	/** Defaults to in-process fan-out. */
	fanout?: Fanout;
	/** Other server processes on the same boards (PostgreSQL, docs/scaling.md); none by default. */
	feed?: BoardFeed;
	limits?: Partial<SyncLimits>;
	/** The public origin (ORIGIN) also accepted in the Origin header besides the Host. */
	publicOrigin?: string;
	log?: (message: string, error?: unknown) => void;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request',
	401: 'Unauthorized',
	403: 'Forbidden',
	500: 'Internal Server Error',
	503: 'Service Unavailable'
};

function refuse(socket: Duplex, status: number): void {
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
	);
}

/** How often credentials that end without an event (session idle and absolute end, invite expiry) are checked. */
const RECHECK_INTERVAL_MS =
	Number(process.env.SYNC_RECHECK_MS) > 0 ? Number(process.env.SYNC_RECHECK_MS) : 15_000;

export function attachSync(server: Server, options: SyncOptions): SyncServer {
	const { db } = options;
	const limits = limitsFromEnv(options.limits);
	const log =
		options.log ??
		((message: string, error?: unknown) => console.error(`[sync] ${message}`, error ?? ''));
	const publicOrigin = options.publicOrigin ?? process.env.ORIGIN;
	const rooms = new Rooms({
		store: options.store ?? new SqliteBoardStore(db),
		fanout: options.fanout ?? new LocalFanout(),
		feed: options.feed,
		limits,
		log
	});
	const connections = new Set<Connection>();
	/** Cases being erased: their boards take no new sockets (case-erasure.ts). */
	const erasing = new Set<string>();
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: limits.maxPayloadBytes,
		perMessageDeflate: false
	});
	let closing = false;

	const upgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (!req.url?.startsWith(SYNC_PATH)) return; // not ours (e.g. Vite's HMR socket)
		if (closing) return refuse(socket, 503);
		socket.on('error', () => {});
		const url = new URL(req.url, 'http://localhost');
		const boardId = boardIdFromUrl(url);
		if (!boardId) return refuse(socket, 400);
		if (!originAllowed(req, publicOrigin)) return refuse(socket, 403);
		let decision;
		try {
			decision = await authorizeUpgrade(db, credentialsOf(req, url), boardId);
		} catch (error) {
			log('authorizing an upgrade failed', error);
			return refuse(socket, 500);
		}
		if (!decision.ok) return refuse(socket, decision.status);
		if (closing) return refuse(socket, 503);
		if (erasing.has(decision.access.meeting.caseId)) return refuse(socket, 403);
		const { identity, access } = decision;
		// The connection is audited before the upgrade completes: the socket's first messages must
		// find the room's handlers attached (`open` runs synchronously after the handshake).
		try {
			await auditConnect(boardId, identity, access, req);
		} catch (error) {
			log('auditing board.connect failed', error);
			return refuse(socket, 500);
		}
		wss.handleUpgrade(req, socket, head, (ws) => open(ws, boardId, identity, access));
	};

	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) =>
		void upgrade(req, socket, head);

	function auditConnect(
		boardId: string,
		identity: Identity,
		access: MeetingAccess,
		req: IncomingMessage
	): Promise<void> {
		return audit(db, {
			userId: identity.userId,
			actor: identity.actor,
			action: 'board.connect',
			caseId: access.meeting.caseId,
			targetType: 'board',
			targetId: boardId,
			ip: req.socket.remoteAddress ?? null,
			detail: {
				meetingId: access.meeting.id,
				readOnly: !access.canEditBoard,
				...(identity.inviteId ? { inviteId: identity.inviteId } : {})
			}
		});
	}

	function open(ws: WebSocket, boardId: string, identity: Identity, access: MeetingAccess) {
		if (closing) return ws.close(CLOSE.goingAway, 'server shutting down');
		if (erasing.has(access.meeting.caseId)) return ws.close(CLOSE.accessEnded, 'case erased');
		const readOnly = !access.canEditBoard;
		const room = rooms.acquire(boardId);
		connections.add(
			new Connection(ws, room, identity, access.meeting.caseId, readOnly, limits, (c) =>
				connections.delete(c)
			)
		);
	}

	/** Checks a connection's credential and access again; closes or re-flags it. */
	async function recheck(connection: Connection): Promise<void> {
		let result;
		try {
			result = await authorizeCredential(db, connection.identity.credential, connection.boardId);
		} catch (error) {
			log('rechecking a connection failed', error);
			return;
		}
		if (!result) return connection.close(CLOSE.credentialEnded, 'session or invite ended');
		if (!result.access) return connection.close(CLOSE.accessEnded, 'access ended');
		connection.identity = result.identity;
		connection.setReadOnly(!result.access.canEditBoard);
	}

	const onEvent = (event: AppEvent) => {
		if (event.type === 'case-erasing') {
			erasing.add(event.caseId);
			for (const connection of connections)
				if (connection.caseId === event.caseId) connection.close(CLOSE.accessEnded, 'case erased');
			for (const boardId of event.boardIds) {
				const room = rooms.get(boardId);
				if (room) event.wait(room.close(CLOSE.accessEnded, 'case erased'));
			}
			return;
		}
		if (event.type === 'case-erasing-ended') {
			erasing.delete(event.caseId);
			return;
		}
		// Before the connections: an ended board applies nothing more, whoever sends it.
		if (event.type === 'meeting-status') {
			rooms.get(event.boardId)?.meetingStatus(event.status);
			rooms.get(goalsDocId(event.boardId))?.meetingStatus(event.status);
		}
		if (event.type === 'consent-changed') {
			// Open boards of the case learn at once whether the placement sees the goals now.
			for (const connection of connections)
				if (connection.caseId === event.caseId && splitDocId(connection.boardId).part === 'main')
					connection.room.hint('goals', { shared: event.shared });
		}
		for (const connection of connections) {
			const { identity } = connection;
			switch (event.type) {
				case 'session-ended':
					if (identity.sessionId === event.sessionId)
						connection.close(CLOSE.credentialEnded, 'session ended');
					break;
				case 'user-sessions-ended':
					if (identity.userId === event.userId)
						connection.close(CLOSE.credentialEnded, 'session ended');
					break;
				case 'invite-revoked':
					if (identity.inviteId === event.inviteId)
						connection.close(CLOSE.credentialEnded, 'invite revoked');
					break;
				case 'meeting-status':
					// An ended meeting downgrades its board's sockets to read-only (access.ts decides).
					if (splitDocId(connection.boardId).boardId === event.boardId) void recheck(connection);
					break;
				case 'access-changed':
				case 'consent-changed':
					// A withdrawn consent closes the placement's goals sockets (4403).
					if (connection.caseId === event.caseId) void recheck(connection);
					break;
			}
		}
	};
	const unsubscribe = subscribe(onEvent);
	setLiveBoards({
		present(boardId) {
			const present = { userIds: new Set<string>(), inviteIds: new Set<string>() };
			for (const connection of connections) {
				if (connection.boardId !== boardId) continue;
				if (connection.identity.userId) present.userIds.add(connection.identity.userId);
				if (connection.identity.inviteId) present.inviteIds.add(connection.identity.inviteId);
			}
			return present;
		},
		read: (docId, read) => (closing ? Promise.resolve(null) : rooms.read(docId, read))
	});

	const heartbeat = setInterval(() => {
		for (const connection of connections) connection.heartbeat();
	}, limits.pingIntervalMs);
	heartbeat.unref();
	// Sessions time out and invites expire without an event. Editing on the board is use of the
	// session: a socket that sent edits since the last round slides its session's idle time.
	let lastRound = Date.now();
	const expireRound = async () => {
		const now = Date.now();
		const edited = [...connections].filter((c) => c.identity.sessionId && c.editedAt >= lastRound);
		let ends = new Map<string, Date | null>();
		try {
			ends = await touchSessions(
				db,
				edited.map((c) => c.identity.sessionId!),
				new Date(now)
			);
		} catch (error) {
			log('touching sessions failed', error);
		}
		for (const connection of edited) {
			const end = ends.get(connection.identity.sessionId!);
			if (end) connection.identity = { ...connection.identity, recheckAt: end };
		}
		for (const connection of connections)
			if (connection.identity.recheckAt.getTime() <= now) await recheck(connection);
		lastRound = now;
	};
	const expiry = setInterval(() => void expireRound(), RECHECK_INTERVAL_MS);
	expiry.unref();

	server.on('upgrade', onUpgrade);

	return {
		async close() {
			if (closing) return;
			closing = true;
			server.off('upgrade', onUpgrade);
			unsubscribe();
			setLiveBoards(null);
			clearInterval(heartbeat);
			clearInterval(expiry);
			await rooms.closeAll();
			for (const connection of connections) connection.ws.terminate();
			wss.close();
		},
		recheckAll() {
			for (const connection of connections) void recheck(connection);
		},
		stats() {
			return { rooms: rooms.size, connections: connections.size };
		}
	};
}
