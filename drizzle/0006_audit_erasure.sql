-- The audit log stays append-only, with one exception: while a case is being erased (inside the
-- erasing transaction, src/lib/server/case-erasure.ts), the entries of that case and of the
-- family's accounts that go with it (their ids in `erasures_in_progress`) may be deleted – so that
-- erasure leaves no trace but the one entry saying it happened.
DROP TRIGGER IF EXISTS `audit_log_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN NOT (
	COALESCE(OLD.`case_id`, '') IN (SELECT `subject_id` FROM `erasures_in_progress`)
	OR COALESCE(OLD.`user_id`, '') IN (SELECT `subject_id` FROM `erasures_in_progress`)
)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
