/** Stable random ids for board records (works in browsers, Node and tests). */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id of 16 characters from [a-z0-9] (≈ 82 bits), from `crypto.getRandomValues`. */
export function newId(random: () => number = cryptoRandom): string {
	let id = '';
	for (let i = 0; i < 16; i++) id += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? 'a';
	return id;
}

function cryptoRandom(): number {
	const buf = new Uint32Array(1);
	crypto.getRandomValues(buf);
	return (buf[0] ?? 0) / 0x1_0000_0000;
}
