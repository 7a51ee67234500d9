CREATE TABLE "home_viewers" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"shown" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	CONSTRAINT "home_viewers_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
