/**
 * Konva nodes for board elements. One Group per element, created once and updated in place
 * (node reuse); children are looked up by name. Arrows are drawn in world coordinates.
 */
import Konva from 'konva';
import { arrowEndpoints, type ElementRecord } from '$lib/board';
import { DEFAULT_FONT, FONT_FAMILY, TEXT_COLOR, ink, stickyFill } from './style';

export type Lookup = (id: string) => ElementRecord | undefined;

const PAD = 14;

function text(group: Konva.Group): Konva.Text | undefined {
	return group.findOne<Konva.Text>('.label');
}

function body<T extends Konva.Shape>(group: Konva.Group): T | undefined {
	return group.findOne<T>('.body');
}

function makeLabel(): Konva.Text {
	return new Konva.Text({
		name: 'label',
		fontFamily: FONT_FAMILY,
		fill: TEXT_COLOR,
		wrap: 'word',
		ellipsis: true,
		listening: false,
		perfectDrawEnabled: false
	});
}

/** Creates the node for an element (not yet positioned: call `updateNode`). */
export function createNode(el: ElementRecord, images: ImageCache): Konva.Group {
	const group = new Konva.Group({ id: el.id, name: 'element' });
	group.setAttr('elementType', el.type);
	switch (el.type) {
		case 'sticky':
			group.add(
				new Konva.Rect({
					name: 'body',
					cornerRadius: 4,
					perfectDrawEnabled: false,
					shadowForStrokeEnabled: false
				})
			);
			group.add(makeLabel());
			break;
		case 'text':
			group.add(
				new Konva.Rect({ name: 'body', fill: 'rgba(255,255,255,0.01)', perfectDrawEnabled: false })
			);
			group.add(makeLabel());
			break;
		case 'rect':
		case 'frame':
			group.add(
				new Konva.Rect({ name: 'body', perfectDrawEnabled: false, shadowForStrokeEnabled: false })
			);
			group.add(makeLabel());
			break;
		case 'ellipse':
			group.add(
				new Konva.Ellipse({ name: 'body', radiusX: 1, radiusY: 1, perfectDrawEnabled: false })
			);
			group.add(makeLabel());
			break;
		case 'arrow':
			group.add(
				new Konva.Arrow({
					name: 'body',
					points: [0, 0, 0, 0],
					pointerLength: 18,
					pointerWidth: 18,
					strokeWidth: 4,
					hitStrokeWidth: 24,
					lineCap: 'round',
					perfectDrawEnabled: false
				})
			);
			break;
		case 'path':
			group.add(
				new Konva.Line({
					name: 'body',
					strokeWidth: 5,
					hitStrokeWidth: 20,
					lineCap: 'round',
					lineJoin: 'round',
					tension: 0.3,
					perfectDrawEnabled: false
				})
			);
			break;
		case 'tool':
			// The frame's own rect catches clicks anywhere on it; the tool's picture is drawn into
			// `.tool-content` by the tool frames (`tool-frames.ts`).
			group.add(new Konva.Rect({ name: 'body', fill: '#ffffff', cornerRadius: 14 }));
			group.add(new Konva.Group({ name: 'tool-content' }));
			break;
		case 'image':
			group.add(
				new Konva.Rect({ name: 'body', fill: '#e6e9ee', stroke: '#8a929e', strokeWidth: 2 })
			);
			group.add(new Konva.Image({ name: 'picture', image: undefined, listening: false }));
			images.request(el.src ?? '', group);
			break;
	}
	return group;
}

/** Draws a tool frame's content into its node (the tool frames provide it). */
export type DrawTool = (group: Konva.Group, el: ElementRecord) => void;

/**
 * Brings a node up to date with its record; `lookup` resolves arrow bindings, `drawTool` draws
 * a tool frame's content.
 */
