import { error, redirect } from '@sveltejs/kit';
import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { PageServerLoad } from './$types';
import { first, getDb } from '$lib/server/db/client';
import { snapshots } from '$lib/server/db/tables';
import { visibleMeetings } from '$lib/server/access';
import { auditEvent } from '$lib/server/http';
import { auditTampered, visibleSnapshot } from '$lib/server/snapshot-read';
import { colorFor } from '$lib/presence/colors';
import { docFromUpdate, hasGoals } from '$lib/board/parts';
import { caseById, meetingById } from '$lib/server/db/by-id';

/**
 * The read-only viewer of a saved board: checked against its SHA-256 here (a mismatch is shown
 * and audited, the board is not served) and again in the browser on the bytes it receives.
 */
export const load: PageServerLoad = async (event) => {
	const user = event.locals.user;
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const db = getDb();
	const found = await visibleSnapshot(db, user.id, event.params.snapshotId);
	if (!found) error(404, 'Den gemte tavle findes ikke, eller du har ikke adgang til den.');
	const { snapshot, view } = found;
	// The main document is served as stored unless the goals an older snapshot kept in it must be
	// left out for this reader (then the server's check stands for the browser's).
	const legacy = docFromUpdate(new Uint8Array(snapshot.state));
	const asStored = view.goals || !hasGoals(legacy);
	legacy.destroy();
	await auditEvent(event, 'snapshot.open', {
		caseId: snapshot.caseId,
		targetType: 'snapshot',
		targetId: snapshot.id,
		detail: { intact: found.intact }
	});
	if (!found.intact) await auditTampered(event, found);
	const theCase = (await caseById(db, snapshot.caseId))!;
	const meeting = (await meetingById(db, snapshot.meetingId))!;
	// The snapshot before this one (of a meeting the reader sees), to compare with.
	const visible = (await visibleMeetings(db, user.id, snapshot.caseId)).map((m) => m.id);
	const previous = await db
		.select({ id: snapshots.id })
		.from(snapshots)
		.where(
			and(
				eq(snapshots.caseId, snapshot.caseId),
				inArray(snapshots.meetingId, visible),
				lt(snapshots.createdAt, snapshot.createdAt)
			)
		)
		.orderBy(desc(snapshots.createdAt))
		.limit(1)
		.then(first);
	return {
		snapshot: {
			id: snapshot.id,
			createdAt: snapshot.createdAt.toISOString(),
			reason: snapshot.reason,
			sha256: snapshot.sha256,
			actualSha256: found.actualSha256,
			intact: found.intact,
			mainSha256: asStored ? snapshot.sha256 : null,
			goalsSha256: view.goals ? snapshot.goalsSha256 : null,
			showsGoals: view.goals
		},
		meeting: {
			id: meeting.id,
			title: meeting.title,
			status: meeting.status
		},
		case: { id: theCase.id, title: theCase.title },
		previous: previous?.id ?? null,
		me: { id: user.id, name: user.name, color: colorFor(user.id) }
	};
};
