/**
 * The display list as an SVG string: pure, runs in Node, used for snapshots, the diff view and
 * the PDF (ARCHITECTURE.md §2b). Everything user-written is escaped; nothing is taken from the
 * list as markup.
 */
import {
	DEFAULT_LINE_HEIGHT,
	shownAt,
	type DisplayList,
	type LineShape,
	type Paint,
	type Shape
} from './display';
import { arrowHead } from './geometry';
import { TOOL_FONT_STACK } from './text';

export function escapeXml(text: string): string {
	return text.replace(/[&<>"']/g, (c) =>
		c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'
	);
}

const num = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 100) / 100) : '0');

function paint(p: Paint, defaults: { fill?: string } = {}): string {
	const parts: string[] = [];
	parts.push(`fill="${escapeXml(p.fill ?? defaults.fill ?? 'none')}"`);
	if (p.stroke) {
		parts.push(`stroke="${escapeXml(p.stroke)}"`, `stroke-width="${num(p.strokeWidth ?? 1)}"`);
		if (p.dash?.length) parts.push(`stroke-dasharray="${p.dash.map(num).join(' ')}"`);
	}
	if (p.opacity !== undefined && p.opacity < 1) parts.push(`opacity="${num(p.opacity)}"`);
	return parts.join(' ');
}

export interface SvgOptions {
	/** View scale for level of detail (1 = world units as pixels). */
	scale?: number;
	/** Accessible title of the picture. */
	title?: string;
	/** Background fill of the whole picture. */
	background?: string;
	/** Output size in CSS pixels (default: the list's size). */
	width?: number;
	height?: number;
}

/** Draws a display list as a standalone SVG document. */
export function renderSvg(list: DisplayList, options: SvgOptions = {}): string {
	const scale = options.scale ?? 1;
	let clipCount = 0;
	const defs: string[] = [];
	const out: string[] = [];

	const line = (s: LineShape): string => {
		const pts = s.points;
		const pairs: string[] = [];
		for (let i = 0; i + 1 < pts.length; i += 2) pairs.push(`${num(pts[i]!)},${num(pts[i + 1]!)}`);
		const cap = s.cap === 'round' ? ' stroke-linecap="round" stroke-linejoin="round"' : '';
		const tag = s.closed ? 'polygon' : 'polyline';
		let svg = `<${tag} points="${pairs.join(' ')}" ${paint(s)}${cap}/>`;
		if (s.arrow) {
			const head = arrowHead(pts, Math.max(8, (s.strokeWidth ?? 1) * 4));
			if (head)
				svg += `<polygon points="${head.map((p) => `${num(p.x)},${num(p.y)}`).join(' ')}" fill="${escapeXml(s.stroke ?? '#000')}"/>`;
		}
		return svg;
	};

	const draw = (shapes: readonly Shape[], indent: string) => {
		for (const s of shapes) {
			if (!shownAt(s, scale)) continue;
			switch (s.type) {
				case 'rect':
					out.push(
						`${indent}<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(Math.max(0, s.w))}" height="${num(Math.max(0, s.h))}"${s.r ? ` rx="${num(s.r)}"` : ''} ${paint(s)}/>`
					);
					break;
				case 'ellipse':
					out.push(
						`${indent}<ellipse cx="${num(s.cx)}" cy="${num(s.cy)}" rx="${num(Math.max(0, s.rx))}" ry="${num(Math.max(0, s.ry))}" ${paint(s)}/>`
					);
					break;
				case 'line':
					out.push(indent + line(s));
					break;
				case 'path': {
					const k = s.scale ?? 1;
					const tf =
						s.x || s.y || k !== 1
							? ` transform="translate(${num(s.x ?? 0)} ${num(s.y ?? 0)}) scale(${num(k)})"`
							: '';
					// Stroke widths of icons are in icon units: scaled with the icon.
					out.push(`${indent}<path d="${escapeXml(s.d)}"${tf} ${paint(s)}/>`);
					break;
				}
				case 'text': {
					const size = s.fixed ? s.size * Math.min(1, 1 / scale) : s.size;
					const lh = size * (s.lineHeight ?? DEFAULT_LINE_HEIGHT);
					const anchor = s.align === 'center' ? 'middle' : s.align === 'right' ? 'end' : 'start';
					const attrs = [
						`font-size="${num(size)}"`,
						`fill="${escapeXml(s.color)}"`,
						anchor !== 'start' ? `text-anchor="${anchor}"` : '',
						s.bold ? 'font-weight="bold"' : '',
						s.opacity !== undefined && s.opacity < 1 ? `opacity="${num(s.opacity)}"` : ''
					]
						.filter(Boolean)
						.join(' ');
					s.lines.forEach((text, i) => {
						if (!text) return;
						out.push(
							`${indent}<text x="${num(s.x)}" y="${num(s.y + lh * i + lh / 2)}" dominant-baseline="central" ${attrs}>${escapeXml(text)}</text>`
						);
					});
					break;
				}
				case 'group': {
					if (s.control) break;
					const tf = s.x || s.y ? ` transform="translate(${num(s.x ?? 0)} ${num(s.y ?? 0)})"` : '';
					let clip = '';
					if (s.clip) {
						const id = `clip${++clipCount}`;
						defs.push(
							`<clipPath id="${id}"><rect x="${num(s.clip.x)}" y="${num(s.clip.y)}" width="${num(s.clip.w)}" height="${num(s.clip.h)}"/></clipPath>`
						);
						clip = ` clip-path="url(#${id})"`;
					}
					out.push(`${indent}<g${tf}${clip}>`);
					draw(s.children, indent + '  ');
					out.push(`${indent}</g>`);
					break;
				}
			}
		}
	};

	draw(list.shapes, '  ');
	const w = options.width ?? list.width;
	const h = options.height ?? list.height;
	const head = [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${num(list.width)} ${num(list.height)}" width="${num(w)}" height="${num(h)}" font-family="${escapeXml(TOOL_FONT_STACK)}"${options.title ? ' role="img"' : ''}>`
	];
	if (options.title) head.push(`  <title>${escapeXml(options.title)}</title>`);
	if (defs.length) head.push(`  <defs>${defs.join('')}</defs>`);
	if (options.background)
		head.push(
			`  <rect x="0" y="0" width="${num(list.width)}" height="${num(list.height)}" fill="${escapeXml(options.background)}"/>`
		);
	return [...head, ...out, '</svg>'].join('\n');
}
