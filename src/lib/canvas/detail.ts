/**
 * The board's level of detail (pure: no Konva, no DOM): what the canvas draws for a view at a
 * zoom with some elements in it, resting or moving. `board-canvas.ts` applies it.
 */
import { OVERVIEW_SCALE } from './overview';
import { TEXT_MIN_SCALE } from './style';

/**
 * While the view moves, the board's layer is drawn at this share of its resolution in each
 * direction (a quarter of the pixels at 0.5): the browser's raster is most of a moving frame's
 * cost, and the eye does not see the difference in motion. Sharp again when the view rests.
 */
export const MOVING_RESOLUTION = 0.5;
/** Above this many elements in view, a moving view is drawn as the overview. */
const MOVING_NODE_LIMIT = 120;
/**
 * Up to this many elements in view, full detail and text are kept further out: a phone fitting
 * a meeting's board (7–10 %) still shows the tools' pictures, not empty sketches of their frames.
 */
const FEW_ELEMENTS = 150;
const OVERVIEW_SCALE_FEW = 0.04;
const TEXT_MIN_SCALE_FEW = 0.2;

export interface Detail {
	/** Elements' text is drawn. */
	showText: boolean;
	/** The simplified overview is drawn instead of the elements' nodes. */
	overview: boolean;
}

/**
 * The detail for `inView` elements at `scale`: a small board on a small screen keeps full detail
 * and its text further out; far out, or while the view moves over a crowded area, the cheap
 * overview (full detail returns as soon as the view rests).
 */
export function levelOfDetail(scale: number, inView: number, moving: boolean): Detail {
	const few = inView <= FEW_ELEMENTS;
	return {
		showText: scale >= (few ? TEXT_MIN_SCALE_FEW : TEXT_MIN_SCALE),
		overview:
			scale < (few ? OVERVIEW_SCALE_FEW : OVERVIEW_SCALE) || (moving && inView > MOVING_NODE_LIMIT)
	};
}
