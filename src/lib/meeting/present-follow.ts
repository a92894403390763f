/**
 * Following what is presented (browser): while the facilitator presents one element, everyone
 * following the presentation sees that element fitted to their own screen – a phone, a laptop,
 * the room's screen – rather than the presenter's view rectangle. Runs after each presence change
 * (after the canvas followed the presenter's viewport), so the element stays fitted; someone who
 * panned away (`brokeAway`) is left alone until they follow again.
 */
import type { BoardCanvas } from '$lib/canvas/board-canvas';
import type { Presence } from '$lib/presence/presence.svelte';

export interface PresentedFollower {
	/** Fits again now (the presented element or the following state changed). */
	refresh(): void;
	stop(): void;
}

export function followPresented(
	presence: Presence,
	canvas: BoardCanvas,
	presented: () => string | null,
	/** Always follow (the room's screen), not only while someone presents. */
	always = false
): PresentedFollower {
	let last: { id: string; x: number; y: number; scale: number } | null = null;
	const refresh = () => {
		const id = presented();
		if (!id || presence.presenting) return;
		const following =
			always || (presence.presenter !== null && !presence.brokeAway && presence.following === null);
		if (!following) return;
		const v = canvas.viewport;
		// Already showing it as fitted: nothing to do (this runs on every cursor move).
		if (last && last.id === id && last.x === v.x && last.y === v.y && last.scale === v.scale)
			return;
		if (!canvas.fitElement(id)) return;
		const fitted = canvas.viewport;
		last = { id, x: fitted.x, y: fitted.y, scale: fitted.scale };
	};
	const unsubscribe = presence.subscribe(refresh);
	return { refresh, stop: unsubscribe };
}
