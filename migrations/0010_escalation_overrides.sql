CREATE TABLE `escalation_overrides` (
	`release_id` integer NOT NULL,
	`team_id` text NOT NULL,
	`level` integer NOT NULL,
	`channel_id` text NOT NULL,
	`pings_json` text NOT NULL,
	`ack_ms` integer NOT NULL,
	`hours` text,
	`days` text,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`release_id`, `level`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `escalation_levels` ADD `hours` text;--> statement-breakpoint
ALTER TABLE `escalation_levels` ADD `days` text;