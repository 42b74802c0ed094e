CREATE TABLE "auto_reload_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"amount_cents" bigint NOT NULL,
	"floor_cents" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "auto_reload_settings_amount_range" CHECK ("auto_reload_settings"."amount_cents" between 500 and 50000),
	CONSTRAINT "auto_reload_settings_floor_range" CHECK ("auto_reload_settings"."floor_cents" is null or "auto_reload_settings"."floor_cents" between 100 and 50000)
);
--> statement-breakpoint
CREATE TABLE "saved_cards" (
	"user_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"customer_id" text NOT NULL,
	"setup_checkout_id" text,
	"payment_method_id" text,
	"brand" text,
	"last4" text,
	"exp_month" bigint,
	"exp_year" bigint,
	"saved_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "top_ups" DROP CONSTRAINT "top_ups_status_check";--> statement-breakpoint
ALTER TABLE "top_ups" ADD COLUMN "kind" text DEFAULT 'checkout' NOT NULL;--> statement-breakpoint
ALTER TABLE "top_ups" ADD COLUMN "failure_message" text;--> statement-breakpoint
ALTER TABLE "auto_reload_settings" ADD CONSTRAINT "auto_reload_settings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_cards" ADD CONSTRAINT "saved_cards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "auto_reload_settings_floor_idx" ON "auto_reload_settings" USING btree ("user_id") WHERE enabled and floor_cents is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "saved_cards_setup_unique" ON "saved_cards" USING btree ("provider","setup_checkout_id");--> statement-breakpoint
CREATE INDEX "top_ups_auto_reload_idx" ON "top_ups" USING btree ("user_id","created_at") WHERE kind = 'auto_reload';--> statement-breakpoint
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_kind_check" CHECK ("top_ups"."kind" in ('checkout', 'auto_reload'));--> statement-breakpoint
ALTER TABLE "top_ups" ADD CONSTRAINT "top_ups_status_check" CHECK ("top_ups"."status" in ('pending', 'requires_action', 'succeeded', 'failed', 'expired'));