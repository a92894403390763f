/** The goal steps' sizes and inks at scale 1, shared by their layout and the staircase drawing. */
export const PAD = 28;
export const GAP = 28;
export const TOP_BAR = 60;
export const STRIP_H = 128;
export const HEADER_PAD = 20;
export const BAR_W = 64;
export const STEP_MIN = 76;
export const STEP_MAX = 108;
export const FLAG_H = 64;
export const FOOT_H = 64;
export const INK = '#1b1f24';
export const MUTED = '#4a525c';
export const SELECTED = '#1d4e89';
export const DONE = '#1e6b3a';
export const TEXT_SCALE = 0.18;
