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
