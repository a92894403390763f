/**
 * The app's tables, of the dialect in use: the data functions import their tables from here,
 * never from schema.ts or schema-pg.ts, so that each query is written once (docs/scaling.md).
 *
 * With `DATABASE_URL` the tables are schema-pg.ts's (PostgreSQL), else schema.ts's (SQLite).
 * The choice is made once, when this module loads – the process's database is chosen by the same
 * switch (`getDb()`, server/index.ts) – and the PostgreSQL tables are typed as their SQLite twins
 * (the two schemas have the same tables, columns and JS value types: `schema-pg.test.ts`). This
 * cast is the one place where the dialects meet.
 *
 * Not here: SQLite's board tables (`boardUpdates`, `boardStates`); on PostgreSQL the boards are
 * the board store's (server/persistence/pg-store.ts). Import them from schema.ts where the code
 * is SQLite's only.
 */
import * as sqlite from './schema';
import * as postgres from './schema-pg';

/** Whether the app's data is on PostgreSQL: `DATABASE_URL` is set. */
export function appDataOnPostgres(): boolean {
	return !!process.env.DATABASE_URL;
}

/** Every table both schemas have, typed as SQLite's. */
type AppTables = { [K in keyof typeof postgres & keyof typeof sqlite]: (typeof sqlite)[K] };

const chosen = (appDataOnPostgres() ? postgres : sqlite) as unknown as AppTables;

export const {
	users,
	sessions,
	cases,
	erasuresInProgress,
	caseMembers,
	meetings,
	agendaItems,
	meetingParticipants,
	participantChoices,
	participantChoiceHistory,
	choiceViews,
	neededParticipants,
	consents,
	invites,
	snapshots,
	minutesResponses,
	images,
	auditLog
} = chosen;
