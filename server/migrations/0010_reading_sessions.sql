CREATE TABLE "app_nodes" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"seen_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_reader_notes" (
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"body" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "client_reader_notes_client_user_id_reader_user_id_pk" PRIMARY KEY("client_user_id","reader_user_id")
);
--> statement-breakpoint
CREATE TABLE "reading_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"modality" text NOT NULL,
	"rate_per_unit_cents" bigint NOT NULL,
	"unit_ms" integer NOT NULL,
	"reader_share_basis_points" integer NOT NULL,
	"state" text NOT NULL,
	"end_cause" text,
	"billed_ms" bigint DEFAULT 0 NOT NULL,
	"accrued_at" timestamp (3) with time zone,
	"held_unit" integer,
	"hold_id" uuid,
	"captured_units" integer DEFAULT 0 NOT NULL,
	"charged_cents" bigint DEFAULT 0 NOT NULL,
	"reader_share_cents" bigint DEFAULT 0 NOT NULL,
	"due_at" timestamp (3) with time zone,
	"grace_ends_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"accepted_at" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"finalized_at" timestamp (3) with time zone,
	"state_changed_at" timestamp (3) with time zone NOT NULL,
	"reader_note" text,
	"reader_note_at" timestamp (3) with time zone,
	CONSTRAINT "reading_sessions_state_check" CHECK ("reading_sessions"."state" in ('created', 'waiting', 'active', 'paused', 'reconnecting', 'ended', 'finalized')),
	CONSTRAINT "reading_sessions_modality_check" CHECK ("reading_sessions"."modality" in ('chat', 'voice', 'video')),
	CONSTRAINT "reading_sessions_meter_check" CHECK ("reading_sessions"."billed_ms" >= 0 and "reading_sessions"."charged_cents" >= 0 and "reading_sessions"."rate_per_unit_cents" > 0 and "reading_sessions"."unit_ms" >= 1000)
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"stars" integer NOT NULL,
	"body" text NOT NULL,
	"reply" text,
	"replied_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "reviews_stars_check" CHECK ("reviews"."stars" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "session_connections" (
	"session_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"node_id" text NOT NULL,
	"connections" integer NOT NULL,
	CONSTRAINT "session_connections_session_id_user_id_node_id_pk" PRIMARY KEY("session_id","user_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "session_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"session_id" uuid NOT NULL,
	"sender_user_id" text NOT NULL,
	"client_message_id" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"delivered_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "session_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"cause" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_reader_notes" ADD CONSTRAINT "client_reader_notes_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_reader_notes" ADD CONSTRAINT "client_reader_notes_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD CONSTRAINT "reading_sessions_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD CONSTRAINT "reading_sessions_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_session_id_reading_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_connections" ADD CONSTRAINT "session_connections_session_id_reading_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_connections" ADD CONSTRAINT "session_connections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_session_id_reading_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_messages" ADD CONSTRAINT "session_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_transitions" ADD CONSTRAINT "session_transitions_session_id_reading_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "reading_sessions_open_reader" ON "reading_sessions" USING btree ("reader_user_id") WHERE state in ('created', 'waiting', 'active', 'paused', 'reconnecting');--> statement-breakpoint
CREATE UNIQUE INDEX "reading_sessions_open_client" ON "reading_sessions" USING btree ("client_user_id") WHERE state in ('created', 'waiting', 'active', 'paused', 'reconnecting');--> statement-breakpoint
CREATE INDEX "reading_sessions_due_idx" ON "reading_sessions" USING btree ("due_at") WHERE state in ('created', 'waiting', 'active', 'paused', 'reconnecting', 'ended');--> statement-breakpoint
CREATE INDEX "reading_sessions_client_idx" ON "reading_sessions" USING btree ("client_user_id","created_at");--> statement-breakpoint
CREATE INDEX "reading_sessions_reader_idx" ON "reading_sessions" USING btree ("reader_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reviews_one_per_session" ON "reviews" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "reviews_reader_idx" ON "reviews" USING btree ("reader_user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "session_connections_node_idx" ON "session_connections" USING btree ("node_id");--> statement-breakpoint
CREATE UNIQUE INDEX "session_messages_idempotent" ON "session_messages" USING btree ("session_id","sender_user_id","client_message_id");--> statement-breakpoint
CREATE INDEX "session_messages_session_idx" ON "session_messages" USING btree ("session_id","seq");--> statement-breakpoint
CREATE INDEX "session_transitions_session_idx" ON "session_transitions" USING btree ("session_id","id");