import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { binaryFrame, sendBinary } from './wire';

let http: Server | null = null;
afterEach(() => {
	http?.close();
	http = null;
});

/** `n` pairs of a ws server socket and a client socket connected to it over loopback. */
async function pairs(n: number): Promise<{ server: WebSocket; client: WebSocket }[]> {
	http = createServer();
	const wss = new WebSocketServer({ server: http, perMessageDeflate: false });
	await new Promise<void>((r) => http!.listen(0, '127.0.0.1', r));
	const out = [];
	for (let i = 0; i < n; i++) {
		const serverSide = new Promise<WebSocket>((r) => wss.once('connection', r));
		const client = new WebSocket(`ws://127.0.0.1:${(http.address() as AddressInfo).port}`);
		await new Promise((r) => client.on('open', r));
		out.push({ server: await serverSide, client });
	}
	return out;
}

function bytes(length: number, seed: number): Uint8Array {
	const out = new Uint8Array(length);
	for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
	return out;
}

it('frames like ws does: header sizes at the 125/126 and 65535/65536 boundaries', () => {
	for (const length of [0, 1, 125, 126, 127, 65_535, 65_536, 70_000]) {
		const frame = binaryFrame(bytes(length, 1));
		const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
		expect(frame.byteLength).toBe(header + length);
		expect(frame[0]).toBe(0x82);
		const declared =
			header === 2 ? frame[1] : header === 4 ? frame.readUInt16BE(2) : frame.readUInt32BE(6);
		expect(declared).toBe(length);
	}
});

it('delivers every message intact and in order, mixed with ws’s own sends and pings', async () => {
	const [a] = (await pairs(1)) as [{ server: WebSocket; client: WebSocket }];
	const received: Uint8Array[] = [];
	const sizes = [0, 1, 125, 126, 4000, 65_535, 65_536, 200_000, 3];
	const expected: Uint8Array[] = [];
	const done = new Promise<void>((resolve) =>
		a.client.on('message', (data: Buffer) => {
			received.push(new Uint8Array(data));
			if (received.length === sizes.length * 2) resolve();
		})
	);
	sizes.forEach((size, i) => {
		const message = bytes(size, i);
		const other = bytes(size + 1, i + 100);
		sendBinary(a.server, message);
		if (i % 3 === 0) a.server.ping();
		a.server.send(other);
		expected.push(message, other);
	});
	await done;
	// As base64: comparing large typed arrays element by element is slow in the matcher.
	const b64 = (xs: Uint8Array[]) => xs.map((x) => Buffer.from(x).toString('base64'));
	expect(b64(received)).toEqual(b64(expected));
	a.client.close();
});

it('sends one message object to several sockets, each getting it whole', async () => {
	const all = await pairs(3);
	const message = bytes(300, 7);
	const got = all.map(
		({ client }) =>
			new Promise<Uint8Array>((r) => client.once('message', (d: Buffer) => r(new Uint8Array(d))))
	);
	for (const { server } of all) sendBinary(server, message);
	expect(await Promise.all(got)).toEqual([message, message, message]);
	for (const { client } of all) client.close();
});
