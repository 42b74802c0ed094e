CREATE TABLE "reader_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"headline" text NOT NULL,
	"bio" text NOT NULL,
	"specialties" jsonb NOT NULL,
	"tools" jsonb NOT NULL,
	"languages" jsonb NOT NULL,
	"years_of_experience" integer NOT NULL,
	"sample_answer" text NOT NULL,
	"time_zone" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"reviewed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "reader_applications_status_check" CHECK ("reader_applications"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "reader_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"display_name" text NOT NULL,
	"headline" text NOT NULL,
	"bio" text NOT NULL,
	"specialties" jsonb NOT NULL,
	"tools" jsonb NOT NULL,
	"languages" jsonb NOT NULL,
	"years_of_experience" integer NOT NULL,
	"time_zone" text NOT NULL,
	"chat_rate_cents" bigint,
	"voice_rate_cents" bigint,
	"video_rate_cents" bigint,
	"scheduled_rate_cents" bigint,
	"status" text DEFAULT 'offline' NOT NULL,
	"listed" text DEFAULT 'listed' NOT NULL,
	"rating_average" real DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reader_profiles_status_check" CHECK ("reader_profiles"."status" in ('online', 'away', 'offline', 'busy')),
	CONSTRAINT "reader_profiles_rates_range" CHECK (coalesce("reader_profiles"."chat_rate_cents", 99) between 99 and 4999 and coalesce("reader_profiles"."voice_rate_cents", 99) between 99 and 4999
        and coalesce("reader_profiles"."video_rate_cents", 99) between 99 and 4999 and coalesce("reader_profiles"."scheduled_rate_cents", 99) between 99 and 4999)
);
--> statement-breakpoint
ALTER TABLE "reader_applications" ADD CONSTRAINT "reader_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_applications" ADD CONSTRAINT "reader_applications_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reader_profiles" ADD CONSTRAINT "reader_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reader_applications_status_idx" ON "reader_applications" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "reader_applications_one_pending" ON "reader_applications" USING btree ("user_id") WHERE status = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "reader_profiles_slug_unique" ON "reader_profiles" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "reader_profiles_created_idx" ON "reader_profiles" USING btree ("created_at","user_id");