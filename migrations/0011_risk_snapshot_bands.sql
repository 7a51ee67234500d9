ALTER TABLE `risk_snapshots` ADD `medium_count` integer;--> statement-breakpoint
ALTER TABLE `risk_snapshots` ADD `low_count` integer;--> statement-breakpoint
ALTER TABLE `risk_snapshots` ADD `mitigated_count` integer;--> statement-breakpoint
ALTER TABLE `risk_snapshots` ADD `report_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `risk_snapshots_report` ON `risk_snapshots` (`release_id`,`report_key`);