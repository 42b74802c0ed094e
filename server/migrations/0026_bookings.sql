CREATE TABLE "booking_steps" (
	"booking_id" uuid NOT NULL,
	"step" text NOT NULL,
	"version" integer NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"queued_at" timestamp (3) with time zone,
	"done_at" timestamp (3) with time zone,
	CONSTRAINT "booking_steps_booking_id_step_version_pk" PRIMARY KEY("booking_id","step","version")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"modality" text NOT NULL,
	"length_minutes" integer NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"ends_at" timestamp (3) with time zone NOT NULL,
	"blocked_until" timestamp (3) with time zone NOT NULL,
	"rate_per_minute_cents" bigint NOT NULL,
	"price_cents" bigint NOT NULL,
	"reader_share_basis_points" integer NOT NULL,
	"status" text NOT NULL,
	"hold_id" uuid NOT NULL,
	"reading_id" uuid,
	"question" text,
	"client_name" text,
	"reader_name" text,
	"reader_slug" text,
	"client_time_zone" text NOT NULL,
	"reader_time_zone" text NOT NULL,
	"reschedule_count" integer DEFAULT 0 NOT NULL,
	"calendar_sequence" integer DEFAULT 0 NOT NULL,
	"cancelled_side" text,
	"cancel_reason" text,
	"refunded_cents" bigint,
	"captured_cents" bigint,
	"reader_share_cents" bigint,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"settled_at" timestamp (3) with time zone,
	CONSTRAINT "bookings_status_check" CHECK ("bookings"."status" in ('confirmed', 'completed', 'cancelled', 'client_no_show', 'reader_no_show')),
	CONSTRAINT "bookings_modality_check" CHECK ("bookings"."modality" in ('chat', 'voice', 'video')),
	CONSTRAINT "bookings_length_check" CHECK ("bookings"."length_minutes" in (15, 30, 45, 60)),
	CONSTRAINT "bookings_time_check" CHECK ("bookings"."ends_at" > "bookings"."starts_at" and "bookings"."blocked_until" >= "bookings"."ends_at"),
	CONSTRAINT "bookings_price_check" CHECK ("bookings"."price_cents" > 0 and "bookings"."rate_per_minute_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "reader_availability" (
	"reader_user_id" text PRIMARY KEY NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"exceptions" jsonb NOT NULL,
	"lengths_minutes" integer[] NOT NULL,
	"modalities" text[] NOT NULL,
	"buffer_minutes" integer NOT NULL,
	"min_notice_minutes" integer NOT NULL,
	"horizon_days" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "reader_availability_rules_check" CHECK ("reader_availability"."buffer_minutes" between 0 and 30 and "reader_availability"."min_notice_minutes" between 0 and 43200 and "reader_availability"."horizon_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "attachments" jsonb;--> statement-breakpoint
ALTER TABLE "reader_profiles" ADD COLUMN "no_show_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "pricing" text DEFAULT 'per_unit' NOT NULL;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "scheduled_start_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "scheduled_end_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "client_joined_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD COLUMN "reader_joined_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "booking_steps" ADD CONSTRAINT "booking_steps_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_reading_id_reading_sessions_id_fk" FOREIGN KEY ("reading_id") REFERENCES "public"."reading_sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_availability" ADD CONSTRAINT "reader_availability_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "booking_steps_due_idx" ON "booking_steps" USING btree ("due_at") WHERE done_at is null;--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reading_unique" ON "bookings" USING btree ("reading_id");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_hold_unique" ON "bookings" USING btree ("hold_id");--> statement-breakpoint
CREATE INDEX "bookings_reader_idx" ON "bookings" USING btree ("reader_user_id","starts_at");--> statement-breakpoint
CREATE INDEX "bookings_client_idx" ON "bookings" USING btree ("client_user_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reading_sessions_booking_unique" ON "reading_sessions" USING btree ("booking_id") WHERE booking_id is not null;--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD CONSTRAINT "reading_sessions_pricing_check" CHECK ("reading_sessions"."pricing" in ('per_unit', 'flat'));--> statement-breakpoint
ALTER TABLE "reading_sessions" ADD CONSTRAINT "reading_sessions_flat_check" CHECK (("reading_sessions"."pricing" = 'flat') = ("reading_sessions"."booking_id" is not null and "reading_sessions"."scheduled_start_at" is not null and "reading_sessions"."scheduled_end_at" is not null));--> statement-breakpoint
-- The slot is held by the database, whatever the order or concurrency of requests: a reader's
-- live bookings (each with the buffer after it) never overlap, nor do a client's.
CREATE EXTENSION IF NOT EXISTS btree_gist;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_reader_no_overlap" EXCLUDE USING gist
  ("reader_user_id" WITH =, tstzrange("starts_at", "blocked_until") WITH &&)
  WHERE ("status" = 'confirmed');--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_client_no_overlap" EXCLUDE USING gist
  ("client_user_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
  WHERE ("status" = 'confirmed');
