/** Image types accepted for board images, recognised by their magic bytes (never by the header). */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export type ImageMime = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

export function sniffImage(bytes: Uint8Array): ImageMime | null {
	const at = (i: number) => bytes[i] ?? -1;
	const ascii = (from: number, text: string) =>
		[...text].every((c, i) => at(from + i) === c.charCodeAt(0));
	if ([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b))
		return 'image/png';
	if (at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg';
	if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
	if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
	return null;
}
