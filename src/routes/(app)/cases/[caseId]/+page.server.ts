import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { caseAccess } from '$lib/server/access';
import { setCaseClosed } from '$lib/server/case-admin';
import { InputError } from '$lib/server/validation';
import { getDb } from '$lib/server/db/client';
import { readCase } from '$lib/server/cases';
import { auditEvent } from '$lib/server/http';
import { caseResponses, seesAllResponses } from '$lib/server/responses';
import { goalsChart, goalsTable, safetyChart, safetyTable } from '$lib/review/charts';
import { renderSvg } from '$lib/tools/draw/svg';
import { translator } from '$lib/i18n';
import { caseTrends } from '$server/snapshots/review';
import { caseView } from '$lib/server/snapshot-read';

export const load: PageServerLoad = async (event) => {
	const db = getDb();
	const userId = event.locals.user!.id;
	const view = await readCase(db, userId, event.params.caseId);
	if (!view) error(404, 'Findes ikke.');
	await auditEvent(event, 'case.read', { caseId: view.id, targetType: 'case', targetId: view.id });
	const locale = event.locals.locale;
	const t = translator(locale);
	const meetingIds = view.meetings.map((m) => m.id);
	const trends = await caseTrends(db, view.id, meetingIds, await caseView(db, view.id, view.role));
	const charts = trends.points.length
		? [
				{
					id: 'safety',
					svg: renderSvg(safetyChart(trends.points, t, locale), {
						title: t('review.trends.safetyTitle')
					}),
					table: safetyTable(trends.points, t, locale)
				},
				{
					id: 'goals',
					svg: renderSvg(goalsChart(trends.points, t, locale), {
						title: t('review.trends.goalsTitle')
					}),
					table: goalsTable(trends.points, t, locale)
				}
			]
		: [];
	const all = seesAllResponses(view.role);
	return {
		case: view,
		charts,
		skipped: trends.skipped.length,
		responses:
			all || view.role === 'parent' ? await caseResponses(db, meetingIds, userId, all) : [],
		seesAllResponses: all
	};
};

/** Closing or reopening the case (its facilitator). */
function closeAction(closed: boolean) {
	return async (event: Parameters<Actions[string]>[0]) => {
		const db = getDb();
		const access = await caseAccess(db, event.locals.user!.id, event.params.caseId!);
		if (!access) return fail(404);
		if (!access.canManage) return fail(403, { error: 'Kun tovholderen kan lukke sagen.' });
		try {
			await setCaseClosed(db, access.case.id, closed);
		} catch (e) {
			if (e instanceof InputError) return fail(400, { error: e.fields._ ?? e.message });
			throw e;
		}
		await auditEvent(event, closed ? 'case.close' : 'case.reopen', {
			caseId: access.case.id,
			targetType: 'case',
			targetId: access.case.id
		});
		return { done: true };
	};
}

export const actions: Actions = { close: closeAction(true), reopen: closeAction(false) };
