/**
 * Writing server messages to the sockets cheaply. A CPU profile of the one-board load showed the
 * socket writes as more than half of the server's time: `ws` frames every `send` anew (a header
 * buffer, a Buffer view, cork, two writes, uncork: one `writev` per message and subscriber).
 *
 * Here a message published to a board's subscribers is framed once (header and payload in one
 * buffer, cached per message object), and each socket is corked on its first write of a tick and
 * uncorked on the next tick, so that everything one flush forwards to a subscriber leaves in one
 * `writev`. Server-to-client frames are never masked, so the frame is the same for every socket.
 *
 * The frame goes straight to the underlying socket. That is safe only while `ws`'s sender has
 * nothing queued (it queues while compressing or reading a Blob; this server does neither:
 * `perMessageDeflate: false`, binary buffers only): otherwise, and whenever the socket is not
 * reachable, the message goes through `ws.send`, which keeps the order.
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';

const frames = new WeakMap<Uint8Array, Buffer>();

/** The unmasked, final, binary WebSocket frame of `message` (RFC 6455 §5.2). */
export function binaryFrame(message: Uint8Array): Buffer {
	const length = message.byteLength;
	const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(header + length);
	frame[0] = 0x82; // FIN + opcode 2 (binary)
	if (header === 2) frame[1] = length;
	else if (header === 4) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
		frame.writeUInt32BE(length >>> 0, 6);
	}
	frame.set(message, header);
	return frame;
}

function frameOf(message: Uint8Array): Buffer {
	let frame = frames.get(message);
	if (!frame) {
		frame = binaryFrame(message);
		frames.set(message, frame);
	}
	return frame;
}

/** What of `ws`'s internals the fast path reads; absent or different means: use `ws.send`. */
interface WsInternals {
	_socket?: Socket | null;
	_sender?: { _state?: number; _queue?: unknown[] } | null;
}

const corked = new Set<Socket>();
let uncorkScheduled = false;
function uncorkAll(): void {
	uncorkScheduled = false;
	for (const socket of corked) socket.uncork();
	corked.clear();
}

/**
 * Sends `message` as one binary frame on `ws` (OPEN). Messages sent during the same tick to the
 * same socket are written together when the tick ends.
 */
export function sendBinary(ws: WebSocket, message: Uint8Array): void {
	const { _socket: socket, _sender: sender } = ws as unknown as WsInternals;
	if (
		!socket ||
		socket.destroyed ||
		!sender ||
		sender._state !== 0 ||
		!Array.isArray(sender._queue) ||
		sender._queue.length > 0
	) {
		ws.send(message);
		return;
	}
	if (!corked.has(socket)) {
		socket.cork();
		corked.add(socket);
		if (!uncorkScheduled) {
			uncorkScheduled = true;
			process.nextTick(uncorkAll);
		}
	}
	socket.write(frameOf(message));
}
