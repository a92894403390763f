/** The genogram's legend: what is drawn, listed with a sample of each symbol and line. */
import type { Shape } from '../draw/display';
import { ellipsize, textWidth, wrapText } from '../draw/text';
import type { Size } from '../types';
import type { BondKind, ChildKind, GenoBond, GenogramModel, GenoMember, UnionKind } from './model';
import {
	CHILD_DASH,
	FOSTER,
	HOUSEHOLD_COLORS,
	INK,
	LEGEND_W,
	MARGIN,
	PLACED_FILL,
	S,
	SELECTED,
	UNION_DASH
} from './metrics';
import { bondShapes, line, scaleShapes, symbol, type Pen } from './symbols';
import type { Ctx } from './layout';

/** What the legend lists: the symbols and lines actually drawn. */
export type LegendKey =
	| 'male'
	| 'female'
	| 'unknown'
	| 'deceased'
	| 'index'
	| 'placed'
	| 'pregnancy'
	| 'miscarriage'
	| 'stillbirth'
	| `union.${UnionKind}`
	| `child.${ChildKind}`
	| 'twins'
	| 'identical'
	| 'household'
	| 'fosterHousehold'
	| `bond.${BondKind}`;

export const LEGEND_ORDER: LegendKey[] = [
	'male',
	'female',
	'unknown',
	'deceased',
	'index',
	'placed',
	'pregnancy',
	'miscarriage',
	'stillbirth',
	'union.married',
	'union.cohabiting',
	'union.engaged',
	'union.separated',
	'union.divorced',
	'union.widowed',
	'child.biological',
	'child.adopted',
	'child.foster',
	'twins',
	'identical',
	'household',
	'fosterHousehold',
	'bond.close',
	'bond.very-close',
	'bond.distant',
	'bond.conflict',
	'bond.cut-off',
	'bond.hostile',
	'bond.abuse',
	'bond.focused'
];

/** A legend sample (in a 44 × 28 box at the origin, content units = layout units here). */
export function sample(key: LegendKey): Shape[] {
	const k1: Pen = { k: 1, X: (x) => x, Y: (y) => y };
	const member = (over: Partial<GenoMember>): GenoMember => ({
		id: '',
		kind: 'person',
		name: '',
		sex: 'unknown',
		birthYear: null,
		deathYear: null,
		deceased: false,
		indexChild: false,
		placed: false,
		relation: '',
		note: '',
		dx: 0,
		dy: 0,
		...over
	});
	const sym = (m: GenoMember): Shape[] => {
		const { shapes } = symbol(m, false, 0, () => '');
		const body = shapes.filter(
			(s) => s.type !== 'text' && !(s.type === 'rect' && s.fill === PLACED_FILL && s.r === 13)
		);
		return [{ type: 'group', x: 22 - 14, y: 0, children: scaleShapes(body, 28 / S) }];
	};
	if (key.startsWith('bond.')) {
		const kind = key.slice(5) as BondKind;
		const pts: [number, number][] = Array.from(
			{ length: 9 },
			(_, i) => [2 + i * 5, 14] as [number, number]
		);
		return bondShapes({ ...k1, k: 1 }, kind, pts).map((s) =>
			s.type === 'line' ? { ...s, strokeWidth: 2.2 } : s
		);
	}
	if (key.startsWith('union.')) {
		const kind = key.slice(6) as UnionKind;
		const out: Shape[] = [line(k1, [0, 14, 44, 14], { dash: UNION_DASH[kind], width: 3 })];
		const slashes = kind === 'separated' ? [22] : kind === 'divorced' ? [17, 27] : [];
		for (const x of slashes) out.push(line(k1, [x - 5, 24, x + 5, 4], { width: 3 }));
		return out;
	}
	if (key.startsWith('child.')) {
		const kind = key.slice(6) as ChildKind;
		return [
			line(k1, [22, 0, 22, 28], {
				dash: CHILD_DASH[kind]?.map((d) => d * 0.8),
				width: 3,
				stroke: kind === 'foster' ? FOSTER : INK
			})
		];
	}
	switch (key) {
		case 'male':
			return sym(member({ sex: 'male' }));
		case 'female':
			return sym(member({ sex: 'female' }));
		case 'unknown':
			return sym(member({ sex: 'unknown' }));
		case 'deceased':
			return sym(member({ sex: 'male', deceased: true }));
		case 'index':
			return sym(member({ sex: 'female', indexChild: true }));
		case 'placed':
			return [
				{
					type: 'rect',
					x: 0,
					y: 4,
					w: 44,
					h: 20,
					r: 10,
					fill: PLACED_FILL,
					stroke: FOSTER,
					strokeWidth: 2
				}
			];
		case 'pregnancy':
			return sym(member({ kind: 'pregnancy' }));
		case 'miscarriage':
			return sym(member({ kind: 'miscarriage' }));
		case 'stillbirth':
			return sym(member({ kind: 'stillbirth', sex: 'male', deceased: true }));
		case 'twins':
			return [line(k1, [4, 2, 40, 2]), line(k1, [22, 2, 8, 28]), line(k1, [22, 2, 36, 28])];
		case 'identical':
			return [
				line(k1, [4, 2, 40, 2]),
				line(k1, [22, 2, 8, 28]),
				line(k1, [22, 2, 36, 28]),
				line(k1, [15, 15, 29, 15])
			];
		case 'household':
		case 'fosterHousehold':
			return [
				{
					type: 'rect',
					x: 2,
					y: 2,
					w: 40,
					h: 24,
					r: 9,
					stroke: key === 'household' ? HOUSEHOLD_COLORS[0] : FOSTER,
					strokeWidth: 3,
					fill: 'rgba(11,100,112,0.05)'
				}
			];
	}
	return [];
}

