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
CREATE TABLE `absences` (
	`release_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`until_date` text NOT NULL,
	`delegate_id` text,
	`may_decide` integer DEFAULT 0 NOT NULL,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`release_id`, `user_id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `cadence_configs` ADD `standup_delivery` text DEFAULT 'channel' NOT NULL;--> statement-breakpoint
ALTER TABLE `standup_answers` ADD `answered_by` text;--> statement-breakpoint
ALTER TABLE `poll_votes` ADD `on_behalf_of` text;