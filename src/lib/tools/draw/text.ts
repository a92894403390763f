/**
 * Text measurement for layouts, in pure code: widths from the metrics of the font the tools are
 * drawn in (DejaVu Sans, `font-metrics.ts`), so Node (snapshots, PDF) and the browser break lines
 * at the same words. Kerning is ignored; a small allowance keeps the browser's text inside.
 */
import { BOLD_WIDTHS, CODE_POINTS, FALLBACK, REGULAR_WIDTHS } from './font-metrics';
import { DEFAULT_LINE_HEIGHT, type TextAlign, type TextShape } from './display';

/** The font family the tool drawings use (loaded by the board page, embedded in the PDF). */
export const TOOL_FONT = 'DejaVu Sans';
export const TOOL_FONT_STACK = "'DejaVu Sans', 'Verdana', sans-serif";

// Widths by code point in flat arrays for the Latin range (layouts measure thousands of strings),
// a map for the few others.
const LATIN = 256;
const regularLatin = new Float64Array(LATIN).fill(FALLBACK.regular);
const boldLatin = new Float64Array(LATIN).fill(FALLBACK.bold);
const regular = new Map<number, number>();
const bold = new Map<number, number>();
CODE_POINTS.forEach((cp, i) => {
	const r = REGULAR_WIDTHS[i] ?? FALLBACK.regular;
	const b = BOLD_WIDTHS[i] ?? FALLBACK.bold;
	if (cp < LATIN) {
		regularLatin[cp] = r;
		boldLatin[cp] = b;
	} else {
		regular.set(cp, r);
		bold.set(cp, b);
	}
});

/** Allowance for rendering differences (hinting, subpixel positioning). */
const SLACK = 1.02;

/** Width of `text` at font size `size` (world units). */
export function textWidth(text: string, size: number, isBold = false): number {
	const latin = isBold ? boldLatin : regularLatin;
	const table = isBold ? bold : regular;
	const fallback = isBold ? FALLBACK.bold : FALLBACK.regular;
	let units = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < LATIN) units += latin[code]!;
		else {
			const cp = text.codePointAt(i) ?? code;
			if (cp > 0xffff) i++;
			units += table.get(cp) ?? fallback;
		}
	}
	return (units / 1000) * size * SLACK;
}

/** The widest line of a text shape. */
export function measureShape(shape: TextShape): number {
	return Math.max(0, ...shape.lines.map((l) => textWidth(l, shape.size, shape.bold)));
}

/** Cuts `text` to fit `width`, ending in "…" when cut. */
export function ellipsize(text: string, width: number, size: number, isBold = false): string {
	if (textWidth(text, size, isBold) <= width) return text;
	const chars = [...text];
	let lo = 0;
	let hi = chars.length;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (textWidth(chars.slice(0, mid).join('').trimEnd() + '…', size, isBold) <= width) lo = mid;
		else hi = mid - 1;
	}
	return lo === 0 ? '' : chars.slice(0, lo).join('').trimEnd() + '…';
}

/**
 * Breaks `text` into lines of at most `width`, at spaces (a word longer than a line is broken
 * inside). At most `maxLines` lines; the last one ends in "…" when text is left over.
 */
export function wrapText(
	text: string,
	width: number,
	size: number,
	options: { bold?: boolean; maxLines?: number } = {}
): string[] {
	const isBold = options.bold ?? false;
	const maxLines = options.maxLines ?? Infinity;
	const lines: string[] = [];
	for (const paragraph of text.split(/\r?\n/)) {
		const words = paragraph.split(/\s+/).filter(Boolean);
		let line = '';
		for (const word of words) {
			const candidate = line ? `${line} ${word}` : word;
			if (textWidth(candidate, size, isBold) <= width) {
				line = candidate;
				continue;
			}
			if (line) lines.push(line);
			line = '';
			let rest = word;
			while (textWidth(rest, size, isBold) > width && rest.length > 1) {
				const cut = ellipsize(rest, width, size, isBold).replace(/…$/, '');
				const n = Math.max(1, [...cut].length);
				const chars = [...rest];
				lines.push(chars.slice(0, n).join(''));
				rest = chars.slice(n).join('');
			}
			line = rest;
		}
		if (line || words.length === 0) lines.push(line);
	}
	while (lines.length > 0 && lines[lines.length - 1] === '' && lines.length > 1) lines.pop();
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	const last = kept.length - 1;
	kept[last] = ellipsize(`${kept[last] ?? ''}…`, width, size, isBold);
	return kept;
}

/** A text shape for `text` wrapped into `width` (a convenience for layouts). */
export function textBlock(
	text: string,
	at: { x: number; y: number; width: number },
	style: {
		size: number;
		color: string;
		bold?: boolean;
		align?: TextAlign;
		maxLines?: number;
		lineHeight?: number;
		minScale?: number;
	}
): TextShape {
	const lines = wrapText(text, at.width, style.size, {
		bold: style.bold,
		maxLines: style.maxLines
	});
	const x =
		style.align === 'center'
			? at.x + at.width / 2
			: style.align === 'right'
				? at.x + at.width
				: at.x;
	return {
		type: 'text',
		x,
		y: at.y,
		lines,
		size: style.size,
		color: style.color,
		bold: style.bold,
		align: style.align,
		lineHeight: style.lineHeight,
		minScale: style.minScale
	};
}

/** Height of `lines` lines at `size`. */
export function linesHeight(lines: number, size: number, lineHeight = DEFAULT_LINE_HEIGHT): number {
	return lines * size * lineHeight;
}
