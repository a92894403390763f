CREATE TABLE `erasures_in_progress` (
	`subject_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `closed_at` integer;