/**
 * The database schema for PostgreSQL (`DATABASE_URL`), kept in step with schema.ts (SQLite): the
 * same tables with the same column names, so that the app's queries are written once
 * (docs/scaling.md). `schema-pg.test.ts` compares the two and fails when they drift. Migrations
 * are generated from this file with `npm run db:generate:pg` into drizzle-pg/.
 *
 * The types differ where the engines differ: times are `timestamptz` (milliseconds, as JS
 * `Date`), flags `boolean`, bytes `bytea`, JSON `json` (kept as written, like SQLite's text).
 *
 * Not here: SQLite's board tables (`board_updates`, `board_states`). On PostgreSQL the boards
 * live in the board store's own tables (server/persistence/pg-store.ts, created by its own
 * migrations), which share those names.
 */
import {
	bigint,
	boolean,
	customType,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { CASE_ROLES, MEETING_STATUSES, MEETING_TYPES } from './schema';

/** `bytea` as a Node Buffer, as better-sqlite3 gives blobs. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({
	dataType: () => 'bytea'
});

const time = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: 'date' });
const createdAt = () => time('created_at').notNull().defaultNow();

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	/** Always stored lower-case and trimmed. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isAdmin: boolean('is_admin').notNull().default(false),
	disabledAt: time('disabled_at'),
	locale: text('locale', { enum: ['da', 'en'] })
		.notNull()
		.default('da'),
	createdAt: createdAt()
});

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		secretHash: bytea('secret_hash').notNull(),
		createdAt: time('created_at').notNull(),
		lastUsedAt: time('last_used_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const cases = pgTable('cases', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	reference: text('reference'),
	createdAt: createdAt(),
	closedAt: time('closed_at')
});

export const erasuresInProgress = pgTable('erasures_in_progress', {
	subjectId: text('subject_id').primaryKey()
});

export const caseMembers = pgTable(
	'case_members',
	{
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: CASE_ROLES }).notNull(),
		title: text('title').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.caseId, t.userId] }),
		index('case_members_user_idx').on(t.userId)
	]
);

export const meetings = pgTable(
	'meetings',
	{
		id: text('id').primaryKey(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		boardId: text('board_id').notNull().unique(),
		type: text('type', { enum: MEETING_TYPES }).notNull(),
		title: text('title').notNull(),
		startsAt: time('starts_at').notNull(),
		place: text('place').notNull().default(''),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
		internal: boolean('internal').notNull().default(false),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		startedAt: time('started_at'),
		endedAt: time('ended_at')
	},
	(t) => [index('meetings_case_idx').on(t.caseId, t.startsAt)]
);

export const agendaItems = pgTable(
	'agenda_items',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		durationMinutes: integer('duration_minutes')
	},
	(t) => [index('agenda_items_meeting_idx').on(t.meetingId, t.position)]
);

export const meetingParticipants = pgTable(
	'meeting_participants',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' })
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const participantChoices = pgTable(
	'participant_choices',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		chosen: json('chosen').$type<string[]>().notNull(),
		wishes: text('wishes').notNull().default(''),
		updatedAt: time('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const participantChoiceHistory = pgTable(
	'participant_choice_history',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		chosen: json('chosen').$type<string[]>().notNull(),
		wishes: text('wishes').notNull().default(''),
		createdAt: time('created_at').notNull()
	},
	(t) => [index('participant_choice_history_idx').on(t.meetingId, t.createdAt)]
);

export const choiceViews = pgTable(
	'choice_views',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		seenAt: time('seen_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

export const neededParticipants = pgTable(
	'needed_participants',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id').notNull(),
		reason: text('reason').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: time('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.candidateId] })]
);

export const consents = pgTable(
	'consents',
	{
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		shareGoalsWithPlacement: boolean('share_goals_with_placement').notNull().default(false),
		updatedAt: time('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.caseId, t.userId] })]
);

export const invites = pgTable(
	'invites',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		tokenHash: bytea('token_hash').notNull(),
		name: text('name').notNull(),
		role: text('role').notNull(),
		readOnly: boolean('read_only').notNull().default(false),
		kind: text('kind', { enum: ['guest', 'screen'] })
			.notNull()
			.default('guest'),
		personId: text('person_id'),
		placement: boolean('placement').notNull().default(false),
		expiresAt: time('expires_at').notNull(),
		revokedAt: time('revoked_at'),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('invites_token_idx').on(t.tokenHash),
		index('invites_meeting_idx').on(t.meetingId)
	]
);

export const snapshots = pgTable(
	'snapshots',
	{
		id: text('id').primaryKey(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		boardId: text('board_id').notNull(),
		state: bytea('state').notNull(),
		sha256: text('sha256').notNull(),
		goalsState: bytea('goals_state'),
		goalsSha256: text('goals_sha256'),
		summary: json('summary').$type<Record<string, unknown>>().notNull(),
		reason: text('reason', { enum: ['manual', 'meeting-ended'] }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: time('created_at').notNull()
	},
	(t) => [index('snapshots_case_idx').on(t.caseId, t.createdAt)]
);

export const minutesResponses = pgTable(
	'minutes_responses',
	{
		id: text('id').primaryKey(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
		authorName: text('author_name').notNull(),
		snapshotId: text('snapshot_id').references(() => snapshots.id, { onDelete: 'set null' }),
		text: text('text').notNull(),
		createdAt: time('created_at').notNull()
	},
	(t) => [
		index('minutes_responses_meeting_idx').on(t.meetingId, t.createdAt),
		index('minutes_responses_case_idx').on(t.caseId, t.createdAt)
	]
);

export const images = pgTable(
	'images',
	{
		sha256: text('sha256').notNull(),
		mime: text('mime').notNull(),
		bytes: bytea('bytes').notNull(),
		size: integer('size').notNull(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.sha256, t.caseId] })]
);

/** Insert-only: a trigger refuses UPDATE and DELETE except inside an erasure (drizzle-pg/). */
export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		at: time('at').notNull(),
		userId: text('user_id'),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		caseId: text('case_id'),
		targetType: text('target_type'),
		targetId: text('target_id'),
		ip: text('ip'),
		detail: json('detail').$type<Record<string, unknown>>()
	},
	(t) => [
		index('audit_at_idx').on(t.at),
		index('audit_case_idx').on(t.caseId, t.at),
		index('audit_user_idx').on(t.userId, t.at)
	]
);
