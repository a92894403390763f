/**
 * The parents' consent (samtykke) to share the goals with the placement (docs/consent.md).
 *
 * Each parent of the case gives or withdraws their own consent. The goals are shared with the
 * placement – the foster family members of the case and guests invited as part of the placement
 * – only while every parent of the case has consented: nobody's goals reach the foster family
 * against that parent's wish. Everyone else on the case (facilitator, professionals, parents,
 * other guests) sees the goals as before.
 *
 * Used by the app and by the sync server (relative imports only).
 */
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { first, type Db } from './db/client';
import { caseMembers, consents, users } from './db/tables';
import { type CaseRole, type Invite } from './db/schema';
import { parse } from './validation';

export const consentInputSchema = v.object(
	{
		shareGoalsWithPlacement: v.boolean('"shareGoalsWithPlacement" skal være true eller false.')
	},
	'Send samtykket som et JSON-objekt med "shareGoalsWithPlacement".'
);

export interface ParentConsent {
	userId: string;
	name: string;
	shareGoalsWithPlacement: boolean;
	/** When the parent last gave or withdrew it (ISO), null when never asked. */
	updatedAt: string | null;
}

/** Every parent of the case with their consent (false where they never gave one). */
export async function parentConsents(db: Db, caseId: string): Promise<ParentConsent[]> {
	const parents = await db
		.select({ userId: caseMembers.userId, name: users.name })
		.from(caseMembers)
		.innerJoin(users, eq(users.id, caseMembers.userId))
		.where(and(eq(caseMembers.caseId, caseId), eq(caseMembers.role, 'parent')));
	const rows = new Map(
		(await db.select().from(consents).where(eq(consents.caseId, caseId))).map((r) => [r.userId, r])
	);
	return parents
		.map((p) => {
			const row = rows.get(p.userId);
			return {
				userId: p.userId,
				name: p.name,
				shareGoalsWithPlacement: row?.shareGoalsWithPlacement ?? false,
				updatedAt: row ? row.updatedAt.toISOString() : null
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name, 'da'));
}

/** Whether the goals are shared with the placement: every parent of the case has consented. */
export async function goalsShared(db: Db, caseId: string): Promise<boolean> {
	const parents = await parentConsents(db, caseId);
	return parents.length > 0 && parents.every((p) => p.shareGoalsWithPlacement);
}

/**
 * Whether someone sees the goals of the case: a member by case role, or a guest (`role` null)
 * by their invite. Only the placement depends on the consent.
 */
export async function seesGoals(
	db: Db,
	caseId: string,
	role: CaseRole | null,
	invite?: Pick<Invite, 'placement'> | null
): Promise<boolean> {
	if (role === 'foster' || (role === null && invite?.placement))
		return await goalsShared(db, caseId);
	return true;
}

/**
 * Stores a parent's own consent (the caller checked that `userId` is a parent of the case).
 * Bad input throws InputError and changes nothing. Returns whether the value changed.
 */
export async function saveConsent(
	db: Db,
	caseId: string,
	userId: string,
	input: unknown,
	now = new Date()
): Promise<{ shareGoalsWithPlacement: boolean; updatedAt: string; changed: boolean }> {
	const { shareGoalsWithPlacement } = parse(consentInputSchema, input);
	const before = await db
		.select()
		.from(consents)
		.where(and(eq(consents.caseId, caseId), eq(consents.userId, userId)))
		.limit(1)
		.then(first);
	await db
		.insert(consents)
		.values({ caseId, userId, shareGoalsWithPlacement, updatedAt: now })
		.onConflictDoUpdate({
			target: [consents.caseId, consents.userId],
			set: { shareGoalsWithPlacement, updatedAt: now }
		});
	return {
		shareGoalsWithPlacement,
		updatedAt: now.toISOString(),
		changed: (before?.shareGoalsWithPlacement ?? false) !== shareGoalsWithPlacement
	};
}
