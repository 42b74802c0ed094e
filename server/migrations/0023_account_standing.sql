-- Account standing, one concept: active | suspended (signs in, reads, withdraws; acts nowhere)
-- | banned (no sign-in at all), with the admin's reason, when and by whom.
ALTER TABLE "users" DROP CONSTRAINT "users_status_check";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "status_reason" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "status_changed_by" text;--> statement-breakpoint
DROP TRIGGER "users_deactivated" ON "users";--> statement-breakpoint
-- Until now "suspended" locked the account out entirely: that is a ban now.
UPDATE "users" SET "status" = 'banned', "status_changed_at" = now() WHERE "status" = 'suspended';--> statement-breakpoint
-- A reader profile's own suspension (reader_profiles.listed) becomes the account's suspension.
UPDATE "users" SET "status" = 'suspended', "status_changed_at" = now(),
  "status_reason" = 'Reader profile suspended by an admin.'
  WHERE "status" = 'active' AND "id" IN (SELECT "user_id" FROM "reader_profiles" WHERE "listed" = 'suspended');--> statement-breakpoint
UPDATE "reader_profiles" SET "listed" = 'listed' WHERE "listed" = 'suspended';--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_status_check" CHECK ("users"."status" in ('active', 'suspended', 'banned'));--> statement-breakpoint
-- Any change of standing closes the person's sockets on every node (auth listens): a suspended
-- person's sockets reopen as suspended (listen only), a restored one's as active, a banned one's not.
CREATE TRIGGER "users_deactivated" AFTER UPDATE OF "status" ON "users"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status")
  EXECUTE FUNCTION "auth_user_deactivated"();
