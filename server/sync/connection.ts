/**
 * One client socket on one board: enforces the limits, decodes messages and hands them to the
 * room. A read-only connection receives everything and may send awareness, but its document
 * updates are dropped here, before the room sees them.
 */
import type { RawData, WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Identity } from './auth';
import { TokenBucket, type SyncLimits } from './limits';
import { decodeMessage, ProtocolError, type ClientMessage } from './protocol';
import type { Room, RoomMember, SyncOrigin } from './room';
import { sendBinary } from './wire';

/** Close codes used by the sync server (4400–4499 tell y-websocket not to reconnect). */
export const CLOSE = {
	goingAway: 1001,
	protocolError: 1002,
	unsupportedData: 1003,
	policyViolation: 1008,
	tooBig: 1009,
	internalError: 1011,
	credentialEnded: 4401,
	accessEnded: 4403
} as const;

function toBytes(data: RawData): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class Connection implements RoomMember {
	readonly origin: SyncOrigin & { source: 'connection' } = {
		source: 'connection',
		connection: this
	};
	#readOnly: boolean;
	/** Messages received while the room loads; null once the room is ready. */
	#backlog: Uint8Array[] | null = [];
	#alive = true;
	#closing = false;
	/** When this socket last sent a document edit (epoch ms; counts as use of its session). */
	editedAt = 0;
	readonly #messages: TokenBucket;
	readonly #updateBytes: TokenBucket;

	constructor(
		readonly ws: WebSocket,
		readonly room: Room,
		public identity: Identity,
		readonly caseId: string,
		readOnly: boolean,
		private readonly limits: SyncLimits,
		private readonly onClose: (connection: Connection) => void
	) {
		this.#readOnly = readOnly;
		this.#messages = new TokenBucket(limits.messagesPerSecond, limits.messageBurst);
		this.#updateBytes = new TokenBucket(limits.updateBytesPerSecond, limits.updateBytesBurst);
		ws.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
		ws.on('pong', () => (this.#alive = true));
		// ws reports oversized frames and protocol errors here and closes the socket itself (1009/1002).
		ws.on('error', () => {});
		ws.on('close', () => {
			this.#closing = true;
			this.room.remove(this);
			this.onClose(this);
		});
		room.add(this);
	}

	get boardId(): string {
		return this.room.boardId;
	}
	get readOnly(): boolean {
		return this.#readOnly;
	}
	/** Read-only from now on (meeting ended, access changed) or editable again. */
	setReadOnly(readOnly: boolean): void {
		this.#readOnly = readOnly;
	}

	send(message: Uint8Array): void {
		if (this.#closing || this.ws.readyState !== this.ws.OPEN) return;
		if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
			// A client that does not read would make us buffer without bound.
			this.ws.terminate();
			return;
		}
		// Framed once for all subscribers, written with the rest of this tick (wire.ts).
		sendBinary(this.ws, message);
	}

	close(code: number, reason: string): void {
		if (this.#closing) return;
		this.#closing = true;
		this.ws.close(code, reason);
	}

	/** Keepalive: terminates a socket that did not answer the previous ping. */
	heartbeat(): void {
		if (!this.#alive) {
			this.ws.terminate();
			return;
		}
		this.#alive = false;
		if (this.ws.readyState === this.ws.OPEN) this.ws.ping();
	}

	roomReady(): void {
		for (const message of this.room.openingMessages()) this.send(message);
		const backlog = this.#backlog ?? [];
		this.#backlog = null;
		for (const bytes of backlog) {
			if (this.#closing) return;
			this.#handle(bytes);
		}
	}

	#onMessage(data: RawData, isBinary: boolean): void {
		if (this.#closing) return;
		if (!isBinary) return this.close(CLOSE.unsupportedData, 'binary messages only');
		if (!this.#messages.take()) return this.close(CLOSE.policyViolation, 'rate limit');
		const bytes = toBytes(data);
		if (this.#backlog) this.#backlog.push(bytes);
		else this.#handle(bytes);
	}

	#handle(bytes: Uint8Array): void {
		let message: ClientMessage;
		try {
			message = decodeMessage(bytes);
		} catch (error) {
			if (error instanceof ProtocolError)
				return this.close(CLOSE.protocolError, 'malformed message');
			throw error;
		}
		try {
			switch (message.type) {
				case 'sync-step1':
					Y.decodeStateVector(message.stateVector); // throws on garbage, before it is queued
					this.room.answerSyncStep1(this, message.stateVector);
					break;
				case 'sync-step2':
				case 'update':
					if (this.#readOnly) break;
					if (!this.#updateBytes.take(message.update.byteLength))
						return this.close(CLOSE.policyViolation, 'rate limit');
					this.editedAt = Date.now();
					this.room.applyUpdate(this.origin, message.update);
					break;
				case 'awareness':
					this.room.applyAwareness(this, message.update);
					break;
				case 'query-awareness':
					this.send(this.room.awarenessMessage());
					break;
				case 'auth':
					break;
			}
		} catch {
			// Yjs and the awareness decoder throw on garbage inside a well-framed message.
			this.close(CLOSE.protocolError, 'malformed message');
		}
	}
}
