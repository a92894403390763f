/**
 * Presence through Yjs awareness (never document state): who is here, their cursors, selections
 * and viewports, following a participant, and the facilitator's presentation.
 *
 * Awareness fields: `user` (shared with Tiptap's collaboration caret, which reads name/colour),
 * `pointer` (canvas cursor in world units; not `cursor`, which the minutes editor's caret uses),
 * `selection` (element ids), `viewport` (the world rectangle someone sees), `presenting`.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
	id: string;
	name: string;
	color: string;
	/** Shown next to the name ("tovholder", "familiebehandler", "gæst"). */
	role: string;
}

export interface WorldRect {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface Peer {
	clientId: number;
	user: PresenceUser;
	pointer: { x: number; y: number } | null;
	selection: string[];
	viewport: WorldRect | null;
	presenting: boolean;
	self: boolean;
}

const POINTER_INTERVAL_MS = 40;
const VIEWPORT_INTERVAL_MS = 100;

function isUser(value: unknown): value is PresenceUser {
	const u = value as PresenceUser | null;
	return (
		!!u && typeof u.id === 'string' && typeof u.name === 'string' && typeof u.color === 'string'
	);
}

function toPeer(clientId: number, state: Record<string, unknown>, self: boolean): Peer | null {
	if (!isUser(state.user)) return null;
	const pointer = state.pointer as { x?: unknown; y?: unknown } | null | undefined;
	const viewport = state.viewport as WorldRect | null | undefined;
	return {
		clientId,
		user: { ...state.user, role: typeof state.user.role === 'string' ? state.user.role : '' },
		pointer:
			pointer && typeof pointer.x === 'number' && typeof pointer.y === 'number'
				? { x: pointer.x, y: pointer.y }
				: null,
		selection: Array.isArray(state.selection)
			? state.selection.filter((s): s is string => typeof s === 'string')
			: [],
		viewport:
			viewport &&
			[viewport.x, viewport.y, viewport.w, viewport.h].every(
				(n) => typeof n === 'number' && Number.isFinite(n)
			)
				? viewport
				: null,
		presenting: state.presenting === true,
		self
	};
}

function listedKey(state: Record<string, unknown> | undefined): string {
	return state ? JSON.stringify([state.user, state.presenting, state.selection]) : '';
}

export class Presence {
	readonly awareness: Awareness;
	readonly user: PresenceUser;
	#peers = $state.raw<Peer[]>([]);
	#following = $state<number | null>(null);
	#brokeAway = $state(false);
	#presenting = $state(false);
	// Not reactive on purpose: listeners are called directly.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#listeners = new Set<() => void>();
	#pendingPointer: { x: number; y: number } | null | undefined;
	#pendingViewport: WorldRect | undefined;
	#pointerTimer: ReturnType<typeof setTimeout> | null = null;
	#viewportTimer: ReturnType<typeof setTimeout> | null = null;
	#signature = '';
	/** Per client: what the lists show of it (to skip rebuilding them on cursor moves). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, not state
	readonly #listed = new Map<number, string>();
	readonly #onChange = (change?: { added: number[]; updated: number[]; removed: number[] }) =>
		this.#refresh(change);

	constructor(awareness: Awareness, user: PresenceUser) {
		this.awareness = awareness;
		this.user = user;
		awareness.setLocalStateField('user', user);
		awareness.setLocalStateField('selection', []);
		awareness.on('change', this.#onChange);
		this.#refresh();
	}

	/** Everyone connected, this client first. Cursor moves do not change this list. */
	get peers(): Peer[] {
		return this.#peers;
	}
	/** Distinct people (one entry per user, even with several tabs). */
	get people(): Peer[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local, not state
		const seen = new Set<string>();
		return this.#peers.filter((p) => (seen.has(p.user.id) ? false : (seen.add(p.user.id), true)));
	}
	get presenting(): boolean {
		return this.#presenting;
	}
	/** Someone else presenting, if any. */
	get presenter(): Peer | null {
		return this.#peers.find((p) => p.presenting && !p.self) ?? null;
	}
	get following(): number | null {
		return this.#following;
	}
	/** True when a presentation runs and this participant has panned away from it. */
	get brokeAway(): boolean {
		return this.#brokeAway && this.presenter !== null;
	}
	/** Whose viewport this client's viewport follows now: the chosen person, else the presenter. */
	get followTarget(): Peer | null {
		if (this.#following !== null)
			return this.#peers.find((p) => p.clientId === this.#following) ?? null;
		if (!this.#brokeAway) return this.presenter;
		return null;
	}

	/** Every awareness state, for drawing cursors and selections (not reactive; see `subscribe`). */
	remoteStates(): Peer[] {
		const out: Peer[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			if (clientId === this.awareness.clientID) continue;
			const peer = toPeer(clientId, state, false);
			if (peer) out.push(peer);
		}
		return out;
	}

	/** Called on every awareness change, including cursor moves. Returns an unsubscribe. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	setPointer(point: { x: number; y: number } | null): void {
		this.#pendingPointer = point;
		if (this.#pointerTimer) return;
		this.#pointerTimer = setTimeout(() => {
			this.#pointerTimer = null;
			this.awareness.setLocalStateField('pointer', this.#pendingPointer ?? null);
		}, POINTER_INTERVAL_MS);
	}

	setSelection(ids: string[]): void {
		this.awareness.setLocalStateField('selection', ids);
	}

	setViewport(rect: WorldRect): void {
		this.#pendingViewport = rect;
		if (this.#viewportTimer) return;
		this.#viewportTimer = setTimeout(() => {
			this.#viewportTimer = null;
			if (this.#pendingViewport)
				this.awareness.setLocalStateField('viewport', this.#pendingViewport);
		}, VIEWPORT_INTERVAL_MS);
	}

	follow(clientId: number | null): void {
		this.#following = clientId;
		if (clientId === null && this.presenter) this.#brokeAway = true;
	}

	/** The user moved the view by hand: stop following anyone. */
	breakAway(): void {
		if (this.#following !== null) this.#following = null;
		if (this.presenter) this.#brokeAway = true;
	}

	/** Follow the presentation again. */
	rejoin(): void {
		this.#following = null;
		this.#brokeAway = false;
	}

	setPresenting(on: boolean): void {
		this.#presenting = on;
		if (on) this.#following = null;
		this.awareness.setLocalStateField('presenting', on);
	}

	destroy(): void {
		this.awareness.off('change', this.#onChange);
		if (this.#pointerTimer) clearTimeout(this.#pointerTimer);
		if (this.#viewportTimer) clearTimeout(this.#viewportTimer);
		this.#listeners.clear();
	}

	#refresh(change?: { added: number[]; updated: number[]; removed: number[] }): void {
		if (change && change.added.length === 0 && change.removed.length === 0) {
			// Usually a cursor or viewport moved: rebuild the lists only if what they show changed.
			const states = this.awareness.getStates();
			const same = change.updated.every((id) => this.#listed.get(id) === listedKey(states.get(id)));
			if (same) {
				for (const id of change.updated) {
					const peer = this.#peers.find((p) => p.clientId === id);
					const state = states.get(id);
					if (peer && state) peer.viewport = toPeer(id, state, peer.self)?.viewport ?? null;
				}
				for (const listener of this.#listeners) listener();
				return;
			}
		}
		this.#listed.clear();
		for (const [id, state] of this.awareness.getStates()) this.#listed.set(id, listedKey(state));
		const list: Peer[] = [];
		for (const [clientId, state] of this.awareness.getStates()) {
			const peer = toPeer(clientId, state, clientId === this.awareness.clientID);
			if (peer) list.push(peer);
		}
		list.sort((a, b) =>
			a.self === b.self ? a.user.name.localeCompare(b.user.name, 'da') : a.self ? -1 : 1
		);
		// Only what the lists show; pointers and viewports change too often to be reactive.
		const signature = JSON.stringify(
			list.map((p) => [p.clientId, p.user, p.presenting, p.selection])
		);
		if (signature !== this.#signature) {
			this.#signature = signature;
			this.#peers = list;
		} else {
			// Keep the latest viewports reachable for following without re-rendering the lists.
			for (const peer of this.#peers)
				peer.viewport = list.find((p) => p.clientId === peer.clientId)?.viewport ?? null;
		}
		if (this.#presenting === false && this.presenter === null) this.#brokeAway = false;
		for (const listener of this.#listeners) listener();
	}
}
