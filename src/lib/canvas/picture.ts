/**
 * The board as a picture while the view moves. Drawing every element again on every frame of a
 * zoom is more than the CPU keeps up with (all the more a phone's); moving the canvases drawn last
 * with a CSS transform is the compositor's work and costs the main thread nothing. So while a
 * gesture moves the view, the stage keeps the transform it was drawn with and its canvases are
 * moved and scaled to where the view is now. Once the picture is enlarged too far (it blurs) or
 * too much of an edge lies bare, the board is drawn again at the view of that moment, and the
 * transform cleared in the same frame. When the view rests it is drawn at full detail as before.
 */
import type Konva from 'konva';
import type { Viewport } from './viewport';

/** The most a picture is enlarged before the board is drawn again. */
export const MAX_STRETCH = 1.6;
/** The widest bare strip along an edge, as a share of that side, before the board is drawn again. */
export const MAX_BARE = 0.12;

/** A picture's move on screen: scaled by `k` about the canvas' top left, then shifted by x, y. */
export interface PictureMove {
	k: number;
	x: number;
	y: number;
}

/** The move that brings a picture drawn at the view `drawn` to where the view `now` shows it. */
export function pictureMove(drawn: Viewport, now: Viewport): PictureMove {
	const k = now.scale / drawn.scale;
	return { k, x: now.x - k * drawn.x, y: now.y - k * drawn.y };
}

/** Whether a canvas of `width` × `height` moved by `m` still shows the view well enough. */
export function pictureServes(m: PictureMove, width: number, height: number): boolean {
	if (!(m.k > 0) || m.k > MAX_STRETCH) return false;
	const bare = (start: number, side: number) =>
		Math.max(start, side - (start + m.k * side), 0) <= MAX_BARE * side;
	return bare(m.x, width) && bare(m.y, height);
}

/** The stage's view and its content's move: the stage stays where it was drawn while the picture moves. */
export class MovingPicture {
	readonly #stage: Konva.Stage;
	readonly #style: CSSStyleDeclaration;
	#moved = false;

	constructor(stage: Konva.Stage) {
		this.#stage = stage;
		this.#style = stage.content.style;
		this.#style.transformOrigin = '0 0';
	}

	/** Whether the picture is shown moved (the stage's transform is behind the view). */
	get moved(): boolean {
		return this.#moved;
	}

	/** The view the stage draws at. */
	drawn(): Viewport {
		return { x: this.#stage.x(), y: this.#stage.y(), scale: this.#stage.scaleX() };
	}

	/** Puts the stage at the view `v` (Konva's autodraw then draws its layers there). */
	place(v: Viewport): void {
		this.#stage.position({ x: v.x, y: v.y });
		this.#stage.scale({ x: v.scale, y: v.scale });
	}

	/** Shows what was drawn where the view `now` has it; false, and nothing moved, if it no longer serves. */
	follow(now: Viewport, width: number, height: number): boolean {
		const m = pictureMove(this.drawn(), now);
		if (!pictureServes(m, width, height)) return false;
		this.#style.transform = `matrix(${m.k}, 0, 0, ${m.k}, ${m.x}, ${m.y})`;
		this.#moved = true;
		return true;
	}

	/** Call when the board layer was drawn: drawn at the view `v` itself, the move ends. */
	drawnAt(v: Viewport): void {
		const at = this.drawn();
		if (!this.#moved || at.x !== v.x || at.y !== v.y || at.scale !== v.scale) return;
		this.#style.transform = '';
		this.#moved = false;
	}
}
