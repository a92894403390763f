import { describe, expect, it } from 'vitest';
import { sniffImage } from './image-type';

describe('sniffImage', () => {
	it('recognises the accepted types by magic bytes', () => {
		expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
			'image/png'
		);
		expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
		expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(sniffImage(new TextEncoder().encode('GIF89a...'))).toBe('image/gif');
	});
	it('refuses everything else, whatever it claims to be', () => {
		expect(
			sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))
		).toBeNull();
		expect(sniffImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
		expect(sniffImage(new Uint8Array([]))).toBeNull();
	});
});
