CREATE TABLE "card_refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"top_up_id" uuid NOT NULL,
	"request_key" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"status" text NOT NULL,
	"provider_refund_id" text,
	"failure_reason" text,
	"attempts" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "card_refunds_amount_positive" CHECK ("card_refunds"."amount_cents" > 0),
	CONSTRAINT "card_refunds_status_check" CHECK ("card_refunds"."status" in ('pending', 'succeeded', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "card_refunds" ADD CONSTRAINT "card_refunds_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "card_refunds" ADD CONSTRAINT "card_refunds_top_up_id_top_ups_id_fk" FOREIGN KEY ("top_up_id") REFERENCES "public"."top_ups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "card_refunds_request_unique" ON "card_refunds" USING btree ("user_id","request_key","top_up_id");--> statement-breakpoint
CREATE INDEX "card_refunds_user_idx" ON "card_refunds" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "card_refunds_pending_idx" ON "card_refunds" USING btree ("status","updated_at");