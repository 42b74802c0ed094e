-- Browse-page invalidation: every change to what a browse/search page shows is announced on the
-- event channel every app node listens on (payloads as `encodeEvent` writes them), delivered at
-- commit. Nodes then drop the cached pages it can touch (readers.browse-cache.ts).

-- Anything else about readers changed: every cached page goes.
CREATE FUNCTION "readers_browse_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('soulseer_events', '{"topic":"readers","type":"readers.changed","data":{}}');
  RETURN NULL;
END
$$;--> statement-breakpoint

-- An update of reader profiles. When the rows changed only in status (and its timestamp), and at
-- most 100 of them, it names those readers (`readers.status`): pages whose content does not
-- depend on status keep being served unless they show one of them. Otherwise `readers.changed`.
CREATE FUNCTION "reader_profiles_browse_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  other_changes boolean;
  status_changed text[];
BEGIN
  SELECT coalesce(bool_or((to_jsonb(n) - 'status' - 'updated_at') IS DISTINCT FROM (to_jsonb(o) - 'status' - 'updated_at')), false),
         array_agg(n.user_id) FILTER (WHERE n.status IS DISTINCT FROM o.status)
    INTO other_changes, status_changed
    FROM "reader_profiles_browse_new" n FULL JOIN "reader_profiles_browse_old" o ON o.user_id = n.user_id;
  IF other_changes OR cardinality(status_changed) > 100 THEN
    PERFORM pg_notify('soulseer_events', '{"topic":"readers","type":"readers.changed","data":{}}');
  ELSIF status_changed IS NOT NULL THEN
    PERFORM pg_notify('soulseer_events', json_build_object('topic', 'readers', 'type', 'readers.status',
      'data', json_build_object('readerUserIds', status_changed))::text);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER "reader_profiles_browse_written" AFTER INSERT OR DELETE OR TRUNCATE ON "reader_profiles"
  FOR EACH STATEMENT EXECUTE FUNCTION "readers_browse_changed"();--> statement-breakpoint
CREATE TRIGGER "reader_profiles_browse_updated" AFTER UPDATE ON "reader_profiles"
  REFERENCING OLD TABLE AS "reader_profiles_browse_old" NEW TABLE AS "reader_profiles_browse_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "reader_profiles_browse_updated"();--> statement-breakpoint

-- Browse lists only active reader accounts. `users` is written often (sessions, sign-ins), so
-- only a change of role or account status of a reader (before or after) is announced.
CREATE TRIGGER "users_browse_role_status" AFTER UPDATE OF "role", "status" ON "users"
  FOR EACH ROW
  WHEN ((OLD."role" = 'reader' OR NEW."role" = 'reader') AND (OLD."role", OLD."status") IS DISTINCT FROM (NEW."role", NEW."status"))
  EXECUTE FUNCTION "readers_browse_changed"();
