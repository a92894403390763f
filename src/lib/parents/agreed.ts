/**
 * "Det aftalte vi": the decisions and agreements of the minutes, the part a parent most needs
 * to find again (pure: read from the minutes' blocks).
 */
import type { MinutesBlock } from '../editor/read';

export type Agreed =
	| { type: 'decision'; text: string }
	| { type: 'agreement'; text: string; who: string; due: string };

/** The decisions and agreements among the minutes' blocks, in their order; empty ones left out. */
export function agreedOf(blocks: MinutesBlock[]): Agreed[] {
	const out: Agreed[] = [];
	for (const block of blocks) {
		if (block.type === 'decision' && block.text.trim())
			out.push({ type: 'decision', text: block.text.trim() });
		else if (block.type === 'agreement' && block.text.trim())
			out.push({ type: 'agreement', text: block.text.trim(), who: block.who, due: block.due });
	}
	return out;
}
