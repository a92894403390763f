/** Colours and sizes of elements on the canvas (world units unless said otherwise). */
export const STICKY_FILLS: Record<string, string> = {
	yellow: '#fff1a6',
	green: '#cdefc4',
	blue: '#cfe4ff',
	pink: '#ffd6e6',
	orange: '#ffdcb3',
	purple: '#e4d9ff',
	grey: '#e6e9ee'
};

/** Stroke colours for shapes, arrows and pen (all ≥ 4.5:1 on white). */
export const INK_COLORS: Record<string, string> = {
	black: '#1b1f24',
	blue: '#1d4e89',
	green: '#1e6b3a',
	red: '#a4161a',
	purple: '#6b3fa0',
	orange: '#9a4a00'
};

export const TEXT_COLOR = '#1b1f24';
export const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
export const SELECTION_COLOR = '#1d4e89';

export const DEFAULT_FONT: Record<string, number> = {
	sticky: 26,
	text: 36,
	rect: 24,
	ellipse: 24,
	frame: 30
};

export const DEFAULT_SIZE: Record<string, { w: number; h: number }> = {
	sticky: { w: 240, h: 240 },
	text: { w: 480, h: 60 },
	rect: { w: 260, h: 160 },
	ellipse: { w: 240, h: 160 },
	frame: { w: 1000, h: 640 }
};

export function stickyFill(color: string): string {
	return STICKY_FILLS[color] ?? STICKY_FILLS.yellow ?? '#fff1a6';
}

export function ink(color: string): string {
	return INK_COLORS[color] ?? (/^#[0-9a-f]{6}$/i.test(color) ? color : TEXT_COLOR);
}

/** Below this zoom, text is too small to read and is not drawn (level of detail). */
export const TEXT_MIN_SCALE = 0.3;
