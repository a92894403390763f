-- The audit log is append-only: the database itself refuses edits, deletions and TRUNCATE, with
-- one exception (as drizzle/0006_audit_erasure.sql on SQLite): while a case is being erased,
-- inside the erasing transaction (src/lib/server/case-erasure.ts), the entries of that case and
-- of the family's accounts that go with it (their ids in `erasures_in_progress`) may be deleted.
-- Rows of `erasures_in_progress` are seen only by the transaction that inserted them.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' AND (
		COALESCE(OLD.case_id, '') IN (SELECT subject_id FROM erasures_in_progress)
		OR COALESCE(OLD.user_id, '') IN (SELECT subject_id FROM erasures_in_progress)
	) THEN
		RETURN OLD;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
	FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
	FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