export function updateNode(
	group: Konva.Group,
	el: ElementRecord,
	lookup: Lookup,
	showText: boolean,
	drawTool?: DrawTool
): void {
	if (el.type === 'arrow') {
		group.position({ x: 0, y: 0 });
		group.rotation(0);
		const arrow = body<Konva.Arrow>(group);
		arrow?.points(arrowEndpoints(el, lookup));
		const color = ink(el.color || 'black');
		arrow?.stroke(color);
		arrow?.fill(color);
		return;
	}
	group.position({ x: el.x, y: el.y });
	group.rotation(el.rotation);
	group.scale({ x: 1, y: 1 });
	if (el.type === 'path') {
		const line = body<Konva.Line>(group);
		line?.points(el.points ?? []);
		line?.stroke(ink(el.color || 'black'));
		return;
	}
	const shape = body<Konva.Shape>(group);
	const fontSize = el.fontSize ?? DEFAULT_FONT[el.type] ?? 24;
	switch (el.type) {
		case 'sticky':
			shape?.setAttrs({
				width: el.w,
				height: el.h,
				fill: stickyFill(el.color),
				stroke: 'rgba(0,0,0,0.18)',
				strokeWidth: 1
			});
			break;
		case 'text':
			shape?.setAttrs({ width: el.w, height: el.h });
			break;
		case 'rect':
			shape?.setAttrs({
				width: el.w,
				height: el.h,
				fill: '#ffffff',
				stroke: ink(el.color || 'blue'),
				strokeWidth: 4,
				cornerRadius: 6
			});
			break;
		case 'frame':
			shape?.setAttrs({
				width: el.w,
				height: el.h,
				fill: 'rgba(29,78,137,0.04)',
				stroke: '#535b66',
				strokeWidth: 3,
				dash: [16, 10],
				cornerRadius: 10
			});
			break;
		case 'ellipse':
			shape?.setAttrs({
				x: el.w / 2,
				y: el.h / 2,
				radiusX: el.w / 2,
				radiusY: el.h / 2,
				fill: '#ffffff',
				stroke: ink(el.color || 'green'),
				strokeWidth: 4
			});
			break;
		case 'image': {
			shape?.setAttrs({ width: el.w, height: el.h });
			group.findOne<Konva.Image>('.picture')?.size({ width: el.w, height: el.h });
			break;
		}
		case 'tool':
			shape?.setAttrs({ width: el.w, height: el.h });
			drawTool?.(group, el);
			return;
	}
	const label = text(group);
	if (label && el.type === 'text') {
		// Free text grows with its content instead of being cut off.
		label.setAttrs({
			text: el.text,
			fontSize,
			x: PAD,
			y: PAD,
			width: Math.max(1, el.w - 2 * PAD),
			lineHeight: 1.25,
			wrap: 'word',
			ellipsis: false
		});
		label.setAttrs({ height: 'auto' as unknown as number });
		label.visible(showText && el.text.length > 0);
		shape?.height(Math.max(el.h, label.height() + 2 * PAD));
		return;
	}
	if (label) {
		label.visible(showText && el.text.length > 0);
		const isFrame = el.type === 'frame';
		// Fitting lays the text out several times: redo it only when text, box or size changed
		// (not on every move of the note).
		const fitKey = isFrame ? null : `${fontSize}|${el.w}|${el.h}|${el.text}`;
		const fitted =
			fitKey !== null && group.getAttr(FIT_KEY) === fitKey ? fittedFontSize(group) : undefined;
		label.setAttrs({
			text: el.text,
			fontSize: fitted ?? fontSize,
			x: isFrame ? 0 : PAD,
			y: isFrame ? -fontSize * 1.5 : PAD,
			width: Math.max(1, isFrame ? el.w : el.w - 2 * PAD),
			height: isFrame ? fontSize * 1.3 : Math.max(1, el.h - 2 * PAD),
			align: el.type === 'rect' || el.type === 'ellipse' ? 'center' : 'left',
			// Top-aligned like the text editor overlay, so text does not jump when editing starts.
			verticalAlign: el.type === 'rect' || el.type === 'ellipse' ? 'middle' : 'top',
			fontStyle: isFrame ? 'bold' : 'normal',
			lineHeight: 1.25
		});
		if (fitKey !== null && fitted === undefined) {
			shrinkToFit(label, fontSize);
			group.setAttr(FIT_KEY, fitKey);
		}
		group.setAttr(FITTED_FONT, label.fontSize());
	}
}

