CREATE TABLE `minutes_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`meeting_id` text NOT NULL,
	`user_id` text,
	`author_name` text NOT NULL,
	`snapshot_id` text,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`snapshot_id`) REFERENCES `snapshots`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `minutes_responses_meeting_idx` ON `minutes_responses` (`meeting_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `minutes_responses_case_idx` ON `minutes_responses` (`case_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `invites` ADD `kind` text DEFAULT 'guest' NOT NULL;