/**
 * Level of detail for far-out zoom: below `OVERVIEW_SCALE` text is unreadable anyway, so instead
 * of one Konva node per element, every visible element is drawn as a plain shape by one custom
 * Konva.Shape in a single pass (no per-node transforms, no text layout). Selected and dragged
 * elements keep their real nodes on top, so they stay movable and transformable.
 */
import { arrowEndpoints, type Box, type ElementRecord } from '$lib/board';
import type { Lookup } from './nodes';
import { ink, stickyFill } from './style';

export const OVERVIEW_SCALE = 0.3;

/** Draws `ids` (in paint order) into a context already transformed to world units. */
export function drawOverview(
	ctx: CanvasRenderingContext2D,
	ids: readonly string[],
	lookup: Lookup,
	skip: ReadonlySet<string>
): void {
	for (const id of ids) {
		if (skip.has(id)) continue;
		const el = lookup(id);
		if (el) drawOne(ctx, el, lookup);
	}
}

function drawOne(ctx: CanvasRenderingContext2D, el: ElementRecord, lookup: Lookup): void {
	if (el.type === 'arrow') {
		const [x0, y0, x1, y1] = arrowEndpoints(el, lookup);
		ctx.strokeStyle = ink(el.color || 'black');
		ctx.lineWidth = 6;
		ctx.beginPath();
		ctx.moveTo(x0, y0);
		ctx.lineTo(x1, y1);
		ctx.stroke();
		return;
	}
	const rotated = el.rotation !== 0;
	if (rotated) {
		ctx.save();
		ctx.translate(el.x, el.y);
		ctx.rotate((el.rotation * Math.PI) / 180);
	}
	const x = rotated ? 0 : el.x;
	const y = rotated ? 0 : el.y;
	switch (el.type) {
		case 'sticky':
			ctx.fillStyle = stickyFill(el.color);
			ctx.fillRect(x, y, el.w, el.h);
			break;
		case 'image':
			ctx.fillStyle = '#d5d9df';
			ctx.fillRect(x, y, el.w, el.h);
			break;
		case 'text':
			// A grey bar where the text is: shows that something is written there.
			ctx.fillStyle = '#9aa1ab';
			ctx.fillRect(
				x + 14,
				y + 14,
				Math.min(el.w - 28, el.text.length * 14),
				Math.max(8, el.h - 28)
			);
			break;
		case 'tool':
			ctx.fillStyle = '#ffffff';
			ctx.fillRect(x, y, el.w, el.h);
			ctx.fillStyle = '#dfe6ee';
			ctx.fillRect(x, y, el.w, Math.min(el.h, 76));
			ctx.strokeStyle = '#8a929e';
			ctx.lineWidth = 3;
			ctx.strokeRect(x, y, el.w, el.h);
			break;
		case 'rect':
		case 'frame':
			ctx.strokeStyle = el.type === 'frame' ? '#535b66' : ink(el.color || 'blue');
			ctx.lineWidth = el.type === 'frame' ? 3 : 4;
			ctx.strokeRect(x, y, el.w, el.h);
			break;
		case 'ellipse':
			ctx.strokeStyle = ink(el.color || 'green');
			ctx.lineWidth = 4;
			ctx.beginPath();
			ctx.ellipse(x + el.w / 2, y + el.h / 2, el.w / 2, el.h / 2, 0, 0, Math.PI * 2);
			ctx.stroke();
			break;
		case 'path': {
			const pts = el.points ?? [];
			ctx.strokeStyle = ink(el.color || 'black');
			ctx.lineWidth = 5;
			ctx.beginPath();
			for (let i = 0; i + 1 < pts.length; i += 2) {
				const px = x + (pts[i] ?? 0);
				const py = y + (pts[i + 1] ?? 0);
				if (i === 0) ctx.moveTo(px, py);
				else ctx.lineTo(px, py);
			}
			ctx.stroke();
			break;
		}
	}
	if (rotated) ctx.restore();
}

/** What the overview shows: the elements `ids` found in world box `box`, version `version`. */
export interface OverviewContent {
	ids: readonly string[];
	lookup: Lookup;
	skip: ReadonlySet<string>;
	box: Box;
	/** Changes whenever any element, the paint order or `skip` changed. */
	version: string;
}

/** Device pixels the cached bitmap may have at most (a phone's screen and a half, twice over). */
const CACHE_MAX_PIXELS = 8_000_000;

/**
 * The overview drawn once into a bitmap covering its search box, then reused while the view only
 * pans inside that box: a pan over 10,000 elements draws one image per frame instead of 10,000
 * shapes. While the user zooms, the bitmap is drawn scaled (within a factor of two); at rest, or
 * when the content changed or the view left the box, it is drawn anew at the current scale.
 */
export class OverviewCache {
	#canvas: HTMLCanvasElement | null = null;
	#box: Box | null = null;
	/** The scale the bitmap was made for (its own may be coarser, see `#render`). */
	#scale = 0;
	#version = '';

	/**
	 * Draws `content` into `ctx` (transformed to world units); `scale` is device pixels per world
	 * unit, `view` the world box on screen, `gesture` whether the view is moving under the user.
	 */
	draw(
		ctx: CanvasRenderingContext2D,
		content: OverviewContent,
		view: Box,
		scale: number,
		gesture: boolean
	): void {
		const box = this.#box;
		const ratio = this.#scale / scale;
		const usable =
			this.#canvas !== null &&
			box !== null &&
			this.#version === content.version &&
			view.minX >= box.minX &&
			view.minY >= box.minY &&
			view.maxX <= box.maxX &&
			view.maxY <= box.maxY &&
			(gesture ? ratio > 0.5 && ratio < 2 : Math.abs(ratio - 1) < 1e-3);
		if (!usable && !this.#render(content, scale)) {
			drawOverview(ctx, content.ids, content.lookup, content.skip);
			return;
		}
		const b = this.#box!;
		ctx.drawImage(this.#canvas!, b.minX, b.minY, b.maxX - b.minX, b.maxY - b.minY);
	}

	/** Renders the bitmap; false when it cannot (no DOM, or nothing to draw). */
	#render(content: OverviewContent, scale: number): boolean {
		const { box } = content;
		const w = box.maxX - box.minX;
		const h = box.maxY - box.minY;
		if (typeof document === 'undefined' || !(w > 0 && h > 0)) return false;
		// Bigger than allowed: a coarser bitmap (the overview is a sketch anyway).
		const k = Math.min(scale, Math.sqrt(CACHE_MAX_PIXELS / (w * h)));
		this.#canvas ??= document.createElement('canvas');
		const canvas = this.#canvas;
		const width = Math.max(1, Math.ceil(w * k));
		const height = Math.max(1, Math.ceil(h * k));
		if (canvas.width !== width || canvas.height !== height) {
			canvas.width = width;
			canvas.height = height;
		}
		const c = canvas.getContext('2d');
		if (!c) return false;
		c.setTransform(1, 0, 0, 1, 0, 0);
		c.clearRect(0, 0, width, height);
		c.setTransform(k, 0, 0, k, -box.minX * k, -box.minY * k);
		drawOverview(c, content.ids, content.lookup, content.skip);
		this.#box = { ...box };
		this.#scale = scale;
		this.#version = content.version;
		return true;
	}

	/** Frees the bitmap (the overview is off). */
	release(): void {
		if (this.#canvas) this.#canvas.width = this.#canvas.height = 0;
		this.#canvas = null;
		this.#box = null;
		this.#version = '';
	}
}
