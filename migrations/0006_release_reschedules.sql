CREATE TABLE `release_reschedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`target_before` text NOT NULL,
	`window_start_before` text,
	`window_end_before` text,
	`target_after` text NOT NULL,
	`window_start_after` text,
	`window_end_after` text,
	`reason` text NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `release_reschedules_release` ON `release_reschedules` (`release_id`,`id`);