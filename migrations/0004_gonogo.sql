CREATE TABLE `poll_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`poll_id` integer NOT NULL,
	`role` text NOT NULL,
	`voter_id` text NOT NULL,
	`value` text NOT NULL,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`poll_id`) REFERENCES `polls`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `poll_votes_poll` ON `poll_votes` (`poll_id`,`id`);--> statement-breakpoint
CREATE TABLE `polls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`release_id` integer NOT NULL,
	`activity` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`status` text NOT NULL,
	`deadline_at` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`opened_by` text NOT NULL,
	`opened_at` integer NOT NULL,
	`reminded_at` integer,
	`decided_by` text,
	`decided_at` integer,
	`decision` text,
	`rationale` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `polls_one_open_per_activity` ON `polls` (`release_id`,`activity`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `polls_release` ON `polls` (`release_id`,`id`);