/**
 * Seeded convergence fuzz of the element ops: several in-memory clients apply random ops and
 * exchange their updates in random order, with random delays and disconnections; at the end
 * every client must hold the same document.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readElements } from './doc';
import { newId } from './ids';
import { ELEMENT_TYPES } from './records/element';
import {
	createElement,
	deleteElements,
	duplicateElements,
	moveElements,
	reorderElements,
	setColor,
	setText,
	transformElements,
	bindArrow,
	type ReorderDirection
} from './ops/elements';

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Client {
	doc: Y.Doc;
	inbox: Uint8Array[];
	online: boolean;
}

function runFuzz(seed: number, clientCount: number, steps: number): Client[] {
	const rand = mulberry32(seed);
	const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(rand() * list.length)];
	const clients: Client[] = Array.from({ length: clientCount }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = i + 1;
		return { doc, inbox: [], online: true };
	});
	for (const client of clients) {
		client.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'remote') return;
			for (const other of clients) if (other !== client) other.inbox.push(update);
		});
	}
	const deliver = (client: Client, all: boolean) => {
		if (!client.online) return;
		// Out-of-order delivery on purpose: Yjs must buffer what it cannot apply yet.
		while (client.inbox.length > 0) {
			const i = Math.floor(rand() * client.inbox.length);
			const [update] = client.inbox.splice(i, 1);
			if (update) Y.applyUpdate(client.doc, update, 'remote');
			if (!all && rand() < 0.5) break;
		}
	};
	for (let step = 0; step < steps; step++) {
		const client = pick(clients)!;
		const doc = client.doc;
		const ids = readElements(doc).map((e) => e.id);
		const some = () => ids.filter(() => rand() < 0.3);
		const roll = rand();
		const id = newId(rand);
		if (roll < 0.2 || ids.length < 3) {
			const type = pick(ELEMENT_TYPES)!;
			createElement(doc, {
				id,
				type,
				x: Math.round(rand() * 2000),
				y: Math.round(rand() * 2000),
				w: 50 + Math.round(rand() * 200),
				h: 50 + Math.round(rand() * 200),
				text: rand() < 0.5 ? 'tekst' : '',
				points: type === 'path' || type === 'arrow' ? [0, 0, 40, 40, 80, 10] : undefined,
				from: type === 'arrow' ? pick(ids) : undefined,
				to: type === 'arrow' ? pick(ids) : undefined
			});
		} else if (roll < 0.35)
			moveElements(doc, { ids: some(), dx: rand() * 50 - 25, dy: rand() * 50 - 25 });
		else if (roll < 0.45)
			transformElements(doc, {
				changes: [{ id: pick(ids)!, w: 10 + rand() * 300, rotation: rand() * 360 }]
			});
		else if (roll < 0.6) {
			const target = pick(ids)!;
			const current = readElements(doc).find((e) => e.id === target)?.text ?? '';
			const at = Math.floor(rand() * (current.length + 1));
			setText(doc, {
				id: target,
				text: current.slice(0, at) + pick(['a', 'ø', 'Hej ', '']) + current.slice(at + 1)
			});
		} else if (roll < 0.68) deleteElements(doc, { ids: [pick(ids)!] });
		else if (roll < 0.76)
			duplicateElements(doc, {
				newIds: Object.fromEntries(some().map((x) => [x, newId(rand)])),
				dx: 10,
				dy: 10
			});
		else if (roll < 0.86)
			reorderElements(doc, {
				ids: some(),
				direction: pick<ReorderDirection>(['front', 'back', 'forward', 'backward'])!
			});
		else if (roll < 0.92) setColor(doc, { ids: some(), color: pick(['yellow', 'blue', 'pink'])! });
		else if (roll < 0.96)
			bindArrow(doc, {
				id: pick(ids)!,
				end: rand() < 0.5 ? 'from' : 'to',
				target: pick(ids) ?? null
			});
		else client.online = !client.online;
		deliver(pick(clients)!, false);
	}
	for (const client of clients) client.online = true;
	for (const client of clients) deliver(client, true);
	return clients;
}

describe('convergence fuzz of the element ops', () => {
	for (const seed of [1, 2, 3, 42, 2026]) {
		it(`converges with seed ${seed}`, () => {
			const clients = runFuzz(seed, 4, 300);
			const first = clients[0]!.doc;
			const expected = readElements(first);
			expect(expected.length).toBeGreaterThan(0);
			for (const client of clients.slice(1)) {
				expect(readElements(client.doc)).toEqual(expected);
				expect(client.doc.getMap('elements').toJSON()).toEqual(first.getMap('elements').toJSON());
				expect(Y.encodeStateVector(client.doc)).toEqual(Y.encodeStateVector(first));
			}
		});
	}
});
