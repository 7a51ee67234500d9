CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`release_id` integer,
	`actor_id` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`before_json` text,
	`after_json` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_release` ON `audit_log` (`release_id`,`id`);--> statement-breakpoint
CREATE TABLE `release_roles` (
	`release_id` integer NOT NULL,
	`role` text NOT NULL,
	`user_id` text NOT NULL,
	`assigned_by` text NOT NULL,
	`assigned_at` integer NOT NULL,
	PRIMARY KEY(`release_id`, `role`, `user_id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `release_roles_user` ON `release_roles` (`user_id`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`target_date` text NOT NULL,
	`window_start` text,
	`window_end` text,
	`time_zone` text NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`shipped_at` integer,
	`ended_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `releases_team_name_key` ON `releases` (`team_id`,`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `releases_one_active_per_channel` ON `releases` (`team_id`,`channel_id`) WHERE status in ('planning', 'approved', 'shipped');--> statement-breakpoint
CREATE INDEX `releases_team_status` ON `releases` (`team_id`,`status`);--> statement-breakpoint
CREATE TABLE `timers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`release_id` integer,
	`due_at` integer NOT NULL,
	`payload_json` text NOT NULL,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_at` integer,
	`last_error` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `timers_key` ON `timers` (`key`);--> statement-breakpoint
CREATE INDEX `timers_due` ON `timers` (`status`,`due_at`);