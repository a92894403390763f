/**
 * The database schema (drizzle-orm, SQLite). Migrations are generated from this file with
 * `npm run db:generate` and committed under drizzle/; they are applied on every start.
 *
 * Times are stored as integer milliseconds since the epoch (`mode: 'timestamp_ms'`).
 */
import { sql } from 'drizzle-orm';
import {
	blob,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

/** Case roles, in the order they are listed on the case page. */
export const CASE_ROLES = ['facilitator', 'professional', 'parent', 'foster'] as const;
export type CaseRole = (typeof CASE_ROLES)[number];

export const MEETING_TYPES = ['tvaerfagligt', 'netvaerk', 'handleplan', 'internt'] as const;
export type MeetingType = (typeof MEETING_TYPES)[number];

export const MEETING_STATUSES = ['planned', 'live', 'ended'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];

const createdAt = () =>
	integer('created_at', { mode: 'timestamp_ms' })
		.notNull()
		.default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	/** Always stored lower-case and trimmed. */
	email: text('email').notNull().unique(),
	name: text('name').notNull(),
	passwordHash: text('password_hash').notNull(),
	isAdmin: integer('is_admin', { mode: 'boolean' }).notNull().default(false),
	disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
	locale: text('locale', { enum: ['da', 'en'] })
		.notNull()
		.default('da'),
	createdAt: createdAt()
});

export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** SHA-256 of the token's secret part; the secret itself is never stored. */
		secretHash: blob('secret_hash', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
		lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const cases = sqliteTable('cases', {
	id: text('id').primaryKey(),
	title: text('title').notNull(),
	/** The municipality's journal number, when known. */
	reference: text('reference'),
	createdAt: createdAt(),
	/** When the facilitator closed the case (the retention period counts from here). */
	closedAt: integer('closed_at', { mode: 'timestamp_ms' })
});

/**
 * What is being erased right now, inside the erasing transaction: the case's id and the ids of the
 * family's accounts that go with it. The audit log's append-only trigger lets their entries go
 * while their ids are here, and nothing else (drizzle/0006_audit_erasure.sql).
 */
export const erasuresInProgress = sqliteTable('erasures_in_progress', {
	subjectId: text('subject_id').primaryKey()
});

export const caseMembers = sqliteTable(
	'case_members',
	{
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text('role', { enum: CASE_ROLES }).notNull(),
		/** Free professional title, e.g. "familiebehandler" or "mor". */
		title: text('title').notNull().default(''),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.caseId, t.userId] }),
		index('case_members_user_idx').on(t.userId)
	]
);

export const meetings = sqliteTable(
	'meetings',
	{
		id: text('id').primaryKey(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		/** The live board's id, used in `/sync/<boardId>`. */
		boardId: text('board_id').notNull().unique(),
		type: text('type', { enum: MEETING_TYPES }).notNull(),
		title: text('title').notNull(),
		startsAt: integer('starts_at', { mode: 'timestamp_ms' }).notNull(),
		place: text('place').notNull().default(''),
		status: text('status', { enum: MEETING_STATUSES }).notNull().default('planned'),
		/** Held without the parents: board and snapshots are not shown to parents. */
		internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt(),
		startedAt: integer('started_at', { mode: 'timestamp_ms' }),
		endedAt: integer('ended_at', { mode: 'timestamp_ms' })
	},
	(t) => [index('meetings_case_idx').on(t.caseId, t.startsAt)]
);

export const agendaItems = sqliteTable(
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

/** Case members taking part in a meeting (parents see only meetings they take part in). */
export const meetingParticipants = sqliteTable(
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

/** The parent's choice of who should attend, and wishes for place and time. */
export const participantChoices = sqliteTable(
	'participant_choices',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** JSON array of person ids from the board's `people`. */
		chosen: text('chosen', { mode: 'json' }).$type<string[]>().notNull(),
		wishes: text('wishes').notNull().default(''),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

/**
 * Every saved version of a parent's choice (the facilitator sees what changed since last look).
 * Insert-only, like the audit log.
 */
export const participantChoiceHistory = sqliteTable(
	'participant_choice_history',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		chosen: text('chosen', { mode: 'json' }).$type<string[]>().notNull(),
		wishes: text('wishes').notNull().default(''),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('participant_choice_history_idx').on(t.meetingId, t.createdAt)]
);

/** When a facilitator or professional last looked at the parents' choices of a meeting. */
export const choiceViews = sqliteTable(
	'choice_views',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.userId] })]
);

/**
 * Participants the facilitator marks as needed at a meeting (e.g. the rådgiver), with the reason
 * the parent reads; the parent cannot leave them out of the choice. `candidateId` is a person id
 * of the board's `people` or `user:<userId>` for a case member without one.
 */
export const neededParticipants = sqliteTable(
	'needed_participants',
	{
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		candidateId: text('candidate_id').notNull(),
		reason: text('reason').notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.meetingId, t.candidateId] })]
);

/**
 * A parent's consent (samtykke) on a case: whether the goals are shared with the placement (the
 * foster family). Each parent gives or withdraws their own; the goals are shared when every
 * parent of the case has consented (docs/consent.md). Changes are audit-logged.
 */
