import { and, asc, eq, gt, isNull, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { packEvents } from "../../platform/realtime/event-bus.js";
import { chatMessages } from "./readings.tables.js";

export type ChatMessageRow = typeof chatMessages.$inferSelect;
export type NewChatMessage = Omit<typeof chatMessages.$inferInsert, "seq" | "deliveredAt"> & {
  id: string;
  createdAt: Date;
};

/**
 * What became of a message of `insertManyIfActive`: stored; not stored because there is no such
 * reading or the sender is not one of its two participants (`missing`); otherwise the reading's
 * state (`active`: a resend of a stored client message id, which stores nothing).
 */
export type InsertOutcome = "stored" | "missing" | (string & {});

/**
 * The batch insert of `insertManyIfActive`, a named (prepared) statement: each connection plans
 * it once, and planning costs about as much as running it. `published` is read (once, in the
 * final filter) so its NOTIFYs run:
 * one per payload of `packEvents` (`$9` numbers each message's payload), holding the stored
 * messages of that payload in batch order, as one event or an array of them.
 */
const INSERT_MANY_IF_ACTIVE = `
  with input as (
    select * from unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $9::int[])
      with ordinality as i(id, session_id, sender_user_id, client_message_id, body, created_at, payload, chunk, ord)
  ), checked as (
    select i.*, s.state, s.client_user_id, s.reader_user_id,
           coalesce(s.state = 'active' and i.sender_user_id in (s.client_user_id, s.reader_user_id), false) as allowed
    from input i left join reading_sessions s on s.id = i.session_id
  ), inserted as (
    insert into session_messages (id, session_id, sender_user_id, client_message_id, body, created_at)
    select id, session_id, sender_user_id, client_message_id, body, created_at from checked where allowed order by ord
    on conflict do nothing
    returning id
  ), packed as (
    select chunk,
           case when count(*) = 1 then min(payload) else '[' || string_agg(payload, ',' order by ord) || ']' end
             as payload
    from checked join inserted using (id) group by chunk
  ), published as (
    select pg_notify($8::text, payload) from packed order by chunk
  )
  select case when id in (select id from inserted) then 'stored'
              when state is null or sender_user_id not in (client_user_id, reader_user_id) then 'missing'
              else state end as outcome
  from checked
  where (select count(*) from published) >= 0
  order by ord`;

export function createChatRepository() {
  return {
    /**
     * One statement (one round trip, one transaction) for a batch of messages: stores each whose
     * reading is active and whose sender takes part in it, and publishes each stored one's
     * `eventPayload` on `channel` (NOTIFY, several events to a notification: sent on commit, in
     * batch order). Answers, per message in order, its `InsertOutcome`: one short value per row, as
     * the rows stay in memory until every message of the batch is answered.
     */
    async insertManyIfActive(
      db: Executor,
      rows: (NewChatMessage & { eventPayload: string })[],
      channel: string,
    ) {
      const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
      const params = [
        column("id"),
        column("readingId"),
        column("senderUserId"),
        column("clientMessageId"),
        column("body"),
        rows.map((row) => row.createdAt.toISOString()),
        column("eventPayload"),
        channel,
        packEvents(rows.map((row) => row.eventPayload)),
      ];
      const result = (await db._.session
        .prepareQuery(
          { sql: INSERT_MANY_IF_ACTIVE, params },
          undefined,
          "session_messages_insert_many",
          false,
        )
        .execute()) as { rows: { outcome: string }[] };
      return result.rows.map((row) => row.outcome as InsertOutcome);
    },

    /** The message a sender stored under a client message id (a resend answers it again). */
    async findByClientMessageId(
      db: Executor,
      readingId: string,
      senderUserId: string,
      clientMessageId: string,
    ) {
      const [existing] = await db
        .select()
        .from(chatMessages)
        .where(
          and(
            eq(chatMessages.readingId, readingId),
            eq(chatMessages.senderUserId, senderUserId),
            eq(chatMessages.clientMessageId, clientMessageId),
          ),
        );
      return existing ?? null;
    },

    async list(db: Executor, readingId: string, afterSeq: number | null, limit: number) {
      return db
        .select()
        .from(chatMessages)
        .where(
          and(
            eq(chatMessages.readingId, readingId),
            afterSeq === null ? undefined : gt(chatMessages.seq, afterSeq),
          ),
        )
        .orderBy(asc(chatMessages.seq))
        .limit(limit);
    },

    async find(db: Executor, readingId: string, id: string) {
      const [row] = await db
        .select()
        .from(chatMessages)
        .where(and(eq(chatMessages.readingId, readingId), eq(chatMessages.id, id)));
      return row ?? null;
    },

    /** Marks the other side's messages up to `upTo` as delivered; returns how many changed. */
    async markDelivered(db: Executor, readingId: string, readerOfUserId: string, upToSeq: number, at: Date) {
      const changed = await db
        .update(chatMessages)
        .set({ deliveredAt: at })
        .where(
          and(
            eq(chatMessages.readingId, readingId),
            ne(chatMessages.senderUserId, readerOfUserId),
            lte(chatMessages.seq, upToSeq),
            isNull(chatMessages.deliveredAt),
          ),
        )
        .returning({ id: chatMessages.id });
      return changed.length;
    },

    async count(db: Executor, readingId: string) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(chatMessages)
        .where(eq(chatMessages.readingId, readingId));
      return row?.count ?? 0;
    },
  };
}
