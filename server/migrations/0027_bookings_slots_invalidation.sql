-- Slot-list invalidation: every change to what a reader's slot list is computed from (their
-- confirmed bookings, their hours) is announced on the event channel every app node listens on
-- (payloads as `encodeEvent` writes them), delivered at commit. Nodes then drop what they keep of
-- those readers (bookings.slot-cache.ts). Changes to reader profiles and accounts (rate, listing,
-- standing) already arrive as `readers.changed` (migration 0013).

-- Names the readers (at most 100; otherwise every reader) whose slot lists may have changed.
CREATE FUNCTION "bookings_slots_announce"(reader_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF reader_ids IS NULL OR cardinality(reader_ids) = 0 THEN
    RETURN;
  ELSIF cardinality(reader_ids) > 100 THEN
    PERFORM pg_notify('soulseer_events', '{"topic":"bookings","type":"bookings.slots-changed","data":{}}');
  ELSE
    PERFORM pg_notify('soulseer_events', json_build_object('topic', 'bookings', 'type', 'bookings.slots',
      'data', json_build_object('readerUserIds', reader_ids))::text);
  END IF;
END
$$;--> statement-breakpoint

CREATE FUNCTION "bookings_slots_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bookings_slots_announce"((SELECT array_agg(DISTINCT reader_user_id) FROM "bookings_slots_new"));
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE FUNCTION "bookings_slots_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bookings_slots_announce"((SELECT array_agg(DISTINCT reader_user_id) FROM "bookings_slots_old"));
  RETURN NULL;
END
$$;--> statement-breakpoint

-- Only a change of what blocks time (status, start, blocked end, reader) counts: joining, settling
-- and the like leave the slot lists as they are.
CREATE FUNCTION "bookings_slots_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "bookings_slots_announce"((
    SELECT array_agg(DISTINCT ids.reader_id) FROM (
      SELECT n.reader_user_id AS new_reader_id, o.reader_user_id AS old_reader_id
        FROM "bookings_slots_new" n JOIN "bookings_slots_old" o ON o.id = n.id
       WHERE (n.status, n.starts_at, n.blocked_until, n.reader_user_id)
             IS DISTINCT FROM (o.status, o.starts_at, o.blocked_until, o.reader_user_id)
    ) changed, LATERAL (VALUES (changed.new_reader_id), (changed.old_reader_id)) AS ids(reader_id)
  ));
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER "bookings_slots_inserted" AFTER INSERT ON "bookings"
  REFERENCING NEW TABLE AS "bookings_slots_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "bookings_slots_inserted"();--> statement-breakpoint
CREATE TRIGGER "bookings_slots_deleted" AFTER DELETE ON "bookings"
  REFERENCING OLD TABLE AS "bookings_slots_old"
  FOR EACH STATEMENT EXECUTE FUNCTION "bookings_slots_deleted"();--> statement-breakpoint
CREATE TRIGGER "bookings_slots_updated" AFTER UPDATE ON "bookings"
  REFERENCING OLD TABLE AS "bookings_slots_old" NEW TABLE AS "bookings_slots_new"
  FOR EACH STATEMENT EXECUTE FUNCTION "bookings_slots_updated"();--> statement-breakpoint

CREATE FUNCTION "reader_availability_slots_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM "bookings_slots_announce"(ARRAY[OLD.reader_user_id]);
  ELSE
    PERFORM "bookings_slots_announce"(ARRAY[NEW.reader_user_id]);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint

CREATE TRIGGER "reader_availability_slots_written" AFTER INSERT OR UPDATE OR DELETE ON "reader_availability"
  FOR EACH ROW EXECUTE FUNCTION "reader_availability_slots_written"();--> statement-breakpoint
CREATE TRIGGER "reader_availability_slots_truncated" AFTER TRUNCATE ON "reader_availability"
  FOR EACH STATEMENT EXECUTE FUNCTION "readers_browse_changed"();--> statement-breakpoint
CREATE TRIGGER "bookings_slots_truncated" AFTER TRUNCATE ON "bookings"
  FOR EACH STATEMENT EXECUTE FUNCTION "readers_browse_changed"();
