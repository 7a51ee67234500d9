CREATE TABLE `authority_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`area` text NOT NULL,
	`perspective_a` text NOT NULL,
	`perspective_b` text NOT NULL,
	`recorded_by` text NOT NULL,
	`recorded_at` integer NOT NULL,
	`resolved_by_decision_id` integer,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`resolved_by_decision_id`) REFERENCES `decisions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authority_conflicts_release` ON `authority_conflicts` (`release_id`,`area`);--> statement-breakpoint
CREATE TABLE `authority_proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`area` text NOT NULL,
	`decision` text NOT NULL,
	`rationale` text,
	`proposed_by` text NOT NULL,
	`proposer_role` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`status` text NOT NULL,
	`resolved_by` text,
	`resolved_at` integer,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `authority_proposals_release` ON `authority_proposals` (`release_id`,`area`,`status`);--> statement-breakpoint
CREATE TABLE `checklist_items` (
	`release_id` integer NOT NULL,
	`key` text NOT NULL,
	`label` text NOT NULL,
	`owner` text NOT NULL,
	`position` integer NOT NULL,
	`ticked_by` text,
	`ticked_at` integer,
	`evidence_url` text,
	PRIMARY KEY(`release_id`, `key`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `checklist_ticks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`release_id` integer NOT NULL,
	`key` text NOT NULL,
	`action` text NOT NULL,
	`actor_id` text NOT NULL,
	`at` integer NOT NULL,
	`evidence_url` text,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checklist_ticks_release` ON `checklist_ticks` (`release_id`,`id`);--> statement-breakpoint
CREATE TABLE `handoffs` (
	`release_id` integer NOT NULL,
	`key` text NOT NULL,
	`signed_off_by` text,
	`signed_off_at` integer,
	`confirmed_by` text,
	`confirmed_at` integer,
	`channel_id` text,
	`message_ts` text,
	PRIMARY KEY(`release_id`, `key`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
