CREATE TABLE `decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`release_id` integer NOT NULL,
	`kind` text NOT NULL,
	`area` text,
	`outcome` text NOT NULL,
	`rationale` text,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	`details_json` text NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decisions_release` ON `decisions` (`release_id`,`decided_at`);--> statement-breakpoint
CREATE INDEX `decisions_team` ON `decisions` (`team_id`,`decided_at`);