/**
 * A tool's frame on the board (pure): the chrome every tool shares – card, header with icon and
 * name – around the tool's own layout, as one display list in frame coordinates. The live board
 * and the saved pictures both draw this, so a snapshot looks like the board did.
 */
import type { DisplayList, Shape } from './draw/display';
import { ellipsize } from './draw/text';
import type { AnyToolDefinition, LayoutContext, Size } from './types';

/** Height of the header strip (world units). Dragging the header moves the frame. */
export const FRAME_HEADER = 76;
/** The smallest frame a resize leaves. */
export const MIN_FRAME = { w: 480, h: 320 } as const;

export const FRAME_COLORS = {
	card: '#ffffff',
	border: '#8a929e',
	header: '#eef2f7',
	title: '#1b1f24',
	icon: '#1d4e89'
} as const;

/** The content area of a frame `w × h`: below the header. */
export function contentSize(w: number, h: number): Size {
	return { width: Math.max(1, w), height: Math.max(1, h - FRAME_HEADER) };
}

/** The frame chrome alone (card and header), for a frame `w × h`. */
export function frameChrome(def: AnyToolDefinition, w: number, h: number, title: string): Shape[] {
	const size = 34;
	return [
		{ type: 'rect', x: 0, y: 0, w, h, r: 14, fill: FRAME_COLORS.card },
		{
			type: 'group',
			children: [
				{ type: 'rect', x: 0, y: 0, w, h: FRAME_HEADER, r: 14, fill: FRAME_COLORS.header },
				{ type: 'rect', x: 0, y: FRAME_HEADER - 14, w, h: 14, fill: FRAME_COLORS.header },
				{
					type: 'path',
					d: def.icon,
					x: 24,
					y: (FRAME_HEADER - 36) / 2,
					scale: 1.5,
					stroke: FRAME_COLORS.icon,
					strokeWidth: 2,
					fill: 'none'
				},
				{
					type: 'text',
					x: 76,
					y: (FRAME_HEADER - size * 1.25) / 2,
					lines: [ellipsize(title, Math.max(0, w - 100), size, true)],
					size,
					bold: true,
					color: FRAME_COLORS.title
				},
				{
					type: 'line',
					points: [0, FRAME_HEADER, w, FRAME_HEADER],
					stroke: '#c9d0d8',
					strokeWidth: 2
				}
			]
		}
	];
}

/** The border, drawn last so content never covers it. */
export function frameBorder(w: number, h: number): Shape {
	return { type: 'rect', x: 0, y: 0, w, h, r: 14, stroke: FRAME_COLORS.border, strokeWidth: 3 };
}

/**
 * The whole frame as one display list: chrome, the tool's layout in the content area (clipped to
 * it), border. `model` is the tool's model as `def.read` returned it.
 */
export function frameLayout(
	def: AnyToolDefinition,
	model: unknown,
	w: number,
	h: number,
	context: LayoutContext
): DisplayList {
	const content = contentSize(w, h);
	const inner = def.layout(model, content, context);
	return {
		width: w,
		height: h,
		shapes: [
			...frameChrome(def, w, h, context.t(def.name)),
			{
				type: 'group',
				y: FRAME_HEADER,
				clip: { x: 0, y: 0, w: content.width, h: content.height },
				children: inner.shapes
			},
			frameBorder(w, h)
		]
	};
}
