CREATE TABLE `cadence_configs` (
	`release_id` integer PRIMARY KEY NOT NULL,
	`standup_time` integer NOT NULL,
	`working_days` text NOT NULL,
	`reminder_after_ms` integer NOT NULL,
	`cutoff_after_ms` integer NOT NULL,
	`holidays_json` text NOT NULL,
	`risk_day` integer NOT NULL,
	`risk_time` integer NOT NULL,
	`risk_collect_ms` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `occurrences` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`job` text NOT NULL,
	`slot` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 1 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer NOT NULL,
	`finished_at` integer,
	`note` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `occurrences_release_job_slot` ON `occurrences` (`release_id`,`job`,`slot`);--> statement-breakpoint
CREATE INDEX `occurrences_status` ON `occurrences` (`release_id`,`status`);--> statement-breakpoint
CREATE TABLE `retro_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`answers_json` text NOT NULL,
	`reply_ts` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `retro_answers_person` ON `retro_answers` (`release_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `retrospectives` (
	`release_id` integer PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`prompted_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`summary_ts` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `risk_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`risk_id` integer NOT NULL,
	`actor_id` text NOT NULL,
	`change` text NOT NULL,
	`before_json` text,
	`after_json` text,
	`note` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`risk_id`) REFERENCES `risks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_history_risk` ON `risk_history` (`risk_id`,`id`);--> statement-breakpoint
CREATE TABLE `risk_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`taken_at` integer NOT NULL,
	`open_count` integer NOT NULL,
	`total_score` integer NOT NULL,
	`high_count` integer NOT NULL,
	`message_ts` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risk_snapshots_release` ON `risk_snapshots` (`release_id`,`taken_at`);--> statement-breakpoint
CREATE TABLE `risks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`title` text NOT NULL,
	`severity` integer NOT NULL,
	`likelihood` integer NOT NULL,
	`owner_id` text,
	`mitigation` text,
	`due_date` text,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`reviewed_at` integer,
	`closed_at` integer,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `risks_release` ON `risks` (`release_id`,`status`);--> statement-breakpoint
CREATE TABLE `standup_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`standup_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`answers_json` text NOT NULL,
	`reply_ts` text,
	`answered_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`standup_id`) REFERENCES `standups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standup_answers_person` ON `standup_answers` (`standup_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `standups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`slot` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`prompted_at` integer NOT NULL,
	`reminded_at` integer,
	`summary_ts` text,
	`summarized_at` integer,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `standups_release_slot` ON `standups` (`release_id`,`slot`);--> statement-breakpoint
CREATE TABLE `weekly_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`slot` text NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weekly_notes_one` ON `weekly_notes` (`release_id`,`slot`,`user_id`,`kind`);