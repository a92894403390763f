/** The network map's sizes and inks at scale 1 (world units), shared by its layout and packing. */
/** A token's size at scale 1 (world units): the round token with the name and role below. */
export const TOKEN_R = 26;
export const INITIALS_SIZE = 21;
export const NAME_SIZE = 20;
export const ROLE_SIZE = 15;
export const LINE = 1.2;
export const NAME_TOP = 2 * TOKEN_R + 5;
/** The width names and roles wrap at (at most two lines each). */
export const BOX_W = 140;
/** Text lines never get wider than this, even for one long word. */
export const TEXT_MAX_W = 200;
/** Room between two tokens at scale 1. */
export const GAP = 10;
/** Text smaller than this on screen (px) is not drawn. */
export const MIN_TEXT_PX = 7;

export const INK = '#1b1f24';
export const MUTED = '#4a525c';
export const SELECTED = '#1d4e89';
export const BOUNDARY = '#8a929e';
export const LEGEND_TEXT = 18;
/** The widest a sector label gets, and the least room it needs. */
export const LABEL_MAX_W = 230;
export const LABEL_MIN_W = 110;
export const LABEL_SIZE = 23;
