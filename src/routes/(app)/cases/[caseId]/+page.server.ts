import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db/client';
import { readCase } from '$lib/server/cases';
import { auditEvent } from '$lib/server/http';
import { caseResponses, seesAllResponses } from '$lib/server/responses';
import { goalsChart, goalsTable, safetyChart, safetyTable } from '$lib/review/charts';
import { renderSvg } from '$lib/tools/draw/svg';
import { translator } from '$lib/i18n';
import { caseTrends } from '$server/snapshots/review';
import { caseView } from '$lib/server/snapshot-read';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const userId = event.locals.user!.id;
	const view = readCase(db, userId, event.params.caseId);
	if (!view) error(404, 'Findes ikke.');
	auditEvent(event, 'case.read', { caseId: view.id, targetType: 'case', targetId: view.id });
	const locale = event.locals.locale;
	const t = translator(locale);
	const meetingIds = view.meetings.map((m) => m.id);
	const trends = caseTrends(db, view.id, meetingIds, caseView(db, view.id, view.role));
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
		responses: all || view.role === 'parent' ? caseResponses(db, meetingIds, userId, all) : [],
		seesAllResponses: all
	};
};
