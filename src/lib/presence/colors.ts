/** Presence colours: one stable colour per user, dark enough for white text on it (≥ 4.5:1). */
const PALETTE = [
	'#b3261e',
	'#1d4e89',
	'#1e6b3a',
	'#7b3fa0',
	'#a34d00',
	'#00666e',
	'#8a1c5b',
	'#4a5a00'
];

export function colorFor(id: string): string {
	let hash = 0;
	for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
	return PALETTE[hash % PALETTE.length] ?? '#1d4e89';
}
