/** The Signs of Safety tool's sizes, inks and card text sizes at scale 1, shared by its layout and scales. */

export const PAD = 28;
export const GAP = 28;
export const HEADER_H = 96;
export const SECTION_H = 32;
export const CARD_GAP = 12;
export const CARD_PAD = 12;
export const TEXT_LINES = 4;
/** Card text sizes tried, largest first: the largest at which every card fits is used. */
export const TEXT_SIZES = [30, 28, 26, 24, 22, 20, 18] as const;

/** The type sizes of the cards for one card text size. */
export interface CardType {
	text: number;
	textLH: number;
	small: number;
	smallLH: number;
	voiceRow: number;
	metaRow: number;
}

export function cardType(size: number): CardType {
	const small = Math.round(size * 0.8);
	return {
		text: size,
		textLH: size * 1.25,
		small,
		smallLH: small * 1.25,
		voiceRow: Math.round(size * 1.25),
		metaRow: Math.round(size * 1.15)
	};
}
export const MORE_H = 40;
export const INK = '#1b1f24';
export const MUTED = '#4a525c';
export const SELECTED = '#1d4e89';
/** Below this view scale card text is too small to read and is not drawn. */
export const TEXT_SCALE = 0.18;
export const PAIR_ROW = 124;
