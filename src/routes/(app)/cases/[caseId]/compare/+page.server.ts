import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { first, getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import { auditEvent } from '$lib/server/http';
import { auditTampered, TAMPERED_MESSAGE, visibleSnapshot } from '$lib/server/snapshot-read';
import { translator } from '$lib/i18n';
import { boardTools, diffBoards, framePicture, pictureContext } from '$lib/review/board-tools';
import { highlightChanges } from '$lib/review/highlight';
import { renderSvg } from '$lib/tools/draw/svg';
import type { DiffEntry } from '$lib/tools/types';
import { openStored } from '$server/snapshots/review';
import { meetings } from '$lib/server/db/tables';
import { eq } from 'drizzle-orm';

/** Two snapshots of the case side by side: per tool the changes in words and marked on the pictures. */
export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const user = event.locals.user!;
	const access = await caseAccess(db, user.id, event.params.caseId);
	if (!access) error(404, 'Findes ikke.');
	const aId = event.url.searchParams.get('a') ?? '';
	const bId = event.url.searchParams.get('b') ?? '';
	const a = aId ? await visibleSnapshot(db, user.id, aId) : null;
	const b = bId ? await visibleSnapshot(db, user.id, bId) : null;
	// A snapshot of another case is as unknown here as a missing one.
	if (!a || !b || a.snapshot.caseId !== access.case.id || b.snapshot.caseId !== access.case.id)
		error(404, 'Vælg to gemte tavler fra denne sag.');
	if (a.snapshot.id === b.snapshot.id) error(400, 'Vælg to forskellige gemte tavler.');
	for (const checked of [a, b])
		if (!checked.intact) {
			await auditTampered(event, checked);
			error(500, TAMPERED_MESSAGE);
		}
	// Always older → newer, whichever order they were picked in.
	const [before, after] =
		a.snapshot.createdAt.getTime() <= b.snapshot.createdAt.getTime()
			? [a.snapshot, b.snapshot]
			: [b.snapshot, a.snapshot];
	await auditEvent(event, 'snapshot.compare', {
		caseId: access.case.id,
		targetType: 'snapshot',
		targetId: before.id,
		detail: { with: after.id }
	});
	const locale = event.locals.locale;
	const t = translator(locale);
	const docA = openStored(before, a.view);
	const docB = openStored(after, a.view);
	// The placement without the parents' consent sees everything but the goals.
	const shown = (tool: { def: { id: string } }) => a.view.goals || tool.def.id !== 'goals';
	try {
		const diff = diffBoards(docA.doc, docB.doc, t, locale);
		const toolsA = boardTools(docA.doc).filter(shown);
		const toolsB = boardTools(docB.doc).filter(shown);
		const ctxA = pictureContext(t, locale, before.createdAt.toISOString().slice(0, 10));
		const ctxB = pictureContext(t, locale, after.createdAt.toISOString().slice(0, 10));
		const tools = toolsB.flatMap((toolB, i) => {
			const toolA = toolsA[i]!;
			const entries: DiffEntry[] = diff.tools[toolB.def.id] ?? [];
			const shownA = toolA.frame || !toolA.empty;
			const shownB = toolB.frame || !toolB.empty;
			if (!shownA && !shownB && entries.length === 0) return [];
			const name = t(toolB.def.name);
			const picture = (tool: typeof toolA, ctx: typeof ctxA, kinds: DiffEntry['kind'][]) => {
				if (!(tool.frame || !tool.empty)) return null;
				const marked = highlightChanges(
					framePicture(tool, ctx),
					entries.filter((e) => kinds.includes(e.kind))
				);
				return { svg: renderSvg(marked.list, { title: name }), marked: marked.marked };
			};
			const beforePicture = picture(toolA, ctxA, ['removed', 'changed']);
			const afterPicture = picture(toolB, ctxB, ['added', 'changed']);
			const marked = (beforePicture?.marked ?? 0) + (afterPicture?.marked ?? 0);
			const changedTwice = entries.filter((e) => e.kind === 'changed').length;
			return [
				{
					id: toolB.def.id,
					name,
					entries,
					before: beforePicture?.svg ?? null,
					after: afterPicture?.svg ?? null,
					allMarked: marked >= entries.length + changedTwice
				}
			];
		});
		const titleOf = async (id: string) =>
			(
				await db
					.select({ title: meetings.title })
					.from(meetings)
					.where(eq(meetings.id, id))
					.limit(1)
					.then(first)
			)?.title ?? '';
		const meta = async (s: typeof before) => ({
			id: s.id,
			createdAt: s.createdAt.toISOString(),
			reason: s.reason,
			meetingTitle: await titleOf(s.meetingId)
		});
		return {
			caseId: access.case.id,
			caseTitle: access.case.title,
			before: await meta(before),
			after: await meta(after),
			tools
		};
	} finally {
		docA.doc.destroy();
		docB.doc.destroy();
	}
};
