CREATE TABLE `github_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`repo` text NOT NULL,
	`environment` text NOT NULL,
	`branch` text,
	`checks_json` text NOT NULL,
	`milestone` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `github_links_repo` ON `github_links` (`repo`);--> statement-breakpoint
CREATE INDEX `github_links_channel` ON `github_links` (`team_id`,`channel_id`);--> statement-breakpoint
CREATE TABLE `github_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`repo` text NOT NULL,
	`tag` text NOT NULL,
	`url` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `github_versions_release_tag` ON `github_versions` (`release_id`,`repo`,`tag`);