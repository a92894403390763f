/**
 * The smallest single splice that turns `before` into `after` (common prefix and suffix kept).
 * Applied to a Y.Text, it merges with concurrent edits elsewhere in the text instead of
 * overwriting them (no last-writer-wins).
 */
export interface TextSplice {
	index: number;
	deleteCount: number;
	insert: string;
}

export function diffText(before: string, after: string, cursorHint?: number): TextSplice | null {
	if (before === after) return null;
	const max = Math.min(before.length, after.length);
	let prefix = 0;
	while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
	// Where typing repeats a character ("aa" → "aaa"), prefer a splice ending at the cursor.
	if (cursorHint !== undefined)
		prefix = Math.min(prefix, Math.max(0, cursorHint - (after.length - before.length)));
	let suffix = 0;
	while (
		suffix < max - prefix &&
		before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
	)
		suffix++;
	// Never split a surrogate pair.
	if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
	if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
	return {
		index: prefix,
		deleteCount: before.length - prefix - suffix,
		insert: after.slice(prefix, after.length - suffix)
	};
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
