import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { applyReceived, batchReceivedUpdates } from './batched-apply';

const providers: WebsocketProvider[] = [];
afterEach(() => {
	for (const p of providers.splice(0)) p.destroy();
	vi.restoreAllMocks();
});

/** A provider that never connects: its handlers are called directly, as y-websocket would. */
function provider(): WebsocketProvider {
	const p = new WebsocketProvider('ws://127.0.0.1:9/sync', 'b', new Y.Doc(), {
		connect: false,
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	providers.push(p);
	return p;
}

/** Hands a sync message to the provider's handler; returns what it would answer. */
function receive(p: WebsocketProvider, write: (e: encoding.Encoder) => void): Uint8Array {
	const message = encoding.createEncoder();
	write(message);
	const decoder = decoding.createDecoder(encoding.toUint8Array(message));
	const answer = encoding.createEncoder();
	p.messageHandlers[0]!(answer, decoder, p, true, 0);
	return encoding.toUint8Array(answer);
}

/** `count` single edits of another client, each its own update. */
function remoteEdits(count: number): Uint8Array[] {
	const other = new Y.Doc();
	const updates: Uint8Array[] = [];
	other.on('update', (u: Uint8Array) => updates.push(u));
	for (let i = 0; i < count; i++) other.getMap('elements').set(`e${i}`, i);
	return updates;
}

const nextTask = () => new Promise((r) => setTimeout(r, 5));

describe('batchReceivedUpdates', () => {
	it('applies the updates received before the batch runs in one transaction', async () => {
		const p = provider();
		batchReceivedUpdates(p);
		const transactions: unknown[] = [];
		p.doc.on('afterTransaction', (t: Y.Transaction) => transactions.push(t.origin));
		for (const update of remoteEdits(20)) {
			const answer = receive(p, (e) => syncProtocol.writeUpdate(e, update));
			expect(answer.length).toBe(0); // nothing to send back for an update
		}
		expect(p.doc.getMap('elements').size).toBe(0); // not yet: the batch is a task of its own
		await nextTask();
		expect(p.doc.getMap('elements').size).toBe(20);
		expect(transactions).toEqual([p]);
	});

	it('applies what is batched before a sync step, so the protocol keeps its order', () => {
		const p = provider();
		batchReceivedUpdates(p);
		const [first] = remoteEdits(1);
		receive(p, (e) => syncProtocol.writeUpdate(e, first!));
		// The server's step 1: the answer (step 2) must already hold the batched update.
		const answer = receive(p, (e) => syncProtocol.writeSyncStep1(e, new Y.Doc()));
		expect(p.doc.getMap('elements').get('e0')).toBe(0);
		const decoder = decoding.createDecoder(answer);
		expect(decoding.readVarUint(decoder)).toBe(0); // messageSync
		expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2);
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, decoding.readVarUint8Array(decoder));
		expect(fresh.getMap('elements').get('e0')).toBe(0);
	});

	it('applies the good updates of a batch that holds a broken one, and reports it', async () => {
		const p = provider();
		batchReceivedUpdates(p);
		const error = vi.spyOn(console, 'error').mockImplementation(() => {});
		const [a, b] = remoteEdits(2);
		receive(p, (e) => syncProtocol.writeUpdate(e, a!));
		receive(p, (e) => syncProtocol.writeUpdate(e, Uint8Array.of(1, 200, 7)));
		receive(p, (e) => syncProtocol.writeUpdate(e, b!));
		await nextTask();
		expect(p.doc.getMap('elements').toJSON()).toEqual({ e0: 0, e1: 1 });
		expect(error).toHaveBeenCalledTimes(1);
	});

	it('stops batching when undone, applying what is still held', () => {
		const p = provider();
		const undo = batchReceivedUpdates(p);
		const [first, second] = remoteEdits(2);
		receive(p, (e) => syncProtocol.writeUpdate(e, first!));
		undo();
		expect(p.doc.getMap('elements').get('e0')).toBe(0);
		receive(p, (e) => syncProtocol.writeUpdate(e, second!));
		expect(p.doc.getMap('elements').get('e1')).toBe(1); // y-websocket's own handler: at once
	});
});

