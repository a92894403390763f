/** Defines one area's messages: Danish first, and English with exactly the same keys. */
export function defineMessages<const T extends Record<string, string>>(
	da: T,
	en: { [K in keyof T]: string }
): { da: T; en: { [K in keyof T]: string } } {
	return { da, en };
}
