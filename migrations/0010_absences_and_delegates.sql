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
ALTER TABLE `standup_answers` ADD `answered_by` text;--> statement-breakpoint
ALTER TABLE `poll_votes` ADD `on_behalf_of` text;