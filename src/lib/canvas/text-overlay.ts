/**
 * In-place text editing: a textarea laid exactly over the element. Each input is applied to the
 * element's Y.Text as the smallest splice (`setText`), so two people typing in the same note
 * merge instead of overwriting each other; remote changes are merged into the textarea with the
 * caret kept where it belongs.
 */
import * as Y from 'yjs';
import { elements, LOCAL_ORIGIN, setText, type ElementRecord } from '$lib/board';
import { DEFAULT_FONT, FONT_FAMILY, stickyFill } from './style';
import type { Viewport } from './viewport';

const PAD = 14;

/** Where position `pos` moves to after a Y.Text change described by `delta`. */
export function mapPosition(
	delta: Y.YTextEvent['delta'],
	pos: number,
	assoc: 'before' | 'after' = 'after'
): number {
	let index = 0;
	let out = pos;
	for (const op of delta) {
		if (op.retain !== undefined) index += op.retain;
		else if (typeof op.insert === 'string') {
			if (index < pos || (index === pos && assoc === 'after')) out += op.insert.length;
			index += op.insert.length;
		} else if (op.delete !== undefined) {
			if (index < out) out -= Math.min(op.delete, out - index);
		}
		if (index > out) break;
	}
	return out;
}

export class TextOverlay {
	readonly #container: HTMLElement;
	readonly #doc: Y.Doc;
	readonly #onClose: (id: string) => void;
	#textarea: HTMLTextAreaElement | null = null;
	#ytext: Y.Text | null = null;
	#id: string | null = null;
	#composing = false;
	#observer: ((event: Y.YTextEvent, tr: Y.Transaction) => void) | null = null;

	constructor(container: HTMLElement, doc: Y.Doc, onClose: (id: string) => void) {
		this.#container = container;
		this.#doc = doc;
		this.#onClose = onClose;
	}

	get editingId(): string | null {
		return this.#id;
	}

	open(el: ElementRecord, viewport: Viewport, label: string): void {
		this.close();
		const map = elements(this.#doc).get(el.id);
		const ytext = map?.get('text');
		if (!(ytext instanceof Y.Text)) return;
		const ta = document.createElement('textarea');
		ta.className = 'board-text-editor';
		ta.setAttribute('aria-label', label);
		ta.dataset.testid = 'text-editor';
		ta.spellcheck = true;
		ta.value = ytext.toString();
		this.#textarea = ta;
		this.#ytext = ytext;
		this.#id = el.id;
		this.#style(el, viewport);
		ta.addEventListener('input', () => {
			if (!this.#composing) this.#apply();
		});
		ta.addEventListener('compositionstart', () => (this.#composing = true));
		ta.addEventListener('compositionend', () => {
			this.#composing = false;
			this.#apply();
		});
		ta.addEventListener('keydown', (e) => {
			e.stopPropagation();
			if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey))) {
				e.preventDefault();
				this.close();
			}
		});
		ta.addEventListener('blur', () => this.close());
		this.#observer = (event, tr) => {
			if (tr.origin === LOCAL_ORIGIN || !this.#textarea) return;
			const start = mapPosition(event.delta, this.#textarea.selectionStart);
			const end = mapPosition(event.delta, this.#textarea.selectionEnd);
			this.#textarea.value = ytext.toString();
			this.#textarea.setSelectionRange(start, end);
		};
		ytext.observe(this.#observer);
		this.#container.appendChild(ta);
		ta.focus();
		ta.setSelectionRange(ta.value.length, ta.value.length);
	}

	/** Follows the element when it moves or the view pans or zooms. */
	update(el: ElementRecord | undefined, viewport: Viewport): void {
		if (!this.#textarea) return;
		if (!el) return this.close();
		this.#style(el, viewport);
	}

	close(): void {
		const id = this.#id;
		if (this.#ytext && this.#observer) this.#ytext.unobserve(this.#observer);
		const ta = this.#textarea;
		this.#textarea = null;
		this.#ytext = null;
		this.#observer = null;
		this.#id = null;
		ta?.remove();
		if (id) this.#onClose(id);
	}

	#apply(): void {
		if (!this.#textarea || !this.#id) return;
		setText(this.#doc, {
			id: this.#id,
			text: this.#textarea.value,
			cursor: this.#textarea.selectionEnd
		});
	}

	#style(el: ElementRecord, v: Viewport): void {
		const ta = this.#textarea;
		if (!ta) return;
		const fontSize = el.fontSize ?? DEFAULT_FONT[el.type] ?? 24;
		const frame = el.type === 'frame';
		const s = ta.style;
		s.position = 'absolute';
		s.left = `${v.x + el.x * v.scale}px`;
		s.top = `${v.y + (frame ? el.y - fontSize * 1.5 : el.y) * v.scale}px`;
		s.width = `${el.w}px`;
		s.height = `${frame ? fontSize * 1.4 : Math.max(fontSize * 1.6, el.h)}px`;
		s.maxWidth = 'none';
		s.minHeight = '0';
		s.transformOrigin = '0 0';
		s.transform = `scale(${v.scale}) rotate(${el.rotation}deg)`;
		s.padding = frame ? '0' : `${PAD}px`;
		s.margin = '0';
		s.border = 'none';
		s.borderRadius = '4px';
		s.outline = `${2 / v.scale}px solid #1d4e89`;
		s.font = `${frame ? 'bold ' : ''}${fontSize}px/1.25 ${FONT_FAMILY}`;
		s.color = '#1b1f24';
		s.background = el.type === 'sticky' ? stickyFill(el.color) : '#ffffff';
		s.resize = 'none';
		s.overflow = 'hidden';
		s.textAlign = el.type === 'rect' || el.type === 'ellipse' ? 'center' : 'left';
		s.zIndex = '5';
	}
}
