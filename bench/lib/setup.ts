/**
 * Benchmark setup in the server's database: `node setup.js <dbPath> <boards> <clientsPerBoard>`
 * makes sure there are `boards` editable boards of the demo case (the demo board first, then new
 * meetings) and prints JSON `{ boards: [{ boardId, cookies: [...] }] }` with one fresh session
 * per client, rotating through the demo members who may edit.
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { newSession } from '../../src/lib/server/auth/session';
import * as schema from '../../src/lib/server/db/schema';
import { DEMO_PLANNED_PARTICIPANTS } from '../../server/demo/seed';

const [dbPath, boardsArg, perBoardArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: setup.js <dbPath> <boards> <clientsPerBoard>');
const boards = Number(boardsArg ?? 1);
const perBoard = Number(perBoardArg ?? 1);
const EDITORS = DEMO_PLANNED_PARTICIPANTS;

const sqlite = new Database(dbPath);
sqlite.pragma('busy_timeout = 5000');
const db = drizzle(sqlite, { schema });

const result = db.transaction((tx) => {
	const out: { boardId: string; cookies: string[] }[] = [];
	for (let b = 0; b < boards; b++) {
		let boardId = 'demo-board-netvaerk';
		if (b > 0) {
			const id = `bench-meeting-${b}`;
			boardId = `bench-board-${b}`;
			tx.insert(schema.meetings)
				.values({
					id,
					caseId: 'demo-case-sara-mikkel',
					boardId,
					type: 'netvaerk',
					title: `Bench ${b}`,
					startsAt: new Date()
				})
				.onConflictDoNothing()
				.run();
			for (const userId of EDITORS)
				tx.insert(schema.meetingParticipants)
					.values({ meetingId: id, userId })
					.onConflictDoNothing()
					.run();
		}
		const cookies: string[] = [];
		for (let c = 0; c < perBoard; c++) {
			const userId = EDITORS[c % EDITORS.length]!;
			const session = newSession(userId);
			tx.insert(schema.sessions).values(session.row).run();
			cookies.push(`session=${session.token}`);
		}
		out.push({ boardId, cookies });
	}
	return out;
});
sqlite.close();
console.log(JSON.stringify({ boards: result }));
