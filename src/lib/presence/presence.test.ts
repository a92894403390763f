import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Presence } from './presence.svelte';

/** Two awareness instances wired together in memory. */
function pair() {
	const a = new Awareness(new Y.Doc());
	const b = new Awareness(new Y.Doc());
	const forward = (from: Awareness, to: Awareness) =>
		from.on(
			'update',
			({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) =>
				applyAwarenessUpdate(
					to,
					encodeAwarenessUpdate(from, [...added, ...updated, ...removed]),
					'remote'
				)
		);
	forward(a, b);
	forward(b, a);
	return { a, b };
}

const anne = { id: 'u-anne', name: 'Anne', color: '#b3261e', role: 'tovholder' };
const jonas = { id: 'u-jonas', name: 'Jonas', color: '#1d4e89', role: 'familiebehandler' };

describe('Presence', () => {
	it('lists everyone with name, colour and role, this client first', () => {
		const { a, b } = pair();
		const pa = new Presence(a, anne);
		new Presence(b, jonas);
		expect(pa.peers.map((p) => [p.user.name, p.self])).toEqual([
			['Anne', true],
			['Jonas', false]
		]);
		expect(pa.people).toHaveLength(2);
	});

	it('shares selections and viewports but keeps cursor moves out of the reactive list', async () => {
		const { a, b } = pair();
		const pa = new Presence(a, anne);
		const pb = new Presence(b, jonas);
		const list = pa.peers;
		pb.setPointer({ x: 10, y: 20 });
		await new Promise((r) => setTimeout(r, 60));
		expect(pa.remoteStates()[0]?.pointer).toEqual({ x: 10, y: 20 });
		expect(pa.peers).toBe(list);
		pb.setSelection(['el-1']);
		expect(pa.peers.find((p) => !p.self)?.selection).toEqual(['el-1']);
	});

	it('follows the presenter until this participant breaks away, and rejoins', async () => {
		const { a, b } = pair();
		const presenter = new Presence(a, anne);
		const viewer = new Presence(b, jonas);
		presenter.setViewport({ x: 0, y: 0, w: 1000, h: 500 });
		presenter.setPresenting(true);
		await new Promise((r) => setTimeout(r, 150));
		expect(viewer.presenter?.user.name).toBe('Anne');
		expect(viewer.followTarget?.viewport).toEqual({ x: 0, y: 0, w: 1000, h: 500 });
		viewer.breakAway();
		expect(viewer.brokeAway).toBe(true);
		expect(viewer.followTarget).toBeNull();
		viewer.rejoin();
		expect(viewer.followTarget?.user.name).toBe('Anne');
		presenter.setPresenting(false);
		expect(viewer.presenter).toBeNull();
		expect(viewer.followTarget).toBeNull();
	});

	it('follows a chosen participant, and stops when panning', () => {
		const { a, b } = pair();
		new Presence(a, anne);
		const viewer = new Presence(b, jonas);
		viewer.follow(a.clientID);
		expect(viewer.followTarget?.user.name).toBe('Anne');
		viewer.breakAway();
		expect(viewer.following).toBeNull();
		expect(viewer.brokeAway).toBe(false);
	});
});
