CREATE TABLE "message_renders" (
	"key" text PRIMARY KEY NOT NULL,
	"requested" integer DEFAULT 0 NOT NULL,
	"rendered" integer DEFAULT 0 NOT NULL,
	"digest" text,
	"holder" text,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "post_intents" (
	"key" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"thread_ts" text,
	"search_from" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"posted_channel_id" text,
	"posted_ts" text,
	"posted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "post_intents_created" ON "post_intents" USING btree ("created_at");