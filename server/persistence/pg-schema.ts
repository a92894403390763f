/**
 * The board store's schema on PostgreSQL (pg-store.ts): numbered migrations, each applied once,
 * in order, in one transaction under an advisory lock, so several processes starting at once
 * apply them once. `moedetavle_append` (0002) is the group commit's one statement.
 */
import type pg from 'pg';

/** The channel of the append notifications (payload `<docId>:<lastSeq>`). */
export const UPDATES_CHANNEL = 'board_updates';
/** Advisory lock namespace of the migrations (first key of the two-key form). */
const LOCK_MIGRATE = 7_140_001;

/** Numbered migrations of the PostgreSQL schema, applied in order, each once. */
export const PG_MIGRATIONS: { id: string; sql: string }[] = [
	{
		id: '0001-board-store',
		sql: `
			CREATE TABLE board_docs (
				doc_id text PRIMARY KEY,
				last_seq bigint NOT NULL DEFAULT 0
			);
			CREATE TABLE board_updates (
				doc_id text NOT NULL,
				seq bigint NOT NULL,
				"update" bytea NOT NULL,
				created_at timestamptz NOT NULL DEFAULT now(),
				PRIMARY KEY (doc_id, seq)
			);
			CREATE TABLE board_states (
				doc_id text PRIMARY KEY,
				state bytea NOT NULL,
				through_seq bigint NOT NULL,
				updated_at timestamptz NOT NULL DEFAULT now()
			);
			CREATE TABLE board_seals (
				board_id text PRIMARY KEY,
				sealed_at timestamptz NOT NULL DEFAULT now()
			);`
	},
	{
		// A group commit in one statement, so one round trip: the documents' rows are held for
		// the function's run only, not for a client's round trips between statements (with several
		// processes on one board, they wait for each other's row locks). Entry i appends
		// counts[i] updates (from the flat `updates`) to docs[i] unless boards[i] is sealed; each
		// statement sees what committed before it (READ COMMITTED), so the seal is read after the
		// locks. NOTIFY is delivered on commit only.
		id: '0002-append-function',
		sql: `
			CREATE OR REPLACE FUNCTION moedetavle_append(
				docs text[], boards text[], counts int[], updates bytea[]
			) RETURNS TABLE (entry int, sealed boolean, first_seq bigint)
			LANGUAGE plpgsql AS $$
			DECLARE
				sorted text[] := ARRAY(SELECT DISTINCT d FROM unnest(docs) AS d ORDER BY d);
				touched text[] := '{}';
				new_last bigint;
				n int;
				pos int := 1;
			BEGIN
				INSERT INTO board_docs (doc_id) SELECT d FROM unnest(sorted) AS d ORDER BY d
					ON CONFLICT (doc_id) DO NOTHING;
				PERFORM 1 FROM board_docs WHERE doc_id = ANY(sorted) ORDER BY doc_id FOR UPDATE;
				FOR i IN 1 .. coalesce(array_length(docs, 1), 0) LOOP
					n := counts[i];
					entry := i;
					IF EXISTS (SELECT 1 FROM board_seals s WHERE s.board_id = boards[i]) THEN
						sealed := true;
						first_seq := NULL;
					ELSE
						UPDATE board_docs SET last_seq = last_seq + n WHERE doc_id = docs[i]
							RETURNING last_seq INTO new_last;
						INSERT INTO board_updates (doc_id, seq, "update")
							SELECT docs[i], new_last - n + k, updates[pos + k - 1] FROM generate_series(1, n) AS k;
						touched := array_append(touched, docs[i]);
						sealed := false;
						first_seq := new_last - n + 1;
					END IF;
					pos := pos + n;
					RETURN NEXT;
				END LOOP;
				PERFORM pg_notify('${UPDATES_CHANNEL}', d.doc_id || ':' || d.last_seq)
					FROM board_docs AS d WHERE d.doc_id IN (SELECT DISTINCT unnest(touched));
			END $$;`
	}
];

/** Applies the pending migrations in one transaction, one process at a time. */
export async function migratePg(pool: pg.Pool): Promise<void> {
	const client = await pool.connect();
	try {
		await client.query('BEGIN');
		await client.query('SELECT pg_advisory_xact_lock($1, 0)', [LOCK_MIGRATE]);
		await client.query(
			`CREATE TABLE IF NOT EXISTS moedetavle_migrations (
				id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`
		);
		const { rows } = await client.query<{ id: string }>('SELECT id FROM moedetavle_migrations');
		const applied = new Set(rows.map((r) => r.id));
		for (const migration of PG_MIGRATIONS) {
			if (applied.has(migration.id)) continue;
			await client.query(migration.sql);
			await client.query('INSERT INTO moedetavle_migrations (id) VALUES ($1)', [migration.id]);
		}
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK').catch(() => {});
		throw error;
	} finally {
		client.release();
	}
}
