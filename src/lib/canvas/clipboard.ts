/**
 * Copy, cut and paste of board elements: within the board (a module-level clipboard, so it works
 * between boards in one tab too), through the system clipboard (our own MIME type, plain text for
 * other programs), pasted text as a new sticky note and pasted images through the upload.
 * Pasted records are validated by the same reader the board uses.
 */
import * as Y from 'yjs';
import { newId, pasteElements, readElement, setText, type ElementRecord } from '$lib/board';
import type { CanvasHost } from './host';

const CLIPBOARD_MIME = 'application/x-moedetavle-elements';
let clipboard: ElementRecord[] = [];

export interface ClipboardActions {
	/** Adds a sticky note in the middle of the view; returns its id. */
	addSticky(): string | null;
	insertImage(file: File): Promise<void>;
	deleteSelection(): void;
	/** Closes the text editor overlay (a pasted note is not edited). */
	closeEditor(): void;
}

export class Clipboard {
	readonly #host: CanvasHost;
	readonly #actions: ClipboardActions;

	constructor(host: CanvasHost, actions: ClipboardActions) {
		this.#host = host;
		this.#actions = actions;
	}

	#selected(): ElementRecord[] {
		return this.#host.selection.flatMap((id) => this.#host.records.get(id) ?? []);
	}

	/** The records plus arrows that connect two of them, in paint order. */
	withBoundArrows(records: ElementRecord[]): ElementRecord[] {
		const host = this.#host;
		const ids = new Set(records.map((r) => r.id));
		const extra = [...host.records.values()].filter(
			(el) =>
				el.type === 'arrow' &&
				!ids.has(el.id) &&
				el.from &&
				el.to &&
				ids.has(el.from) &&
				ids.has(el.to)
		);
		return [...records, ...extra].sort((a, b) => host.orderOf(a.id) - host.orderOf(b.id));
	}

	copy(): ElementRecord[] {
		clipboard = this.withBoundArrows(this.#selected());
		return clipboard;
	}

	/** Pastes records (default: what was copied) offset by `offset`, and selects the copies. */
	paste(records: ElementRecord[] = clipboard, offset = 40): void {
		const host = this.#host;
		if (host.readOnly() || records.length === 0) return;
		host.boundary();
		const all = this.withBoundArrows(records);
		const newIds = Object.fromEntries(all.map((r) => [r.id, newId()]));
		pasteElements(host.doc, { records: all, newIds, dx: offset, dy: offset, author: host.userId });
		host.render();
		host.select(Object.values(newIds));
	}

	duplicate(): void {
		if (this.#host.readOnly() || this.#host.selection.length === 0) return;
		this.paste(this.#selected(), 40);
	}

	/** Listens to the document's copy, cut and paste while the canvas has focus. */
	bind(): () => void {
		const host = this.#host;
		const c = host.container;
		const copy = (e: ClipboardEvent) => {
			if (document.activeElement !== c) return;
			const records = this.copy();
			if (records.length === 0) return;
			e.clipboardData?.setData(CLIPBOARD_MIME, JSON.stringify(records));
			e.clipboardData?.setData(
				'text/plain',
				records
					.map((r) => r.text)
					.filter(Boolean)
					.join('\n')
			);
			e.preventDefault();
		};
		const cut = (e: ClipboardEvent) => {
			copy(e);
			if (document.activeElement === c) this.#actions.deleteSelection();
		};
		const paste = (e: ClipboardEvent) => {
			if (document.activeElement !== c || host.readOnly()) return;
			const file = [...(e.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
			if (file) {
				e.preventDefault();
				void this.#actions.insertImage(file);
				return;
			}
			const data = e.clipboardData?.getData(CLIPBOARD_MIME);
			if (data) {
				e.preventDefault();
				try {
					const parsed = JSON.parse(data) as unknown;
					this.paste(Array.isArray(parsed) ? parsed.flatMap((r) => toRecord(r) ?? []) : []);
				} catch {
					this.paste();
				}
				return;
			}
			const text = e.clipboardData?.getData('text/plain');
			if (text) {
				e.preventDefault();
				const id = this.#actions.addSticky();
				this.#actions.closeEditor();
				if (id) setText(host.doc, { id, text: text.slice(0, 5000) });
			}
		};
		document.addEventListener('copy', copy);
		document.addEventListener('cut', cut);
		document.addEventListener('paste', paste);
		return () => {
			document.removeEventListener('copy', copy);
			document.removeEventListener('cut', cut);
			document.removeEventListener('paste', paste);
		};
	}
}

/** Validates a pasted record through the same reader the board uses. */
function toRecord(value: unknown): ElementRecord | null {
	if (typeof value !== 'object' || value === null) return null;
	const r = value as Record<string, unknown>;
	const doc = new Y.Doc();
	const map = new Y.Map<unknown>();
	doc.getMap('tmp').set('x', map);
	for (const [k, v] of Object.entries(r)) if (k !== 'id' && k !== 'text') map.set(k, v);
	map.set('text', new Y.Text(typeof r.text === 'string' ? r.text : ''));
	return typeof r.id === 'string' ? readElement(r.id, map) : null;
}
