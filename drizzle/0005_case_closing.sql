CREATE TABLE `case_erasures` (
	`case_id` text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `closed_at` integer;