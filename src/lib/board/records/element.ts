/**
 * Free canvas elements (`elements` root, ARCHITECTURE.md §2). In the document each element is a
 * Y.Map; `text` is a Y.Text for the types that carry text. Readers turn a Y.Map into the plain
 * `ElementRecord` below and skip what does not validate.
 */
import * as v from 'valibot';
import * as Y from 'yjs';
import { finiteNumber, id, orderKey, shortText } from './common';

export const ELEMENT_TYPES = [
	'sticky',
	'text',
	'rect',
	'ellipse',
	'arrow',
	'path',
	'image',
	'frame',
	'tool'
] as const;
export type ElementType = (typeof ELEMENT_TYPES)[number];

/**
 * The domain tools (ARCHITECTURE.md §2b). On the canvas each is a frame element `type: 'tool'`
 * with `tool` naming it; its content lives in the tool's own root key, one instance per board.
 */
export const TOOL_IDS = ['timeline', 'genogram', 'network', 'sos', 'goals'] as const;
export type ToolId = (typeof TOOL_IDS)[number];

/** The element id of a tool's frame: fixed per tool, so two people placing it make one frame. */
export function toolFrameId(tool: ToolId): string {
	return `tool-${tool}`;
}

/** Types whose `text` field is a collaborative Y.Text. */
export const TEXT_ELEMENT_TYPES: ReadonlySet<ElementType> = new Set([
	'sticky',
	'text',
	'rect',
	'ellipse',
	'frame'
]);

/** Sticky note colours (names, mapped to fills by the view). */
export const STICKY_COLORS = [
	'yellow',
	'green',
	'blue',
	'pink',
	'orange',
	'purple',
	'grey'
] as const;

/** Largest element side in world units; larger values are treated as invalid. */
export const MAX_EXTENT = 1_000_000;

const coordinate = v.pipe(finiteNumber, v.minValue(-MAX_EXTENT), v.maxValue(MAX_EXTENT));
const size = v.pipe(finiteNumber, v.minValue(0), v.maxValue(MAX_EXTENT));

export const ElementSchema = v.object({
	id,
	type: v.picklist(ELEMENT_TYPES),
	x: coordinate,
	y: coordinate,
	w: size,
	h: size,
	/** Degrees, clockwise, around the element's top-left corner (Konva's convention). */
	rotation: finiteNumber,
	color: v.pipe(v.string(), v.maxLength(32)),
	/** Fractional index: paint order, lowest first. */
	z: orderKey,
	/** The text as a string (the Y.Text's content). Empty for types without text. */
	text: v.pipe(v.string(), v.maxLength(100_000)),
	/** Path points or an unbound arrow's endpoints, relative to x/y: [x0, y0, x1, y1, …]. */
	points: v.optional(v.pipe(v.array(coordinate), v.maxLength(20_000))),
	/** Arrow start/end bound to another element's id. */
	from: v.optional(v.nullable(id)),
	to: v.optional(v.nullable(id)),
	/** Tool frame: which tool it shows. */
	tool: v.optional(v.picklist(TOOL_IDS)),
	/** Image: sha256 of the uploaded image (served from /api/images/<sha256>). */
	src: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
	/** Font size in world units for text-bearing types. */
	fontSize: v.optional(v.pipe(finiteNumber, v.minValue(4), v.maxValue(400))),
	author: v.optional(shortText),
	createdAt: v.optional(finiteNumber)
});

export type ElementRecord = v.InferOutput<typeof ElementSchema>;

/** Reads one element Y.Map into a plain record, or null when it is not a valid element. */
export function readElement(elementId: string, map: unknown): ElementRecord | null {
	if (!(map instanceof Y.Map)) return null;
	const text = map.get('text');
	const raw = {
		id: elementId,
		type: map.get('type'),
		x: map.get('x'),
		y: map.get('y'),
		w: map.get('w'),
		h: map.get('h'),
		rotation: map.get('rotation') ?? 0,
		color: map.get('color') ?? '',
		z: map.get('z'),
		text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
		points: map.get('points') ?? undefined,
		from: map.get('from') ?? undefined,
		to: map.get('to') ?? undefined,
		tool: map.get('tool') ?? undefined,
		src: map.get('src') ?? undefined,
		fontSize: map.get('fontSize') ?? undefined,
		author: map.get('author') ?? undefined,
		createdAt: map.get('createdAt') ?? undefined
	};
	const result = v.safeParse(ElementSchema, raw);
	if (!result.success) return null;
	const el = result.output;
	if (el.type === 'tool' && !el.tool) return null;
	if (
		(el.type === 'path' || (el.type === 'arrow' && (!el.from || !el.to))) &&
		(el.points?.length ?? 0) < 4
	)
		return null;
	return el;
}
