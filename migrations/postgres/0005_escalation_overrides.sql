CREATE TABLE "escalation_overrides" (
	"release_id" integer NOT NULL,
	"team_id" text NOT NULL,
	"level" integer NOT NULL,
	"channel_id" text NOT NULL,
	"pings_json" text NOT NULL,
	"ack_ms" bigint NOT NULL,
	"hours" text,
	"days" text,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escalation_overrides_release_id_level_pk" PRIMARY KEY("release_id","level")
);
--> statement-breakpoint
ALTER TABLE "escalation_levels" ADD COLUMN "hours" text;--> statement-breakpoint
ALTER TABLE "escalation_levels" ADD COLUMN "days" text;--> statement-breakpoint
ALTER TABLE "escalation_overrides" ADD CONSTRAINT "escalation_overrides_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;