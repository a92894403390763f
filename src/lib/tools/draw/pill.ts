/** A rounded label ("pill") as a display-list group: buttons and badges drawn inside tools. */
import type { GroupShape } from './display';
import { textWidth } from './text';

export interface PillStyle {
	fill: string;
	stroke: string;
	color: string;
	size?: number;
	h?: number;
}

/** Width of a pill for `label` at font `size`. */
export function pillWidth(label: string, size: number): number {
	return textWidth(label, size, true) + 32;
}

/** A pill at (x, y) with its label in bold; `hit` makes it a target for taps. */
export function pill(
	x: number,
	y: number,
	label: string,
	style: PillStyle,
	hit?: { kind: string; id: string }
): GroupShape {
	const size = style.size ?? 20;
	const h = style.h ?? 38;
	return {
		type: 'group',
		x,
		y,
		hit,
		children: [
			{
				type: 'rect',
				x: 0,
				y: 0,
				w: pillWidth(label, size),
				h,
				r: h / 2,
				fill: style.fill,
				stroke: style.stroke,
				strokeWidth: 2
			},
			{
				type: 'text',
				x: 16,
				y: (h - size * 1.25) / 2,
				lines: [label],
				size,
				bold: true,
				color: style.color
			}
		]
	};
}
