/** The genogram's sizes and colours (layout units; scaled to the frame by the layout). */
import type { BondKind, ChildKind, UnionKind } from './model';

/** Symbol size (layout units). */
export const S = 64;
/** One generation's height. */
export const ROW = 270;
/** The symbol's top within its generation's band. */
export const SYM_TOP = 76;
export const MID = SYM_TOP + S / 2;
export const INK = '#1b1f24';
export const MUTED = '#4a525c';
export const SELECTED = '#1d4e89';
export const FOSTER = '#8a4b00';
export const PLACED_FILL = '#fff1e0';
export const LEGEND_W = 360;
/** Sibling bars whose spans overlap in one generation get separate heights (up to this many). */
export const BAR_TRACKS = 4;
export const MARGIN = 28;
export const NAME_SIZE = 19;
/** A small family is drawn larger than layout units (legible on a meeting-room screen), up to this. */
export const MAX_SCALE = 1.35;
export const YEAR_SIZE = 16;

export const BOND_STYLE: Record<BondKind, { color: string }> = {
	close: { color: '#1e6b3a' },
	'very-close': { color: '#1e6b3a' },
	distant: { color: '#4a525c' },
	conflict: { color: '#a4161a' },
	'cut-off': { color: '#1b1f24' },
	hostile: { color: '#a4161a' },
	abuse: { color: '#7a1010' },
	focused: { color: '#1d4e89' }
};

export const HOUSEHOLD_COLORS = ['#0b6470', '#4b3a8f', '#1e6b3a', '#8a1c5c'];

export const UNION_DASH: Record<UnionKind, number[] | undefined> = {
	married: undefined,
	cohabiting: [14, 9],
	engaged: [14, 6, 3, 6],
	separated: undefined,
	divorced: undefined,
	widowed: undefined
};

export const CHILD_DASH: Record<ChildKind, number[] | undefined> = {
	biological: undefined,
	adopted: [12, 8],
	foster: [2, 7]
};
