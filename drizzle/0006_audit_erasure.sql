-- The audit log stays append-only, with one exception: while a case is being erased (its id in
-- `case_erasures`, inside the erasing transaction), that case's entries may be deleted – so that
-- erasure leaves no trace but the one entry saying it happened (src/lib/server/case-erasure.ts).
DROP TRIGGER IF EXISTS `audit_log_no_delete`;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN OLD.`case_id` IS NULL OR OLD.`case_id` NOT IN (SELECT `case_id` FROM `case_erasures`)
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only');
END;
