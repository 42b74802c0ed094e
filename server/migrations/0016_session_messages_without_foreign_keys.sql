ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_session_id_reading_sessions_id_fk";
--> statement-breakpoint
ALTER TABLE "session_messages" DROP CONSTRAINT "session_messages_sender_user_id_users_id_fk";
