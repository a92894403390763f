/** The timeline's sizes and colours (content units). */
export const LABEL_COLUMN = 176;
export const RIGHT = 56;
/** Room at the top for the today label and two rows of phase labels. */
export const TOP = 104;
export const PILL_H = 32;
export const BOTTOM = 16;
export const AXIS_HEIGHT = 120;
export const CARD_MIN_W = 230;
export const CARD_MAX_W = 380;
export const CARD_H = 88;
export const GAP = 10;
export const ROW = CARD_H + GAP;
export const INK = '#1b1f24';
export const MUTED = '#4a525c';
export const SELECTED = '#1d4e89';
/** Below this view scale card text is too small to read and is not drawn. */
export const TEXT_SCALE = 0.18;
