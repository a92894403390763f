import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { sendOwnAwarenessOnly } from './awareness-echo';

const cleanup: (() => void)[] = [];
afterEach(() => {
	for (const done of cleanup.splice(0)) done();
});

/** A provider that never connects, with a socket that records what it would send. */
function provider(): { p: WebsocketProvider; sent: Uint8Array[] } {
	const p = new WebsocketProvider('ws://127.0.0.1:9/sync', 'b', new Y.Doc(), {
		connect: false,
		disableBc: true,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket
	});
	const sent: Uint8Array[] = [];
	const socket = { readyState: 1, OPEN: 1, send: (m: Uint8Array) => sent.push(m), close() {} };
	p.ws = socket as unknown as globalThis.WebSocket;
	p.wsconnected = true;
	cleanup.push(() => {
		p.ws = null;
		p.wsconnected = false;
		p.destroy();
	});
	return { p, sent };
}

/** Another participant's awareness state, as the server would send it. */
function remoteState(name: string): { update: Uint8Array; done: () => void } {
	const other = new Awareness(new Y.Doc());
	other.setLocalState({ name });
	return { update: encodeAwarenessUpdate(other, [other.clientID]), done: () => other.destroy() };
}

describe('sendOwnAwarenessOnly', () => {
	it('without it, y-websocket sends a received state straight back', () => {
		const { p, sent } = provider();
		const remote = remoteState('B');
		applyAwarenessUpdate(p.awareness, remote.update, p);
		expect(sent).toHaveLength(1);
		remote.done();
	});

	it('sends this browser’s own changes and nothing it received', () => {
		const { p, sent } = provider();
		cleanup.push(sendOwnAwarenessOnly(p));
		const remote = remoteState('B');
		applyAwarenessUpdate(p.awareness, remote.update, p);
		expect(p.awareness.getStates().size).toBe(2); // applied, not sent
		expect(sent).toHaveLength(0);
		p.awareness.setLocalState({ name: 'A' });
		expect(sent).toHaveLength(1);
		remote.done();
	});

	it('is undone by the function it returns, and the provider’s destroy unregisters it', () => {
		const { p, sent } = provider();
		const undo = sendOwnAwarenessOnly(p);
		undo();
		const remote = remoteState('B');
		applyAwarenessUpdate(p.awareness, remote.update, p);
		expect(sent).toHaveLength(1);
		sendOwnAwarenessOnly(p);
		const socket = p.ws;
		p.destroy(); // which sends its own leaving message
		const afterDestroy = sent.length;
		// Were the handler still registered, this would go out on the socket.
		p.ws = socket;
		p.wsconnected = true;
		p.awareness.setLocalState({ name: 'A' });
		expect(sent).toHaveLength(afterDestroy);
		remote.done();
	});
});
