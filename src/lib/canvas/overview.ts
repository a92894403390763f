/**
 * Level of detail for far-out zoom: below `OVERVIEW_SCALE` text is unreadable anyway, so instead
 * of one Konva node per element, every visible element is drawn as a plain shape by one custom
 * Konva.Shape in a single pass (no per-node transforms, no text layout). Selected and dragged
 * elements keep their real nodes on top, so they stay movable and transformable.
 */
import { arrowEndpoints, type ElementRecord } from '$lib/board';
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