export const consents = sqliteTable(
	'consents',
	{
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		shareGoalsWithPlacement: integer('share_goals_with_placement', { mode: 'boolean' })
			.notNull()
			.default(false),
		updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.caseId, t.userId] })]
);

export const invites = sqliteTable(
	'invites',
	{
		id: text('id').primaryKey(),
		meetingId: text('meeting_id')
			.notNull()
			.references(() => meetings.id, { onDelete: 'cascade' }),
		/** SHA-256 of the invite token; the token is shown once, to its creator. */
		tokenHash: blob('token_hash', { mode: 'buffer' }).notNull(),
		name: text('name').notNull(),
		role: text('role').notNull(),
		readOnly: integer('read_only', { mode: 'boolean' }).notNull().default(false),
		/**
		 * `screen`: the meeting room's screen – always read-only, opens only the screen view of the
		 * meeting (docs/screen.md). `guest`: a person joining the board.
		 */
		kind: text('kind', { enum: ['guest', 'screen'] })
			.notNull()
			.default('guest'),
		/** The person of the board's `people` the invite is for ("Inviter de valgte"). */
		personId: text('person_id'),
		/**
		 * For someone of the placement (the foster family): sees the goals only with the parents'
		 * consent, like a foster member of the case.
		 */
		placement: integer('placement', { mode: 'boolean' }).notNull().default(false),
		expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
		revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('invites_token_idx').on(t.tokenHash),
		index('invites_meeting_idx').on(t.meetingId)
	]
);

/**
 * Append-only log of board updates. Every update a peer sends is inserted here before it is
 * forwarded; compaction folds a prefix of the log into `board_states` in one transaction.
 */
export const boardUpdates = sqliteTable(
	'board_updates',
	{
		seq: integer('seq').primaryKey({ autoIncrement: true }),
		boardId: text('board_id').notNull(),
		update: blob('update', { mode: 'buffer' }).notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('board_updates_board_idx').on(t.boardId, t.seq)]
);

/** Compacted state per board: the merge of every update up to and including `throughSeq`. */
export const boardStates = sqliteTable('board_states', {
	boardId: text('board_id').primaryKey(),
	state: blob('state', { mode: 'buffer' }).notNull(),
	throughSeq: integer('through_seq').notNull(),
	updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull()
});

/** Immutable saved boards. `sha256` is over `state`, checked whenever the snapshot is read. */
export const snapshots = sqliteTable(
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
		/** The main document (everything but the goals, in snapshots saved since the goals split). */
		state: blob('state', { mode: 'buffer' }).notNull(),
		sha256: text('sha256').notNull(),
		/** The goals document (`<boardId>~goals`); null in snapshots from before the split. */
		goalsState: blob('goals_state', { mode: 'buffer' }),
		goalsSha256: text('goals_sha256'),
		summary: text('summary', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
		reason: text('reason', { enum: ['manual', 'meeting-ended'] }).notNull(),
		createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [index('snapshots_case_idx').on(t.caseId, t.createdAt)]
);

/**
 * A parent's written response to the minutes of a meeting they took part in ("Min kommentar til
 * referatet"). Kept as written: responses are added, never edited, and go with the case.
 */
export const minutesResponses = sqliteTable(
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
		/** The author's name when written (kept if the account is removed). */
		authorName: text('author_name').notNull(),
		/** The snapshot whose minutes were read (the meeting's end-of-meeting snapshot). */
		snapshotId: text('snapshot_id').references(() => snapshots.id, { onDelete: 'set null' }),
		text: text('text').notNull(),
		createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull()
	},
	(t) => [
		index('minutes_responses_meeting_idx').on(t.meetingId, t.createdAt),
		index('minutes_responses_case_idx').on(t.caseId, t.createdAt)
	]
);

/**
 * Uploaded board images, stored by content hash once per case (the same picture uploaded on two
 * cases is stored twice, so neither case learns of the other).
 */
export const images = sqliteTable(
	'images',
	{
		sha256: text('sha256').notNull(),
		mime: text('mime').notNull(),
		bytes: blob('bytes', { mode: 'buffer' }).notNull(),
		size: integer('size').notNull(),
		caseId: text('case_id')
			.notNull()
			.references(() => cases.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.sha256, t.caseId] })]
);

/**
 * Who read or changed what, when and from where. Rows are only ever inserted; the app has no
 * code path that updates or deletes them (and a trigger refuses it, see the migration).
 */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at', { mode: 'timestamp_ms' }).notNull(),
		userId: text('user_id'),
		/** Who acted, as shown: a user's name, or "gæst: <name>" for an invite. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		caseId: text('case_id'),
		targetType: text('target_type'),
		targetId: text('target_id'),
		ip: text('ip'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [
		index('audit_at_idx').on(t.at),
		index('audit_case_idx').on(t.caseId, t.at),
		index('audit_user_idx').on(t.userId, t.at)
	]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Case = typeof cases.$inferSelect;
export type CaseMember = typeof caseMembers.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type AgendaItem = typeof agendaItems.$inferSelect;
export type Invite = typeof invites.$inferSelect;
export type Snapshot = typeof snapshots.$inferSelect;
export type AuditEntry = typeof auditLog.$inferSelect;
export type MinutesResponse = typeof minutesResponses.$inferSelect;
export type Consent = typeof consents.$inferSelect;
