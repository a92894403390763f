/**
 * The agenda of a live board as reactive state: re-read when the `presentation` root changes,
 * and a clock ticking once a second while a timer runs (so every screen shows the same time).
 */
import type * as Y from 'yjs';
import { presentation } from '$lib/board';
import { readMeetingAgenda, type AgendaState } from './agenda';

export class AgendaView {
	readonly #doc: Y.Doc;
	#state = $state.raw<AgendaState>({
		items: [],
		currentItem: null,
		timer: null,
		presentedFrame: null
	});
	#now = $state(Date.now());
	#tick: ReturnType<typeof setInterval> | null = null;
	readonly #onChange = () => this.#read();

	constructor(doc: Y.Doc) {
		this.#doc = doc;
		presentation(doc).observeDeep(this.#onChange);
		this.#read();
	}

	get state(): AgendaState {
		return this.#state;
	}
	/** The clock the timers are shown at (epoch ms, updated every second while one runs). */
	get now(): number {
		return this.#now;
	}
	get current() {
		return this.#state.items.find((i) => i.id === this.#state.currentItem) ?? null;
	}
	get currentIndex(): number {
		return this.#state.items.findIndex((i) => i.id === this.#state.currentItem);
	}

	#read(): void {
		this.#state = readMeetingAgenda(this.#doc);
		this.#now = Date.now();
		const running = this.#state.timer?.startedAt != null;
		if (running && !this.#tick) this.#tick = setInterval(() => (this.#now = Date.now()), 1000);
		if (!running && this.#tick) {
			clearInterval(this.#tick);
			this.#tick = null;
		}
	}

	destroy(): void {
		presentation(this.#doc).unobserveDeep(this.#onChange);
		if (this.#tick) clearInterval(this.#tick);
	}
}
