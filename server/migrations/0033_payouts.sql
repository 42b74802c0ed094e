CREATE TABLE "payout_accounts" (
	"reader_user_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"ready_at" timestamp with time zone,
	"threshold_cents" bigint,
	"held_at" timestamp with time zone,
	"held_reason" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "payout_accounts_held_reason" CHECK (("payout_accounts"."held_at" is null) = ("payout_accounts"."held_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "payout_runs" (
	"day" text PRIMARY KEY NOT NULL,
	"paid" bigint NOT NULL,
	"failed" bigint NOT NULL,
	"paid_cents" bigint NOT NULL,
	"finished_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reader_user_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"trigger" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"provider_transfer_id" text,
	"failure_reason" text,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount_cents" > 0),
	CONSTRAINT "payouts_status_check" CHECK ("payouts"."status" in ('in_transit', 'paid', 'failed', 'reversed')),
	CONSTRAINT "payouts_trigger_check" CHECK ("payouts"."trigger" in ('auto', 'manual', 'retry')),
	CONSTRAINT "payouts_paid_has_transfer" CHECK ("payouts"."status" not in ('paid', 'reversed') or "payouts"."provider_transfer_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "payout_accounts" ADD CONSTRAINT "payout_accounts_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_accounts_provider_account_unique" ON "payout_accounts" USING btree ("provider","provider_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_idempotency_unique" ON "payouts" USING btree ("idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_provider_transfer_unique" ON "payouts" USING btree ("provider","provider_transfer_id");--> statement-breakpoint
CREATE INDEX "payouts_reader_idx" ON "payouts" USING btree ("reader_user_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payouts_created_idx" ON "payouts" USING btree ("created_at");
--> statement-breakpoint
-- Money that left the books: payouts the provider confirmed (a house account, sharded like the others).
INSERT INTO ledger_accounts (kind, shard)
SELECT 'paid_out', shard FROM generate_series(0, 15) AS shard;
