ALTER TABLE "conversation_messages" ADD COLUMN "shown_body" text;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "shown_preview" text;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "contact_hidden" boolean DEFAULT false NOT NULL;