/** Legend entries in columns this wide when the legend stands below the diagram. */
export const LEGEND_COL = 300;
export const LEGEND_ROW = 36;

export function legendColumns(width: number): number {
	return width >= 1000 ? 1 : Math.max(1, Math.floor((width - 2 * MARGIN - 16) / LEGEND_COL));
}

/** The legend's height for `entries` entries (an estimate for two-line labels aside). */
export function legendHeight(entries: number, toggle: boolean, width: number): number {
	// Room for some labels on two lines.
	return 60 + Math.ceil(entries / legendColumns(width)) * (LEGEND_ROW + 12) + (toggle ? 52 : 0);
}

/** What the legend will list for a model (the drawing records the same as it draws). */
export function legendKeysOf(model: GenogramModel): Set<LegendKey> {
	const keys = new Set<LegendKey>();
	for (const m of model.members.values()) {
		if (m.kind !== 'person') keys.add(m.kind);
		else keys.add(m.sex === 'male' ? 'male' : m.sex === 'female' ? 'female' : 'unknown');
		if (m.deceased && m.kind === 'person') keys.add('deceased');
		if (m.indexChild) keys.add('index');
		if (m.placed) keys.add('placed');
	}
	for (const u of model.unions) {
		if (u.partners.length === 2) keys.add(`union.${u.kind}`);
		for (const l of u.children) {
			keys.add(`child.${l.kind}`);
			if (l.twin) keys.add(l.identical ? 'identical' : 'twins');
		}
	}
	for (const h of model.households)
		if (h.members.length > 0) keys.add(h.foster ? 'fosterHousehold' : 'household');
	if (model.showBonds) for (const b of model.bonds) keys.add(`bond.${b.kind}`);
	return keys;
}

export function drawLegend(ctx: Ctx, size: Size, listed: GenoBond[]): Shape[] {
	const { model, context } = ctx;
	const t = context.t;
	const right = size.width >= 1000;
	const x0 = right ? size.width - LEGEND_W : MARGIN;
	const width = right ? LEGEND_W - MARGIN : Math.max(200, size.width - 2 * MARGIN);
	const out: Shape[] = [];
	const rows: Shape[] = [];
	rows.push({
		type: 'text',
		x: 16,
		y: 14,
		lines: [t('genogram.legend.title')],
		size: 20,
		bold: true,
		color: INK
	});
	let y = 52;
	const keys = LEGEND_ORDER.filter((key) => ctx.used.has(key));
	const columns = legendColumns(size.width);
	const perColumn = Math.ceil(keys.length / columns);
	const colWidth = columns > 1 ? LEGEND_COL : width;
	let bottom = y;
	keys.forEach((key, i) => {
		const col = Math.floor(i / perColumn);
		if (i % perColumn === 0) y = 52;
		const x = 16 + col * colWidth;
		const label = wrapText(t(`genogram.legend.${key}`), colWidth - 84, 17, { maxLines: 2 });
		rows.push({ type: 'group', x, y, children: sample(key) });
		rows.push({ type: 'text', x: x + 56, y: y + 2, lines: label, size: 17, color: INK });
		y += LEGEND_ROW + (label.length - 1) * 21;
		bottom = Math.max(bottom, y);
	});
	y = bottom;
	if (model.bonds.length > 0) {
		const label = t(model.showBonds ? 'genogram.legend.bondsShown' : 'genogram.legend.bondsHidden');
		const w = Math.min(width - 32, textWidth(label, 16, true) + 28);
		rows.push({
			type: 'group',
			x: 16,
			y: y + 6,
			hit: { kind: 'toggle-bonds', id: '' },
			control: true,
			children: [
				{
					type: 'rect',
					x: 0,
					y: 0,
					w,
					h: 34,
					r: 17,
					fill: model.showBonds ? '#e8eef6' : '#ffffff',
					stroke: SELECTED,
					strokeWidth: 2
				},
				{
					type: 'text',
					x: 14,
					y: 7,
					lines: [ellipsize(label, w - 24, 16, true)],
					size: 16,
					bold: true,
					color: SELECTED
				}
			]
		});
		y += 52;
	}
	if (listed.length > 0) {
		rows.push({
			type: 'text',
			x: 16,
			y,
			lines: [t('genogram.legend.listed')],
			size: 17,
			bold: true,
			color: INK
		});
		y += 28;
		listed.forEach((bond, i) => {
			const a = model.members.get(bond.a)?.name ?? '';
			const b = model.members.get(bond.b)?.name ?? '';
			const label = `${i + 1}. ${a} – ${b}: ${t(`genogram.bond.${bond.kind}`).toLowerCase()}`;
			for (const l of wrapText(label, width - 32, 16, { maxLines: 2 })) {
				rows.push({ type: 'text', x: 16, y, lines: [l], size: 16, color: INK });
				y += 22;
			}
		});
	}
	const h = y + 8;
	const top = right ? MARGIN : size.height - h - MARGIN;
	out.push({
		type: 'group',
		x: x0,
		y: top,
		children: [
			{
				type: 'rect',
				x: 0,
				y: 0,
				w: width,
				h,
				r: 12,
				fill: '#ffffff',
				stroke: '#c9d0d8',
				strokeWidth: 2
			},
			...rows
		]
	});
	return out;
}
