CREATE TABLE "slack_deliveries" (
	"key" text PRIMARY KEY NOT NULL,
	"claimed_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slack_views" (
	"view_id" text PRIMARY KEY NOT NULL,
	"callback_id" text NOT NULL,
	"user_id" text NOT NULL,
	"private_metadata" text NOT NULL,
	"opened_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "slack_deliveries_expiry" ON "slack_deliveries" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "slack_views_expiry" ON "slack_views" USING btree ("expires_at");