/**
 * Which of the boards a browser keeps offline copies of (y-indexeddb) it must remove: those the
 * logged-in person can no longer open – an erased case, a removed member, a meeting they are no
 * longer part of, goals whose sharing consent was withdrawn. The browser asks on every visit of
 * the app (`POST /api/offline-copies`), so copies go on the next contact (docs/security.md).
 * The same decisions as the sync server's (access.ts, consent.ts).
 */
import * as v from 'valibot';
import { splitDocId } from '../board/parts';
import { boardAccess } from './access';
import { seesGoals } from './consent';
import type { Db } from './db/client';
import { parse } from './validation';

const request = v.object(
	{
		boardIds: v.pipe(
			v.array(
				v.pipe(v.string('Et tavle-id er tekst.'), v.maxLength(200, 'Et tavle-id er for langt.')),
				'Send tavlernes id som en liste.'
			),
			v.maxLength(500, 'Højst 500 tavler ad gangen.')
		)
	},
	'Send {"boardIds": [...]} som JSON.'
);

/** The given document ids (board or board~goals) this user may no longer keep. */
export async function copiesToRemove(db: Db, userId: string, input: unknown): Promise<string[]> {
	const { boardIds } = parse(request, input);
	const remove: string[] = [];
	for (const docId of boardIds) {
		const { boardId, part } = splitDocId(docId);
		const access = await boardAccess(db, userId, boardId);
		if (!access || (part !== 'main' && !(await seesGoals(db, access.meeting.caseId, access.role))))
			remove.push(docId);
	}
	return remove;
}
