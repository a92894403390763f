/**
 * The loaded rooms of this process, one per board (and one per goals document): loading a board's
 * room on first use, after the board's previous room has stored everything, and moving the goals
 * of an older board into their own document before anyone is answered (docs/consent.md).
 */
import {
	copyGoals,
	dropGoals,
	goalsDocId,
	goalsRoot,
	hasGoals,
	splitDocId
} from '../../src/lib/board/parts';
import type * as Y from 'yjs';
import { Room, type RoomDeps, type SyncOrigin } from './room';

const MIGRATION: SyncOrigin = Object.freeze({ source: 'migration' as const });

/** The loaded rooms, one per board. */
export class Rooms {
	readonly #rooms = new Map<string, Room>();

	readonly #deps: RoomDeps;

	constructor(deps: RoomDeps) {
		this.#deps = { ...deps, prepare: (room) => this.#moveGoalsOut(room) };
	}

	/**
	 * A main document that still holds goals (a board from before the goals had their own
	 * document, docs/consent.md) moves them into its goals document before anyone is answered:
	 * first copied there and stored, only then removed here (origin `migration`), so nothing is
	 * lost if either step fails. Sealed boards are left as saved.
	 */
	async #moveGoalsOut(room: Room): Promise<void> {
		const { boardId, part } = splitDocId(room.boardId);
		// Only boards the server made (`createMeetingBoard` stamps `meta.createdFrom`): a bare
		// document is left as its writers made it.
		if (part !== 'main' || !hasGoals(room.doc) || !room.doc.getMap('meta').has('createdFrom'))
			return;
		const goals = this.acquire(goalsDocId(boardId));
		await goals.loaded;
		if (!goals.ready || !goals.writable) {
			this.#deps.log(`board ${boardId}: its goals document is not writable; goals not moved`);
			return;
		}
		goals.transact((doc) => copyGoals(goalsRoot(room.doc), doc, MIGRATION), MIGRATION);
		await goals.flush();
		if (!goals.ready) return;
		dropGoals(room.doc, MIGRATION);
	}

	/** The board's room, loading it if needed (after a previous room of the board has unloaded). */
	acquire(boardId: string): Room {
		const existing = this.#rooms.get(boardId);
		if (existing?.accepting) return existing;
		const room = new Room(
			boardId,
			this.#deps,
			(closed) => {
				if (this.#rooms.get(boardId) === closed) this.#rooms.delete(boardId);
			},
			existing?.closed
		);
		this.#rooms.set(boardId, room);
		return room;
	}

	/**
	 * Runs `read` on the document's live copy once everything in it is stored: the web app reads a
	 * board through its room (the people registry for the participant list, issue 13's board page
	 * of 10,000 elements spent half a second decoding the stored board for that). A room that was
	 * not loaded is loaded for it and stays for its unload delay, so that the client opening the
	 * board next finds it loaded. Null when the room cannot be loaded.
	 */
	async read<T>(docId: string, read: (doc: Y.Doc) => T): Promise<{ value: T } | null> {
		const room = this.acquire(docId);
		await room.loaded;
		if (room.ready) await room.flush();
		return room.ready ? { value: read(room.doc) } : null;
	}

	get(boardId: string): Room | undefined {
		return this.#rooms.get(boardId);
	}

	get size(): number {
		return this.#rooms.size;
	}

	async closeAll(): Promise<void> {
		await Promise.all([...this.#rooms.values()].map((room) => room.close()));
	}
}
