CREATE TABLE `escalation_levels` (
	`team_id` text NOT NULL,
	`level` integer NOT NULL,
	`channel_id` text NOT NULL,
	`pings_json` text NOT NULL,
	`ack_ms` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `level`)
);
--> statement-breakpoint
CREATE TABLE `escalation_messages` (
	`escalation_id` integer NOT NULL,
	`step` integer NOT NULL,
	`kind` text NOT NULL,
	`level` integer NOT NULL,
	`channel_id` text NOT NULL,
	`ts` text NOT NULL,
	`posted_at` integer NOT NULL,
	PRIMARY KEY(`escalation_id`, `step`, `kind`),
	FOREIGN KEY (`escalation_id`) REFERENCES `escalations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `escalations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`release_id` integer NOT NULL,
	`category` text,
	`summary` text NOT NULL,
	`raised_by` text NOT NULL,
	`raised_at` integer NOT NULL,
	`level` integer NOT NULL,
	`status` text NOT NULL,
	`step` integer NOT NULL,
	`history_json` text NOT NULL,
	`next_step_at` integer,
	`acknowledged_by` text,
	`acknowledged_at` integer,
	`resolved_by` text,
	`resolved_at` integer,
	`resolution` text,
	`expired_at` integer,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `escalations_team_status` ON `escalations` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `escalations_release` ON `escalations` (`release_id`);