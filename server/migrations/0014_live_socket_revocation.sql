-- Live sockets end with the sign-in they were opened with: a deleted sign-in session (sign-out,
-- revocation, password change or reset, admin idle timeout) or an account that is no longer
-- active is announced on the event channel every app node listens on (payloads as `encodeEvent`
-- writes them, on the topic `auth:<userId>`, which no socket can join), delivered at commit.
-- Each node's hub then closes the sockets opened with that session, or all of that user's.
CREATE FUNCTION "auth_session_ended"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('soulseer_events', json_build_object('topic', 'auth:' || OLD.user_id,
    'type', 'auth.session-ended', 'data', json_build_object('userId', OLD.user_id, 'sessionId', OLD.id))::text);
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE FUNCTION "auth_user_deactivated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('soulseer_events', json_build_object('topic', 'auth:' || NEW.id,
    'type', 'auth.user-deactivated', 'data', json_build_object('userId', NEW.id))::text);
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER "sessions_ended" AFTER DELETE ON "sessions"
  FOR EACH ROW EXECUTE FUNCTION "auth_session_ended"();--> statement-breakpoint

CREATE TRIGGER "users_deactivated" AFTER UPDATE OF "status" ON "users"
  FOR EACH ROW WHEN (OLD."status" = 'active' AND NEW."status" <> 'active')
  EXECUTE FUNCTION "auth_user_deactivated"();
