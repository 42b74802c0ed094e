CREATE TABLE "gift_catalog" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"price_cents" integer NOT NULL,
	"animation" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "gift_catalog_price_check" CHECK ("gift_catalog"."price_cents" between 1 and 100000)
);
--> statement-breakpoint
CREATE TABLE "stream_chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"stream_id" uuid NOT NULL,
	"sender_user_id" text,
	"body" text NOT NULL,
	"shown_body" text NOT NULL,
	"deleted_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_gifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stream_id" uuid NOT NULL,
	"sender_user_id" text,
	"gift_id" uuid NOT NULL,
	"price_cents" integer NOT NULL,
	"transfer_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_gifts_price_check" CHECK ("stream_gifts"."price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "stream_invitations" (
	"stream_id" uuid NOT NULL,
	"client_user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_invitations_stream_id_client_user_id_pk" PRIMARY KEY("stream_id","client_user_id")
);
--> statement-breakpoint
CREATE TABLE "stream_mutes" (
	"stream_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_mutes_stream_id_user_id_pk" PRIMARY KEY("stream_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stream_node_viewers" (
	"stream_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"viewers" integer NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_node_viewers_stream_id_node_id_pk" PRIMARY KEY("stream_id","node_id")
);
--> statement-breakpoint
CREATE TABLE "stream_relays" (
	"stream_id" uuid PRIMARY KEY NOT NULL,
	"node_id" text NOT NULL,
	"internal_url" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stream_reminders" (
	"stream_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_reminders_stream_id_user_id_pk" PRIMARY KEY("stream_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stream_supporters" (
	"stream_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"total_cents" integer NOT NULL,
	"gift_count" integer NOT NULL,
	"last_gift_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_supporters_stream_id_user_id_pk" PRIMARY KEY("stream_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "stream_tickets" (
	"stream_id" uuid NOT NULL,
	"client_user_id" text NOT NULL,
	"price_cents" integer NOT NULL,
	"transfer_id" uuid NOT NULL,
	"refunded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_tickets_stream_id_client_user_id_pk" PRIMARY KEY("stream_id","client_user_id"),
	CONSTRAINT "stream_tickets_price_check" CHECK ("stream_tickets"."price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "stream_viewers" (
	"stream_id" uuid NOT NULL,
	"viewer_key" text NOT NULL,
	"first_seen_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "stream_viewers_stream_id_viewer_key_pk" PRIMARY KEY("stream_id","viewer_key")
);
--> statement-breakpoint
CREATE TABLE "streams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reader_user_id" text NOT NULL,
	"title" text NOT NULL,
	"topic" text NOT NULL,
	"visibility" text NOT NULL,
	"ticket_price_cents" integer,
	"status" text NOT NULL,
	"scheduled_for" timestamp (3) with time zone,
	"started_at" timestamp (3) with time zone,
	"reconnecting_since" timestamp (3) with time zone,
	"ended_at" timestamp (3) with time zone,
	"end_reason" text,
	"ended_by_user_id" text,
	"peak_viewers" integer DEFAULT 0 NOT NULL,
	"reminded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "streams_visibility_check" CHECK ("streams"."visibility" in ('public', 'private', 'premium')),
	CONSTRAINT "streams_status_check" CHECK ("streams"."status" in ('scheduled', 'live', 'reconnecting', 'ended', 'cancelled')),
	CONSTRAINT "streams_ticket_check" CHECK (("streams"."visibility" = 'premium') = ("streams"."ticket_price_cents" is not null)
        and ("streams"."ticket_price_cents" is null or "streams"."ticket_price_cents" between 100 and 5000)),
	CONSTRAINT "streams_peak_check" CHECK ("streams"."peak_viewers" >= 0)
);
--> statement-breakpoint
ALTER TABLE "stream_chat_messages" ADD CONSTRAINT "stream_chat_messages_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_chat_messages" ADD CONSTRAINT "stream_chat_messages_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_gifts" ADD CONSTRAINT "stream_gifts_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_gifts" ADD CONSTRAINT "stream_gifts_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_gifts" ADD CONSTRAINT "stream_gifts_gift_id_gift_catalog_id_fk" FOREIGN KEY ("gift_id") REFERENCES "public"."gift_catalog"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_invitations" ADD CONSTRAINT "stream_invitations_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_invitations" ADD CONSTRAINT "stream_invitations_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_mutes" ADD CONSTRAINT "stream_mutes_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_mutes" ADD CONSTRAINT "stream_mutes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_node_viewers" ADD CONSTRAINT "stream_node_viewers_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_relays" ADD CONSTRAINT "stream_relays_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_reminders" ADD CONSTRAINT "stream_reminders_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_reminders" ADD CONSTRAINT "stream_reminders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_supporters" ADD CONSTRAINT "stream_supporters_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_supporters" ADD CONSTRAINT "stream_supporters_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_tickets" ADD CONSTRAINT "stream_tickets_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_tickets" ADD CONSTRAINT "stream_tickets_client_user_id_users_id_fk" FOREIGN KEY ("client_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stream_viewers" ADD CONSTRAINT "stream_viewers_stream_id_streams_id_fk" FOREIGN KEY ("stream_id") REFERENCES "public"."streams"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streams" ADD CONSTRAINT "streams_reader_user_id_users_id_fk" FOREIGN KEY ("reader_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streams" ADD CONSTRAINT "streams_ended_by_user_id_users_id_fk" FOREIGN KEY ("ended_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "gift_catalog_name" ON "gift_catalog" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "stream_chat_stream_idx" ON "stream_chat_messages" USING btree ("stream_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "stream_gifts_key" ON "stream_gifts" USING btree ("sender_user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "stream_gifts_stream_idx" ON "stream_gifts" USING btree ("stream_id","created_at");--> statement-breakpoint
CREATE INDEX "stream_supporters_board_idx" ON "stream_supporters" USING btree ("stream_id","total_cents");--> statement-breakpoint
CREATE INDEX "stream_tickets_client_idx" ON "stream_tickets" USING btree ("client_user_id","created_at");--> statement-breakpoint
CREATE INDEX "streams_status_idx" ON "streams" USING btree ("status","started_at");--> statement-breakpoint
CREATE INDEX "streams_reader_idx" ON "streams" USING btree ("reader_user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "streams_one_on_air" ON "streams" USING btree ("reader_user_id") WHERE "streams"."status" in ('live', 'reconnecting');--> statement-breakpoint
-- The gift catalog starts with these (issue 18); admins change it from there.
INSERT INTO "gift_catalog" ("name", "price_cents", "animation", "active", "created_at", "updated_at") VALUES
	('Rose', 100, 'rose', true, now(), now()),
	('Crystal', 250, 'crystal', true, now(), now()),
	('Star', 500, 'star', true, now(), now()),
	('Moon', 1000, 'moon', true, now(), now()),
	('Sun', 2500, 'sun', true, now(), now()),
	('Diamond', 5000, 'diamond', true, now(), now());
