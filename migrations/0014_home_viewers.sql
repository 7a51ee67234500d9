CREATE TABLE `home_viewers` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`shown` text NOT NULL,
	`published_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
