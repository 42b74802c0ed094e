ALTER TABLE "audit_log" ADD COLUMN "actor_email" text;--> statement-breakpoint
-- An audit entry keeps the actor's email as it was when they acted (no join to users when read).
UPDATE "audit_log" a SET "actor_email" = u."email" FROM "users" u WHERE u."id" = a."actor_user_id";
