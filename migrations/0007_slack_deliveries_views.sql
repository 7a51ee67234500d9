CREATE TABLE `slack_deliveries` (
	`key` text PRIMARY KEY NOT NULL,
	`claimed_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_deliveries_expiry` ON `slack_deliveries` (`expires_at`);--> statement-breakpoint
CREATE TABLE `slack_views` (
	`view_id` text PRIMARY KEY NOT NULL,
	`callback_id` text NOT NULL,
	`user_id` text NOT NULL,
	`private_metadata` text NOT NULL,
	`opened_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `slack_views_expiry` ON `slack_views` (`expires_at`);