PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_absences` (
	`release_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`from_date` text,
	`until_date` text NOT NULL,
	`delegate_id` text,
	`may_decide` integer DEFAULT 0 NOT NULL,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`release_id`, `user_id`, `set_at`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_absences`("release_id", "user_id", "from_date", "until_date", "delegate_id", "may_decide", "set_at") SELECT "release_id", "user_id", "from_date", "until_date", "delegate_id", "may_decide", "set_at" FROM `absences`;--> statement-breakpoint
DROP TABLE `absences`;--> statement-breakpoint
ALTER TABLE `__new_absences` RENAME TO `absences`;--> statement-breakpoint
PRAGMA foreign_keys=ON;