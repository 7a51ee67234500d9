CREATE TABLE `standup_dms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`standup_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`due_at` integer NOT NULL,
	`time_zone` text NOT NULL,
	`claimed_by` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`channel_id` text,
	`message_ts` text,
	`reminded_at` integer,
	FOREIGN KEY (`standup_id`) REFERENCES `standups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_dms_person` ON `standup_dms` (`standup_id`,`user_id`);--> statement-breakpoint
ALTER TABLE `cadence_configs` ADD `standup_delivery` text DEFAULT 'channel' NOT NULL;