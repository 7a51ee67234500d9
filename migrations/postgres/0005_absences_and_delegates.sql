CREATE TABLE "absences" (
	"release_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"until_date" text NOT NULL,
	"delegate_id" text,
	"may_decide" integer DEFAULT 0 NOT NULL,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "absences_release_id_user_id_pk" PRIMARY KEY("release_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "standup_answers" ADD COLUMN "answered_by" text;--> statement-breakpoint
ALTER TABLE "poll_votes" ADD COLUMN "on_behalf_of" text;--> statement-breakpoint
ALTER TABLE "absences" ADD CONSTRAINT "absences_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;