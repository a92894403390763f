import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { getElement, minutes, people, readElements, readMeta } from '../../src/lib/board/doc';
import { boundsOf, intersects } from '../../src/lib/board/geometry';
import { SCHEMA_VERSION } from '../../src/lib/board/keys';
import { goalsDocId } from '../../src/lib/board/parts';
import { toolData } from '../../src/lib/tools/data';
import { TOOLS } from '../../src/lib/tools/registry';
import { meetings, snapshots, users } from '../../src/lib/server/db/schema';
import { createTestDb } from '../../src/lib/server/test-db';
import { readBoardState } from '../persistence/sqlite-store';
import { DEMO_BOARD_ID } from './board';
import { DEMO_ENDED_MEETING_ID, DEMO_PLANNED_MEETING_ID, seedDemo } from './seed';

function boardOf(db: ReturnType<typeof createTestDb>, boardId: string): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, readBoardState(db, boardId));
	return doc;
}

describe('demo seed', () => {
	it('is idempotent: a second run adds nothing', async () => {
		const db = createTestDb();
		await seedDemo(db);
		const count = async () => ({
			users: (await db.select().from(users).all()).length,
			meetings: (await db.select().from(meetings).all()).length,
			snapshots: (await db.select().from(snapshots).all()).length,
			board: readBoardState(db, DEMO_BOARD_ID).length
		});
		const first = await count();
		await seedDemo(db);
		expect(await count()).toEqual(first);
		expect(first.snapshots).toBe(1);
	});

	it('gives the planned meeting a living board: welcome text, agenda notes below it, an arrow, the people, the tools carried forward below the agenda', async () => {
		const db = createTestDb();
		await seedDemo(db);
		const planned = await db
			.select()
			.from(meetings)
			.where(eq(meetings.id, DEMO_PLANNED_MEETING_ID))
			.get();
		expect(planned?.boardId).toBe(DEMO_BOARD_ID);
		const doc = boardOf(db, DEMO_BOARD_ID);
		expect(readMeta(doc)).toMatchObject({
			schemaVersion: SCHEMA_VERSION,
			meetingId: DEMO_PLANNED_MEETING_ID
		});
		const welcome = getElement(doc, 'demo-welcome');
		const notes = readElements(doc).filter((el) => el.type === 'sticky');
		expect(welcome).not.toBeNull();
		expect(notes.length).toBeGreaterThan(1);
		for (const note of notes) expect(note.y).toBeGreaterThanOrEqual(welcome!.y + welcome!.h + 100);
		expect(getElement(doc, 'demo-arrow')).toMatchObject({
			from: 'demo-welcome',
			to: 'demo-agenda-0'
		});
		const names = [...people(doc).values()].map((p) => (p as Y.Map<unknown>).get('name'));
		expect(names).toEqual(expect.arrayContaining(['Line', 'Carsten', 'Sara', 'Mikkel']));
		// The goals carried forward into the board's goals document, none left in the main one.
		const goals = boardOf(db, goalsDocId(DEMO_BOARD_ID));
		expect(doc.getMap('goals').size).toBe(0);
		expect(goals.getMap('goals').size).toBeGreaterThanOrEqual(2);
		// Every tool's frame, below the agenda, overlapping nothing; their content carried forward.
		const frames = readElements(doc).filter((el) => el.type === 'tool');
		expect(frames.map((f) => f.tool).sort()).toEqual(TOOLS.map((t) => t.id).sort());
		const others = readElements(doc).filter((el) => el.type !== 'tool' && el.type !== 'arrow');
		for (const frame of frames) {
			for (const el of [...others, ...frames.filter((f) => f !== frame)])
				expect(intersects(boundsOf(frame), boundsOf(el))).toBe(false);
			const def = TOOLS.find((t) => t.id === frame.tool)!;
			expect(def.isEmpty(def.read(toolData(doc, def.id, goals)))).toBe(false);
		}
		expect(readMeta(doc)?.createdFrom).toBe('demo');
	});

	it('gives the ended meeting its board and the snapshot saved when it ended', async () => {
		const db = createTestDb();
		await seedDemo(db);
		const ended = await db
			.select()
			.from(meetings)
			.where(eq(meetings.id, DEMO_ENDED_MEETING_ID))
			.get();
		expect(ended?.status).toBe('ended');
		const doc = boardOf(db, ended!.boardId);
		expect(readElements(doc).length).toBeGreaterThan(3);
		// The minutes in the editor's shape: a heading, text, a decision and agreements (who, by when).
		const blocks = minutes(doc).toArray() as Y.XmlElement[];
		expect(blocks.map((b) => b.nodeName)).toEqual([
			'heading',
			'paragraph',
			'decision',
			'agreement',
			'agreement'
		]);
		expect(blocks[3]!.getAttribute('who')).toBe('Jonas og Line');
		expect(blocks[3]!.getAttribute('due')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const snapshot = await db
			.select()
			.from(snapshots)
			.where(eq(snapshots.meetingId, DEMO_ENDED_MEETING_ID))
			.get();
		expect(snapshot).toBeDefined();
		// It keeps the board's two documents: the goals apart from the rest (docs/consent.md).
		expect(snapshot!.goalsState).not.toBeNull();
		expect(boardOf(db, goalsDocId(ended!.boardId)).getMap('goals').size).toBeGreaterThanOrEqual(2);
		expect(doc.getMap('goals').size).toBe(0);
	});
});
