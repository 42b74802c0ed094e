ALTER TABLE "email_outbox" ADD COLUMN "queued_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "email_outbox_unqueued_idx" ON "email_outbox" USING btree ("created_at") WHERE "email_outbox"."queued_at" is null and "email_outbox"."status" = 'pending';--> statement-breakpoint
-- Rows delivered or failed before this migration were queued; pending ones are left to the sweep
-- (a second job for a row already queued finds it no longer pending and sends nothing).
UPDATE "email_outbox" SET "queued_at" = "created_at" WHERE "status" <> 'pending';
