CREATE TABLE "conversation_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"conversation_id" uuid NOT NULL,
	"sender_user_id" text,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"price_cents" integer,
	"preview" text,
	"unlocked_at" timestamp (3) with time zone,
	"unlock_transfer_id" uuid,
	"withdrawn_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "conversation_messages_side_check" CHECK ("conversation_messages"."side" in ('client', 'reader')),
	CONSTRAINT "conversation_messages_price_check" CHECK ("conversation_messages"."price_cents" is null or ("conversation_messages"."side" = 'reader' and "conversation_messages"."price_cents" between 100 and 2500)),
	CONSTRAINT "conversation_messages_unlock_check" CHECK ("conversation_messages"."unlocked_at" is null or ("conversation_messages"."price_cents" is not null and "conversation_messages"."withdrawn_at" is null))
);
--> statement-breakpoint
CREATE TABLE "conversations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_user_id" text NOT NULL,
	"reader_user_id" text NOT NULL,
	"client_unread" integer DEFAULT 0 NOT NULL,
	"reader_unread" integer DEFAULT 0 NOT NULL,
	"blocked_side" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_message_at" timestamp (3) with time zone,
	CONSTRAINT "conversations_blocked_side_check" CHECK ("conversations"."blocked_side" in ('client', 'reader')),
	CONSTRAINT "conversations_unread_check" CHECK ("conversations"."client_unread" >= 0 and "conversations"."reader_unread" >= 0),
	CONSTRAINT "conversations_two_people" CHECK ("conversations"."client_user_id" <> "conversations"."reader_user_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_messages_conversation_idx" ON "conversation_messages" USING btree ("conversation_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "conversations_pair" ON "conversations" USING btree ("client_user_id","reader_user_id");--> statement-breakpoint
CREATE INDEX "conversations_client_idx" ON "conversations" USING btree ("client_user_id","last_message_at");--> statement-breakpoint
CREATE INDEX "conversations_reader_idx" ON "conversations" USING btree ("reader_user_id","last_message_at");