const FITTED_FONT = 'fittedFontSize';
const FIT_KEY = 'fitKey';
const MIN_FIT_FONT = 12;

/**
 * Text inside a note or shape shrinks until it fits the box (down to 12 px), so a long agenda
 * point stays readable instead of being cut off. `fontSize` is the largest size.
 */
function shrinkToFit(label: Konva.Text, fontSize: number): void {
	const box = label.height();
	const width = label.width();
	const longest = label
		.text()
		.split(/\s+/)
		.reduce((a, b) => (b.length > a.length ? b : a), '');
	const fits = (size: number) => {
		label.fontSize(size);
		// A word wider than the box would be broken in the middle: shrink for it too.
		if (longest && label.measureSize(longest).width > width) return false;
		// With a fixed height Konva drops the lines that do not fit; 'auto' measures them all.
		label.height('auto' as unknown as number);
		const needed = label.height();
		label.height(box);
		return needed <= box + 0.5;
	};
	if (fits(fontSize)) return;
	let lo = MIN_FIT_FONT;
	let hi = fontSize;
	while (hi - lo > 1) {
		const mid = Math.floor((lo + hi) / 2);
		if (fits(mid)) lo = mid;
		else hi = mid;
	}
	fits(lo);
}

/** The font size a node's text is drawn at after shrinking to fit, if it was fitted. */
export function fittedFontSize(group: Konva.Node | undefined): number | undefined {
	const size: unknown = group?.getAttr(FITTED_FONT);
	return typeof size === 'number' ? size : undefined;
}

/** Shows or hides text for the level of detail (tiny text is not worth drawing). */
export function setTextDetail(group: Konva.Group, show: boolean): void {
	const label = text(group);
	if (label) label.visible(show && label.text().length > 0);
}

/** Loads uploaded images once per hash and fills the image nodes waiting for them. */
export class ImageCache {
	readonly #images = new Map<string, HTMLImageElement>();
	readonly #waiting = new Map<string, Set<Konva.Group>>();
	readonly #onLoad: () => void;

	constructor(onLoad: () => void) {
		this.#onLoad = onLoad;
	}

	request(src: string, group: Konva.Group): void {
		if (!src) return;
		const ready = this.#images.get(src);
		if (ready?.complete && ready.naturalWidth > 0) {
			group.findOne<Konva.Image>('.picture')?.image(ready);
			return;
		}
		let waiting = this.#waiting.get(src);
		if (!waiting) {
			waiting = new Set();
			this.#waiting.set(src, waiting);
		}
		waiting.add(group);
		if (ready) return;
		const img = new Image();
		this.#images.set(src, img);
		img.onload = () => {
			for (const g of this.#waiting.get(src) ?? []) g.findOne<Konva.Image>('.picture')?.image(img);
			this.#waiting.delete(src);
			this.#onLoad();
		};
		img.src = `/api/images/${src}`;
	}
}

/** An image file's size in pixels (400 × 300 when it does not say). */
export function imageSize(file: File): Promise<{ w: number; h: number }> {
	return new Promise((resolve, reject) => {
		const url = URL.createObjectURL(file);
		const img = new Image();
		img.onload = () => {
			resolve({ w: img.naturalWidth || 400, h: img.naturalHeight || 300 });
			URL.revokeObjectURL(url);
		};
		img.onerror = () => {
			URL.revokeObjectURL(url);
			reject(new Error('image'));
		};
		img.src = url;
	});
}
