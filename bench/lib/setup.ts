/**
 * Benchmark setup in the server's database: `node setup.js <dbPath> <boards> <clientsPerBoard>`
 * makes sure there are `boards` editable boards of the demo case (the demo board first, then new
 * meetings) and prints JSON `{ boards: [{ boardId, cookies: [...] }] }` with one fresh session
 * per client, rotating through the demo members who may edit.
 *
 * With `DATABASE_URL` (ours on PostgreSQL) it writes there, else into the SQLite file `dbPath`:
 * through the app's own data access, so the rows are what the server reads.
 */
import { newSession } from '../../src/lib/server/auth/session';
import {
	closeDatabase,
	openDatabase,
	openPostgresDb,
	transaction
} from '../../src/lib/server/db/client';
import { meetingParticipants, meetings, sessions } from '../../src/lib/server/db/tables';
import { DEMO_PLANNED_PARTICIPANTS } from '../../server/demo/seed';

const [dbPath, boardsArg, perBoardArg] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: setup.js <dbPath> <boards> <clientsPerBoard>');
const boards = Number(boardsArg ?? 1);
const perBoard = Number(perBoardArg ?? 1);
const EDITORS = DEMO_PLANNED_PARTICIPANTS;

const url = process.env.DATABASE_URL;
const db = url ? openPostgresDb(url, { max: 2 }) : openDatabase(dbPath);

const result = await transaction(db, async (tx) => {
	const out: { boardId: string; cookies: string[] }[] = [];
	for (let b = 0; b < boards; b++) {
		let boardId = 'demo-board-netvaerk';
		if (b > 0) {
			const id = `bench-meeting-${b}`;
			boardId = `bench-board-${b}`;
			await tx
				.insert(meetings)
				.values({
					id,
					caseId: 'demo-case-sara-mikkel',
					boardId,
					type: 'netvaerk',
					title: `Bench ${b}`,
					startsAt: new Date()
				})
				.onConflictDoNothing();
			await tx
				.insert(meetingParticipants)
				.values(EDITORS.map((userId) => ({ meetingId: id, userId })))
				.onConflictDoNothing();
		}
		const rows = Array.from({ length: perBoard }, (_, c) =>
			newSession(EDITORS[c % EDITORS.length]!)
		);
		if (rows.length > 0) await tx.insert(sessions).values(rows.map((s) => s.row));
		out.push({ boardId, cookies: rows.map((s) => `session=${s.token}`) });
	}
	return out;
});
await closeDatabase(db);
console.log(JSON.stringify({ boards: result }));
