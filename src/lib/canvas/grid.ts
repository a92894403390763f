/**
 * The dot grid behind the board, drawn first on the board's own canvas. It used to be a tiled
 * background on an element three screens large, moved by a transform; without a GPU (a meeting
 * room's mini PC, the bench's headless Chromium) blending that layer cost more per frame than
 * everything else on the board. On the canvas it costs a path of dots when the board is drawn and
 * nothing while the view moves as a picture (picture.ts), and it moves with the board.
 */
import Konva from 'konva';
import type { Viewport } from './viewport';

/** Grid spacing in screen pixels at 100 %; spacings under MIN_SPACING grow fivefold. */
const SPACING = 40;
const MIN_SPACING = 16;
const DOT_RADIUS = 1.5;
const DOT_COLOUR = '#c2c8d0';

/** The grid's spacing in world units at `scale`: 40 at 100 %, never closer than 16 px on screen. */
export function gridSpacing(scale: number): number {
	let size = SPACING * scale;
	while (size < MIN_SPACING) size *= 5;
	return size / scale;
}

export class DotGrid {
	readonly shape: Konva.Shape;

	/** `drawnView`: the view the canvas draws at; `size`: the canvas' size in CSS pixels. */
	constructor(drawnView: () => Viewport, size: () => { width: number; height: number }) {
		this.shape = new Konva.Shape({
			listening: false,
			perfectDrawEnabled: false,
			sceneFunc: (konvaCtx) => {
				const v = drawnView();
				const { width, height } = size();
				const step = gridSpacing(v.scale);
				const r = DOT_RADIUS / v.scale;
				const minX = -v.x / v.scale;
				const minY = -v.y / v.scale;
				const maxX = minX + width / v.scale;
				const maxY = minY + height / v.scale;
				const ctx = konvaCtx._context;
				ctx.beginPath();
				for (let x = Math.ceil(minX / step) * step; x <= maxX + r; x += step)
					for (let y = Math.ceil(minY / step) * step; y <= maxY + r; y += step) {
						ctx.moveTo(x + r, y);
						ctx.arc(x, y, r, 0, 2 * Math.PI);
					}
				ctx.fillStyle = DOT_COLOUR;
				ctx.fill();
			}
		});
	}

	/** Shows or hides the grid (the "#" switch); the caller redraws. */
	show(on: boolean): void {
		this.shape.visible(on);
	}
}
