CREATE TABLE `message_renders` (
	`key` text PRIMARY KEY NOT NULL,
	`requested` integer DEFAULT 0 NOT NULL,
	`rendered` integer DEFAULT 0 NOT NULL,
	`digest` text,
	`holder` text,
	`lease_until` integer
);
--> statement-breakpoint
CREATE TABLE `post_intents` (
	`key` text PRIMARY KEY NOT NULL,
	`channel_id` text NOT NULL,
	`thread_ts` text,
	`search_from` integer NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	`posted_channel_id` text,
	`posted_ts` text,
	`posted_at` integer
);
--> statement-breakpoint
CREATE INDEX `post_intents_created` ON `post_intents` (`created_at`);