ALTER TABLE "risk_snapshots" ADD COLUMN "medium_count" integer;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD COLUMN "low_count" integer;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD COLUMN "mitigated_count" integer;--> statement-breakpoint
ALTER TABLE "risk_snapshots" ADD COLUMN "report_key" text;--> statement-breakpoint
CREATE UNIQUE INDEX "risk_snapshots_report" ON "risk_snapshots" USING btree ("release_id","report_key");