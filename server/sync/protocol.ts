/**
 * The y-websocket wire protocol, in one place: message types, decoding what a client sends and
 * encoding what the server sends. Decoding throws `ProtocolError` on anything malformed; the
 * caller closes that socket (1002) and nothing else happens.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export type ClientMessage =
	| { type: 'sync-step1'; stateVector: Uint8Array }
	| { type: 'sync-step2'; update: Uint8Array }
	| { type: 'update'; update: Uint8Array }
	| { type: 'awareness'; update: Uint8Array }
	| { type: 'query-awareness' }
	/** Clients never send auth messages; tolerated and ignored. */
	| { type: 'auth' };

export class ProtocolError extends Error {}

/** Decodes one message from a client. Throws ProtocolError if it is not a y-websocket message. */
export function decodeMessage(data: Uint8Array): ClientMessage {
	try {
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC: {
				const syncType = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				if (syncType === syncProtocol.messageYjsSyncStep1)
					return { type: 'sync-step1', stateVector: payload };
				if (syncType === syncProtocol.messageYjsSyncStep2)
					return { type: 'sync-step2', update: payload };
				if (syncType === syncProtocol.messageYjsUpdate) return { type: 'update', update: payload };
				throw new ProtocolError(`unknown sync message ${syncType}`);
			}
			case MESSAGE_AWARENESS:
				return { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
			case MESSAGE_QUERY_AWARENESS:
				return { type: 'query-awareness' };
			case MESSAGE_AUTH:
				return { type: 'auth' };
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
	} catch (error) {
		// lib0 throws plain Errors ("Unexpected end of array", "Integer out of Range").
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(error instanceof Error ? error.message : String(error));
	}
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_SYNC);
	write(encoder);
	return encoding.toUint8Array(encoder);
}

/** Sync step 1: the server's state vector, asking the client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	return syncMessage((e) => syncProtocol.writeSyncStep1(e, doc));
}

/** Sync step 2: everything in `doc` that a peer with `stateVector` lacks. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	return syncMessage((e) => syncProtocol.writeSyncStep2(e, doc, stateVector));
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
	return syncMessage((e) => syncProtocol.writeUpdate(e, update));
}

export function encodeAwareness(
	awareness: awarenessProtocol.Awareness,
	clients: number[]
): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}
