CREATE TABLE "session_callbacks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"modality" text NOT NULL,
	"status" text NOT NULL,
	"session_id" uuid,
	"created_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"offered_at" timestamp (3) with time zone,
	"offer_expires_at" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone,
	CONSTRAINT "session_callbacks_status_check" CHECK ("session_callbacks"."status" in ('waiting', 'offered', 'started', 'lapsed', 'cancelled', 'expired')),
	CONSTRAINT "session_callbacks_modality_check" CHECK ("session_callbacks"."modality" in ('chat', 'voice', 'video'))
);
--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "client_name" text;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "reader_name" text;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "reader_slug" text;--> statement-breakpoint
ALTER TABLE "session_callbacks" ADD CONSTRAINT "session_callbacks_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_callbacks" ADD CONSTRAINT "session_callbacks_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_callbacks" ADD CONSTRAINT "session_callbacks_session_id_reading_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "session_callbacks_one_open" ON "session_callbacks" USING btree ("client_user_id","reader_user_id") WHERE status in ('waiting', 'offered');--> statement-breakpoint
CREATE UNIQUE INDEX "session_callbacks_one_offer" ON "session_callbacks" USING btree ("reader_user_id") WHERE status = 'offered';--> statement-breakpoint
CREATE INDEX "session_callbacks_queue_idx" ON "session_callbacks" USING btree ("reader_user_id","seq") WHERE status in ('waiting', 'offered');--> statement-breakpoint
CREATE INDEX "session_callbacks_client_idx" ON "session_callbacks" USING btree ("client_user_id","created_at");--> statement-breakpoint
UPDATE "reading_sessions" s SET "client_name" = u."display_name" FROM "users" u WHERE u."id" = s."client_user_id";--> statement-breakpoint
UPDATE "reading_sessions" s SET "reader_name" = p."display_name", "reader_slug" = p."slug" FROM "reader_profiles" p WHERE p."user_id" = s."reader_user_id";
