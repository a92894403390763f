/**
 * Others on the canvas: their cursors with names, outlines of what they have selected, and
 * following someone's (or the presenter's) view. Drawn in the `ui` layer, never listening.
 */
import Konva from 'konva';
import type { Box } from '$lib/board';
import type { CanvasHost } from './host';
import { SELECTION_COLOR } from './style';
import { fitBox } from './viewport';

const CURSOR = 'M0 0 L0 22 L6 16 L11 27 L15 25 L10 15 L18 15 Z';

export class PresenceLayer {
	readonly #host: CanvasHost;
	readonly #group = new Konva.Group({ listening: false });
	readonly #cursors = new Map<number, Konva.Group>();
	#followed: string | null = null;
	#frame = 0;
	/** Presence or geometry changed since the last draw. */
	dirty = true;
	/** The zoom the outlines were drawn for (their strokes keep a constant screen width). */
	drawnScale = 0;

	constructor(host: CanvasHost) {
		this.#host = host;
		host.ui.add(this.#group);
	}

	/** Awareness changed: follow whom we follow, redraw soon. */
	onPresence(): void {
		const host = this.#host;
		const target = host.presence.followTarget;
		const rect = target?.viewport;
		if (rect) {
			const key = `${target.clientId}:${rect.x.toFixed(1)}:${rect.y.toFixed(1)}:${rect.w.toFixed(1)}:${rect.h.toFixed(1)}`;
			if (key !== this.#followed) {
				this.#followed = key;
				host.setViewport(
					fitBox(
						{ minX: rect.x, minY: rect.y, maxX: rect.x + rect.w, maxY: rect.y + rect.h },
						host.width,
						host.height,
						0,
						6
					),
					false
				);
			}
		} else this.#followed = null;
		this.dirty = true;
		if (this.#frame) return;
		this.#frame = requestAnimationFrame(() => {
			this.#frame = 0;
			this.draw();
			host.ui.batchDraw();
		});
	}

	draw(): void {
		const host = this.#host;
		this.dirty = false;
		this.drawnScale = host.viewport.scale;
		const k = 1 / host.viewport.scale;
		const peers = host.presence.remoteStates();
		const alive = new Set<number>();
		this.#group.destroyChildren();
		// Selections: others' in their colour, and arrows of my own (the transformer skips them).
		const outline = (box: Box, color: string, dash: boolean) =>
			this.#group.add(
				new Konva.Rect({
					x: box.minX - 6 * k,
					y: box.minY - 6 * k,
					width: box.maxX - box.minX + 12 * k,
					height: box.maxY - box.minY + 12 * k,
					stroke: color,
					strokeWidth: 3 * k,
					dash: dash ? [10 * k, 6 * k] : undefined,
					cornerRadius: 6 * k,
					listening: false
				})
			);
		for (const peer of peers)
			for (const id of peer.selection) {
				const box = host.boundsOf(id);
				if (box) outline(box, peer.user.color, true);
			}
		for (const id of host.selection) {
			if (host.records.get(id)?.type !== 'arrow') continue;
			const box = host.boundsOf(id);
			if (box) outline(box, SELECTION_COLOR, false);
		}
		for (const peer of peers) {
			if (!peer.pointer) continue;
			alive.add(peer.clientId);
			let cursor = this.#cursors.get(peer.clientId);
			if (!cursor) {
				cursor = new Konva.Group({ listening: false, name: 'cursor' });
				cursor.add(
					new Konva.Path({
						data: CURSOR,
						fill: peer.user.color,
						stroke: '#ffffff',
						strokeWidth: 1.5
					})
				);
				const label = new Konva.Label({ x: 16, y: 26 });
				label.add(new Konva.Tag({ fill: peer.user.color, cornerRadius: 4 }));
				label.add(
					new Konva.Text({
						text: peer.user.name,
						fill: '#ffffff',
						fontSize: 16,
						padding: 5,
						fontStyle: 'bold'
					})
				);
				cursor.add(label);
				this.#cursors.set(peer.clientId, cursor);
			}
			cursor.position(peer.pointer);
			cursor.scale({ x: k, y: k });
			this.#group.add(cursor);
		}
		// Test hook and a text trace of what is drawn: whose cursors are on the canvas.
		const names = peers
			.filter((p) => p.pointer)
			.map((p) => p.user.name)
			.join(',');
		if (host.container.dataset.cursors !== names) host.container.dataset.cursors = names;
		for (const [id, node] of this.#cursors) {
			if (!alive.has(id)) {
				node.destroy();
				this.#cursors.delete(id);
			}
		}
	}

	destroy(): void {
		cancelAnimationFrame(this.#frame);
	}
}
