/**
 * A bounded, seeded fuzz of the sync endpoint (issue 12): raw sockets with valid sessions send
 * random bytes, truncated varints, unknown message types, and real sync, update and awareness
 * messages with their payloads mutated, while two honest stock clients keep editing. The server
 * stays up, its memory stays bounded, and the honest clients converge with each other and with
 * the stored board.
 */
import { readFileSync } from 'node:fs';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { canonicalBoard, createRandomEditor } from '../../src/lib/board/random-edits';
import { startServer, type TestServer } from '../helpers/server';
import {
	connectClient,
	DEMO_BOARD,
	rawSocket,
	sessionCookie,
	shutDown,
	storedBoard,
	waitConverged,
	waitFor,
	waitSynced,
	type RawSocket,
	type TestClient
} from '../helpers/yclients';

let server: TestServer;
const clients: TestClient[] = [];
const ROUNDS = 40;
const PER_ROUND = 12;

beforeAll(async () => {
	server = await startServer({ demo: true });
});
afterAll(() => shutDown(server, clients));

function rssBytes(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function frame(type: number, write: (e: encoding.Encoder) => void): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, type);
	write(e);
	return encoding.toUint8Array(e);
}

/** One hostile message: random, truncated, unknown, or a real message with its payload mutated. */
function hostileMessage(gen: prng.PRNG, samples: Uint8Array[]): Uint8Array {
	const mutate = (bytes: Uint8Array) => {
		const out = new Uint8Array(bytes);
		for (let i = 0, n = prng.int32(gen, 1, 8); i < n && out.length > 0; i++)
			out[prng.int32(gen, 0, out.length - 1)] = prng.int32(gen, 0, 255);
		return out;
	};
	const sample = () => samples[prng.int32(gen, 0, samples.length - 1)] ?? new Uint8Array([0, 2, 0]);
	switch (prng.int32(gen, 0, 8)) {
		case 0:
			return prng.uint8Array(gen, prng.int32(gen, 1, 200));
		case 1: // a varint that never ends
			return new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0xff]);
		case 2: // unknown top-level and sync types
			return frame(prng.int32(gen, 4, 1000), (e) => encoding.writeVarUint(e, 1));
		case 3:
			return frame(0, (e) => encoding.writeVarUint(e, prng.int32(gen, 3, 50)));
		case 4: // sync step 1 with a garbage state vector
			return frame(0, (e) => {
				encoding.writeVarUint(e, 0);
				encoding.writeVarUint8Array(e, prng.uint8Array(gen, prng.int32(gen, 1, 40)));
			});
		case 5: // an update with a mutated real payload
			return frame(0, (e) => {
				encoding.writeVarUint(e, 2);
				encoding.writeVarUint8Array(e, mutate(sample()));
			});
		case 6: // awareness garbage
			return frame(1, (e) => encoding.writeVarUint8Array(e, prng.uint8Array(gen, 30)));
		case 7: // a real update truncated
			return frame(0, (e) => {
				encoding.writeVarUint(e, 2);
				const s = sample();
				encoding.writeVarUint8Array(e, s.slice(0, Math.max(1, Math.floor(s.length / 2))));
			});
		default: // an honest message sent as is
			return frame(0, (e) => {
				encoding.writeVarUint(e, 2);
				encoding.writeVarUint8Array(e, sample());
			});
	}
}

describe('sync fuzz', () => {
	it('hostile messages change nothing for honest clients; the server stays up and bounded', async () => {
		const cookie = sessionCookie(server.dbPath, 'demo-jonas');
		const honest = [0, 1].map(() => {
			const c = connectClient(server.url, DEMO_BOARD, {
				cookie: sessionCookie(server.dbPath, 'demo-anne')
			});
			clients.push(c);
			return c;
		});
		await Promise.all(honest.map(waitSynced));
		const samples: Uint8Array[] = [];
		for (const c of honest) c.doc.on('update', (u: Uint8Array) => samples.push(u));
		const editors = honest.map((c, i) => createRandomEditor(c.doc, 900 + i));
		const gen = prng.create(4242);
		const rssBefore = rssBytes(server.pid);
		let sockets: RawSocket[] = await Promise.all(
			[0, 1, 2].map(() => rawSocket(server.url, DEMO_BOARD, cookie))
		);
		let sent = 0;
		for (let round = 0; round < ROUNDS; round++) {
			for (const editor of editors) editor.edits(3);
			sockets = await Promise.all(
				sockets.map(async (s) =>
					s.ws.readyState === s.ws.OPEN ? s : rawSocket(server.url, DEMO_BOARD, cookie)
				)
			);
			for (let i = 0; i < PER_ROUND; i++) {
				const s = sockets[i % sockets.length]!;
				if (s.ws.readyState !== s.ws.OPEN) continue;
				s.ws.send(hostileMessage(gen, samples));
				sent++;
			}
			await new Promise((r) => setTimeout(r, 20));
		}
		for (const s of sockets) s.ws.terminate();
		expect(sent).toBeGreaterThan(ROUNDS * 4);

		await waitConverged(honest.map((c) => c.doc));
		expect(canonicalBoard(honest[0]!.doc)).toBe(canonicalBoard(honest[1]!.doc));
		// What the honest clients hold is what is stored.
		const stored = storedBoard(server.dbPath, DEMO_BOARD);
		const merged = new Y.Doc();
		Y.applyUpdate(merged, Y.encodeStateAsUpdate(stored));
		Y.applyUpdate(merged, Y.encodeStateAsUpdate(honest[0]!.doc));
		expect(canonicalBoard(merged)).toBe(canonicalBoard(honest[0]!.doc));
		// A newcomer loads the same board.
		const late = connectClient(server.url, DEMO_BOARD, { cookie });
		clients.push(late);
		await waitSynced(late);
		await waitFor(
			() => canonicalBoard(late.doc) === canonicalBoard(honest[0]!.doc),
			'the newcomer to load the same board'
		);
		// Still up, and not eating memory.
		expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
		expect(rssBytes(server.pid) - rssBefore).toBeLessThan(200 * 1024 * 1024);
	});
});