/** Everything `doc`'s `update` listeners were given. */
function listen(doc: Y.Doc): { update: Uint8Array; origin: unknown }[] {
	const got: { update: Uint8Array; origin: unknown }[] = [];
	doc.on('update', (update: Uint8Array, origin: unknown) => got.push({ update, origin }));
	return got;
}

describe('applyReceived', () => {
	const board = () => {
		const source = new Y.Doc();
		source.getMap('elements').set('a', 1);
		source.getText('t').insert(0, 'hej');
		return { source, update: Y.encodeStateAsUpdate(source) };
	};

	it('gives the update listeners the received bytes, not a new encoding of them', () => {
		const { source, update } = board();
		const doc = new Y.Doc();
		const got = listen(doc);
		const encode = vi.spyOn(Y.UpdateEncoderV1.prototype, 'toUint8Array');
		applyReceived(doc, update, 'server');
		expect(encode).not.toHaveBeenCalled();
		expect(got).toHaveLength(1);
		expect(got[0]!.update).toBe(update);
		expect(got[0]!.origin).toBe('server');
		expect(doc.getMap('elements').get('a')).toBe(1);
		// What a listener stored (the offline copy) rebuilds the same document.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, got[0]!.update);
		expect(Y.encodeStateVector(copy)).toEqual(Y.encodeStateVector(source));
		expect(copy.getText('t').toString()).toBe('hej');
	});

	it('calls no listener for an update that brings nothing new, as Yjs does not', () => {
		const { update } = board();
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		const got = listen(doc);
		applyReceived(doc, update, 'server');
		expect(got).toHaveLength(0);
	});

	it('lets a transaction an observer starts during the apply reach the listeners', () => {
		const { update } = board();
		const doc = new Y.Doc();
		const got = listen(doc);
		const elements = doc.getMap('elements');
		elements.observe((_event, tr) => {
			if (tr.origin === 'server') doc.transact(() => elements.set('seen', true), 'local');
		});
		applyReceived(doc, update, 'server');
		expect(got.map((g) => g.origin)).toEqual(['local', 'server']);
		// The observer's edit arrived encoded by Yjs, as it is sent to the server.
		const copy = new Y.Doc();
		Y.applyUpdate(copy, got[0]!.update);
		expect(copy.getMap('elements').get('seen')).toBe(true);
		// Afterwards everything is as before: a local edit reaches the listeners.
		elements.set('b', 2);
		expect(got).toHaveLength(3);
	});

	it('keeps the listeners, and one added during the apply', () => {
		const { update } = board();
		const doc = new Y.Doc();
		const got = listen(doc);
		const late: unknown[] = [];
		doc.getMap('elements').observe(() => {
			if (late.length === 0)
				doc.on('update', (_u: Uint8Array, origin: unknown) => late.push(origin));
		});
		const encode = vi.spyOn(Y.UpdateEncoderV1.prototype, 'toUint8Array');
		applyReceived(doc, update, 'server');
		expect(encode).not.toHaveBeenCalled();
		expect(late).toEqual(['server']);
		doc.getMap('elements').set('b', 2);
		expect(got).toHaveLength(2);
		expect(late).toHaveLength(2);
	});

	it('inside an open transaction, applies as Yjs does (one update at its end)', () => {
		const { update } = board();
		const doc = new Y.Doc();
		const got = listen(doc);
		doc.transact(() => {
			applyReceived(doc, update, 'server');
			doc.getMap('elements').set('b', 2);
		}, 'outer');
		expect(got).toHaveLength(1);
		expect(got[0]!.origin).toBe('outer');
		expect(got[0]!.update).not.toBe(update);
	});

	it("applies the server's sync step 2 this way, and marks the provider synced", () => {
		const p = provider();
		batchReceivedUpdates(p);
		const got = listen(p.doc);
		const { update } = board();
		expect(p.synced).toBe(false);
		const step2 = receive(p, (e) => {
			encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
			encoding.writeVarUint8Array(e, update);
		});
		expect(step2.length).toBe(0);
		expect(p.synced).toBe(true);
		expect(p.doc.getMap('elements').get('a')).toBe(1);
		expect(got.at(-1)!.update).toEqual(update);
	});
});
