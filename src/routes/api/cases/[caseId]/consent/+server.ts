import { json, type RequestEvent } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db/client';
import { caseAccess } from '$lib/server/access';
import { api, auditEvent, forbidden, notFound, readJson, requireApiUser } from '$lib/server/http';
import { goalsShared, parentConsents, saveConsent } from '$lib/server/consent';
import { publish } from '$lib/server/events';

async function caseForApi(event: RequestEvent<{ caseId: string }>) {
	const user = requireApiUser(event);
	const db = getDb();
	const access = await caseAccess(db, user.id, event.params.caseId);
	if (!access) throw notFound();
	return { user, db, access };
}

/**
 * The parents' consent to share the goals with the placement. `shareGoalsWithPlacement` is a
 * parent's own consent, for everyone else whether the goals are shared; the facilitator and the
 * professionals also get each parent's consent with its time.
 */
export const GET: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await caseForApi(event);
		const parents = await parentConsents(db, access.case.id);
		const shared = await goalsShared(db, access.case.id);
		const mine = parents.find((p) => p.userId === user.id);
		await auditEvent(event, 'consent.read', {
			caseId: access.case.id,
			targetType: 'case',
			targetId: access.case.id
		});
		const seesAll = access.role === 'facilitator' || access.role === 'professional';
		return json({
			shareGoalsWithPlacement: mine ? mine.shareGoalsWithPlacement : shared,
			updatedAt: mine?.updatedAt ?? null,
			shared,
			...(seesAll ? { parents } : {})
		});
	});

/** A parent gives or withdraws their own consent; the placement's goals sockets follow at once. */
export const PUT: RequestHandler = (event) =>
	api(async () => {
		const { user, db, access } = await caseForApi(event);
		if (access.role !== 'parent')
			throw forbidden('Kun forældrene kan give eller trække deres samtykke tilbage.');
		const before = await goalsShared(db, access.case.id);
		const saved = await saveConsent(db, access.case.id, user.id, await readJson(event.request));
		const shared = await goalsShared(db, access.case.id);
		await auditEvent(event, 'consent.update', {
			caseId: access.case.id,
			targetType: 'case',
			targetId: access.case.id,
			detail: { shareGoalsWithPlacement: saved.shareGoalsWithPlacement, shared }
		});
		if (saved.changed || before !== shared)
			publish({ type: 'consent-changed', caseId: access.case.id, shared });
		return json({ ...saved, shared });
	});
