/**
 * The dot grid behind the board: a tiled background on its own element, three screens large,
 * moved and scaled with a transform, so the compositor does that without repainting. Only when a
 * zoom comes to rest is the tile size changed (one repaint, so the dots stay crisp).
 */
import type { Viewport } from './viewport';

export class DotGrid {
	readonly element: HTMLDivElement;
	#tile = 40;
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(container: HTMLElement) {
		this.element = document.createElement('div');
		this.element.className = 'board-grid';
		this.element.setAttribute('aria-hidden', 'true');
		container.prepend(this.element);
	}

	/** Follows the viewport (call on every view change; `width`/`height` of the canvas). */
	move(v: Viewport, width: number, height: number): void {
		let size = 40 * v.scale;
		while (size < 16) size *= 5;
		const style = this.element.style;
		const k = size / this.#tile;
		const mod = (a: number) => ((a % size) + size) % size;
		style.transform = `translate3d(${mod(v.x + width)}px, ${mod(v.y + height)}px, 0) scale(${k})`;
		if (k !== 1) {
			if (this.#timer) clearTimeout(this.#timer);
			this.#timer = setTimeout(() => {
				this.#timer = null;
				this.#tile = size;
				style.backgroundSize = `${size}px ${size}px`;
				this.move(v, width, height);
			}, 200);
		}
	}

	destroy(): void {
		if (this.#timer) clearTimeout(this.#timer);
	}
}
