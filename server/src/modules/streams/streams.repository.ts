import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { executePrepared, preparedQuery } from "../../platform/db/prepared.js";
import { EVENT_CHANNEL } from "../../platform/realtime/event-bus.js";
import type { StreamCause, StreamStatus, StreamVisibility } from "./streams.state.js";
import {
  giftCatalog,
  streamChatMessages,
  streamGifts,
  streamInvitations,
  streamMutes,
  streamNodeViewers,
  streamRelays,
  streamReminders,
  streamSupporters,
  streams,
  streamTickets,
  streamViewers,
} from "./streams.tables.js";

export type StreamRow = typeof streams.$inferSelect;
export type GiftRow = typeof giftCatalog.$inferSelect;
export type TicketRow = typeof streamTickets.$inferSelect;
export type ChatRow = typeof streamChatMessages.$inferSelect;
export type SentGiftRow = typeof streamGifts.$inferSelect;

/** The most rows any list of this domain returns. */
export const MAX_LIST = 200;

/** The viewer count over every node that wrote its count after `freshAfter`. */
async function viewersNow(db: Executor, streamId: string, freshAfter: Date) {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${streamNodeViewers.viewers}), 0)::int` })
    .from(streamNodeViewers)
    .where(and(eq(streamNodeViewers.streamId, streamId), gt(streamNodeViewers.updatedAt, freshAfter)));
  return row?.total ?? 0;
}

const findStream = preparedQuery("streams_find", (db) =>
  db
    .select()
    .from(streams)
    .where(eq(streams.id, sql.placeholder("streamId"))),
);
const findMute = preparedQuery("streams_is_muted", (db) =>
  db
    .select({ one: sql<number>`1` })
    .from(streamMutes)
    .where(
      and(
        eq(streamMutes.streamId, sql.placeholder("streamId")),
        eq(streamMutes.userId, sql.placeholder("userId")),
      ),
    ),
);

/** The only SQL of live streams. */
export function createStreamsRepository() {
  return {
    async insertStream(
      db: Executor,
      row: {
        readerUserId: string;
        title: string;
        topic: string;
        visibility: StreamVisibility;
        ticketPriceCents: number | null;
        scheduledFor: Date;
        createdAt: Date;
      },
    ) {
      const [created] = await db
        .insert(streams)
        .values({ ...row, status: "scheduled" })
        .returning();
      if (!created) throw new Error("stream insert returned nothing");
      return created;
    },

    async find(db: Executor, streamId: string) {
      const [row] = await findStream(db).execute({ streamId });
      return row ?? null;
    },

    async lock(db: Executor, streamId: string) {
      const [row] = await db.select().from(streams).where(eq(streams.id, streamId)).for("update");
      return row ?? null;
    },

    /**
     * A stream read under a key-share lock, with a catalog gift (null when there is no such gift),
     * in one statement: gifts go on together, and with the viewer count's update of the peak (a
     * plain update takes no conflicting lock); a status change, which locks the stream for update
     * first (`lock`), waits for them.
     */
    async findSharedWithGift(db: Executor, streamId: string, giftId: string) {
      const [row] = await db
        .select({ stream: streams, gift: giftCatalog })
        .from(streams)
        .leftJoin(giftCatalog, eq(giftCatalog.id, giftId))
        .where(eq(streams.id, streamId))
        .for("key share", { of: streams });
      return row ?? null;
    },

    async update(db: Executor, streamId: string, changes: Partial<StreamRow>) {
      const [row] = await db.update(streams).set(changes).where(eq(streams.id, streamId)).returning();
      if (!row) throw new Error(`stream ${streamId} vanished`);
      return row;
    },

    countScheduled(db: Executor, readerUserId: string) {
      return db.$count(streams, and(eq(streams.readerUserId, readerUserId), eq(streams.status, "scheduled")));
    },

    /** Listed streams (public and premium) in `statuses`, on air first by start, then by time. */
    listListed(db: Executor, statuses: StreamStatus[], limit: number) {
      return db
        .select()
        .from(streams)
        .where(and(inArray(streams.status, statuses), inArray(streams.visibility, ["public", "premium"])))
        .orderBy(asc(streams.scheduledFor), asc(streams.id))
        .limit(Math.min(limit, MAX_LIST));
    },

    listOfReader(db: Executor, readerUserId: string, limit: number) {
      return db
        .select()
        .from(streams)
        .where(eq(streams.readerUserId, readerUserId))
        .orderBy(desc(streams.createdAt))
        .limit(Math.min(limit, MAX_LIST));
    },

    listOnAir(db: Executor, limit: number) {
      return db
        .select()
        .from(streams)
        .where(inArray(streams.status, ["live", "reconnecting"]))
        .orderBy(asc(streams.startedAt))
        .limit(Math.min(limit, MAX_LIST));
    },

    /**
     * Streams whose timed change is due: reconnects that ran out, scheduled starts missed, and live
     * streams whose publisher no node has registered since `silentBefore` (its node stopped or the
     * reader never connected).
     */
    async due(
      db: Executor,
      cutoffs: { reconnectBefore: Date; startBefore: Date; silentBefore: Date | null },
      limit: number,
    ) {
      const rows = await db
        .select({ id: streams.id, status: streams.status })
        .from(streams)
        .where(
          or(
            and(eq(streams.status, "reconnecting"), lte(streams.reconnectingSince, cutoffs.reconnectBefore)),
            and(eq(streams.status, "scheduled"), lte(streams.scheduledFor, cutoffs.startBefore)),
            cutoffs.silentBefore
              ? and(
                  eq(streams.status, "live"),
                  lte(streams.startedAt, cutoffs.silentBefore),
                  sql`not exists (select 1 from ${streamRelays} r where r.stream_id = ${streams.id}
                    and r.updated_at > ${cutoffs.silentBefore})`,
                )
              : undefined,
          ),
        )
        .limit(limit);
      const causes: Record<string, StreamCause> = {
        reconnecting: "reconnect_expired",
        scheduled: "start_missed",
        live: "publisher_dropped",
      };
      return rows.map((row) => ({
        id: row.id,
        status: row.status,
        cause: causes[row.status] as StreamCause,
      }));
    },

    /** On-air streams of these readers (to end when a reader is suspended). */
    async scheduledOrOnAirOf(db: Executor, readerUserId: string) {
      const rows = await db
        .select({ id: streams.id })
        .from(streams)
        .where(
          and(
            eq(streams.readerUserId, readerUserId),
            inArray(streams.status, ["scheduled", "live", "reconnecting"]),
          ),
        );
      return rows.map((row) => row.id);
    },

    // Invitations, tickets, reminders.
    async invite(db: Executor, streamId: string, clientUserIds: string[], at: Date) {
      if (clientUserIds.length === 0) return [];
      const rows = await db
        .insert(streamInvitations)
        .values(clientUserIds.map((clientUserId) => ({ streamId, clientUserId, createdAt: at })))
        .onConflictDoNothing()
        .returning({ clientUserId: streamInvitations.clientUserId });
      return rows.map((row) => row.clientUserId);
    },

    async isInvited(db: Executor, streamId: string, userId: string) {
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(streamInvitations)
        .where(and(eq(streamInvitations.streamId, streamId), eq(streamInvitations.clientUserId, userId)));
      return row !== undefined;
    },

    invitedCount: (db: Executor, streamId: string) =>
      db.$count(streamInvitations, eq(streamInvitations.streamId, streamId)),

    async ticketOf(db: Executor, streamId: string, userId: string) {
      const [row] = await db
        .select()
        .from(streamTickets)
        .where(and(eq(streamTickets.streamId, streamId), eq(streamTickets.clientUserId, userId)));
      return row ?? null;
    },

    async insertTicket(db: Executor, row: typeof streamTickets.$inferInsert) {
      const [inserted] = await db.insert(streamTickets).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    /** Tickets not yet refunded, locked (an early end refunds each once), at most `limit`. */
    lockUnrefundedTickets(db: Executor, streamId: string, limit: number) {
      return db
        .select()
        .from(streamTickets)
        .where(and(eq(streamTickets.streamId, streamId), isNull(streamTickets.refundedAt)))
        .orderBy(asc(streamTickets.createdAt))
        .limit(limit)
        .for("update");
    },

    async markRefunded(db: Executor, streamId: string, clientUserId: string, at: Date) {
      await db
        .update(streamTickets)
        .set({ refundedAt: at })
        .where(and(eq(streamTickets.streamId, streamId), eq(streamTickets.clientUserId, clientUserId)));
    },

    async setReminder(db: Executor, streamId: string, userId: string, on: boolean, at: Date) {
      if (on)
        await db.insert(streamReminders).values({ streamId, userId, createdAt: at }).onConflictDoNothing();
      else
        await db
          .delete(streamReminders)
          .where(and(eq(streamReminders.streamId, streamId), eq(streamReminders.userId, userId)));
    },

    async hasReminder(db: Executor, streamId: string, userId: string) {
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(streamReminders)
        .where(and(eq(streamReminders.streamId, streamId), eq(streamReminders.userId, userId)));
      return row !== undefined;
    },

    async remindersOf(db: Executor, streamId: string, limit: number) {
      const rows = await db
        .select({ userId: streamReminders.userId })
        .from(streamReminders)
        .where(eq(streamReminders.streamId, streamId))
        .limit(limit);
      return rows.map((row) => row.userId);
    },

    // The gift catalog.
    listGifts(db: Executor, activeOnly: boolean) {
      return db
        .select()
        .from(giftCatalog)
        .where(activeOnly ? eq(giftCatalog.active, true) : undefined)
        .orderBy(asc(giftCatalog.priceCents), asc(giftCatalog.name))
        .limit(MAX_LIST);
    },

    async findGift(db: Executor, giftId: string) {
      const [row] = await db.select().from(giftCatalog).where(eq(giftCatalog.id, giftId));
      return row ?? null;
    },

    async insertGift(db: Executor, row: typeof giftCatalog.$inferInsert) {
      const [inserted] = await db.insert(giftCatalog).values(row).onConflictDoNothing().returning();
      return inserted ?? null;
    },

    async updateGift(db: Executor, giftId: string, changes: Partial<GiftRow>) {
      const [row] = await db.update(giftCatalog).set(changes).where(eq(giftCatalog.id, giftId)).returning();
      return row ?? null;
    },

    async giftNameTaken(db: Executor, name: string, exceptId: string | null) {
      const [row] = await db
        .select({ id: giftCatalog.id })
        .from(giftCatalog)
        .where(sql`lower(${giftCatalog.name}) = lower(${name})`);
      return row !== undefined && row.id !== exceptId;
    },

    // Gifts sent and the board.
    async findSentGift(db: Executor, senderUserId: string, idempotencyKey: string) {
      const [row] = await db
        .select()
        .from(streamGifts)
        .where(
          and(eq(streamGifts.senderUserId, senderUserId), eq(streamGifts.idempotencyKey, idempotencyKey)),
        );
      return row ?? null;
    },

    /** Stores a sent gift and, in the same statement, publishes `payloads` (its events) in order. */
    async insertSentGiftAndPublish(db: Executor, row: SentGiftRow, payloads: readonly string[]) {
      await executePrepared(
        db,
        sql`with saved as (
              insert into stream_gifts (id, stream_id, sender_user_id, gift_id, price_cents, transfer_id,
                                        idempotency_key, created_at)
              values (${row.id}, ${row.streamId}, ${row.senderUserId}, ${row.giftId}, ${row.priceCents},
                      ${row.transferId}, ${row.idempotencyKey}, ${row.createdAt.toISOString()})
              returning id)
            select pg_notify(${EVENT_CHANNEL}, p.payload)
            from saved, unnest(array[${sql.join(
              payloads.map((payload) => sql`${payload}`),
              sql`, `,
            )}]::text[]) with ordinality as p(payload, n)
            order by p.n`,
      );
    },

    async addSupport(db: Executor, streamId: string, userId: string, amountCents: number, at: Date) {
      await db
        .insert(streamSupporters)
        .values({ streamId, userId, totalCents: amountCents, giftCount: 1, lastGiftAt: at })
        .onConflictDoUpdate({
          target: [streamSupporters.streamId, streamSupporters.userId],
          set: {
            totalCents: sql`${streamSupporters.totalCents} + ${amountCents}`,
            giftCount: sql`${streamSupporters.giftCount} + 1`,
            lastGiftAt: at,
          },
        });
    },

    board(db: Executor, streamId: string, limit: number) {
      return db
        .select({
          userId: streamSupporters.userId,
          totalCents: streamSupporters.totalCents,
          giftCount: streamSupporters.giftCount,
        })
        .from(streamSupporters)
        .where(eq(streamSupporters.streamId, streamId))
        .orderBy(desc(streamSupporters.totalCents), asc(streamSupporters.lastGiftAt))
        .limit(limit);
    },

    /** Gifts and live tickets of a stream, summed (its summary). */
    async totals(db: Executor, streamId: string) {
      const [gifts] = await db
        .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(price_cents), 0)::int` })
        .from(streamGifts)
        .where(eq(streamGifts.streamId, streamId));
      const [tickets] = await db
        .select({ count: sql<number>`count(*)::int`, cents: sql<number>`coalesce(sum(price_cents), 0)::int` })
        .from(streamTickets)
        .where(and(eq(streamTickets.streamId, streamId), isNull(streamTickets.refundedAt)));
      const totalViewers = await db.$count(streamViewers, eq(streamViewers.streamId, streamId));
      return {
        giftCount: gifts?.count ?? 0,
        giftCents: gifts?.cents ?? 0,
        ticketCount: tickets?.count ?? 0,
        ticketCents: tickets?.cents ?? 0,
        totalViewers,
      };
    },

    /** Each gift's and live ticket's price (the reader's share is split per charge, as the ledger did). */
    async chargesOf(db: Executor, streamId: string) {
      const gifts = await db
        .select({ priceCents: streamGifts.priceCents })
        .from(streamGifts)
        .where(eq(streamGifts.streamId, streamId));
      const tickets = await db
        .select({ priceCents: streamTickets.priceCents })
        .from(streamTickets)
        .where(and(eq(streamTickets.streamId, streamId), isNull(streamTickets.refundedAt)));
      return [...gifts, ...tickets].map((row) => row.priceCents);
    },

    // Live chat and mutes.
    /** Stores a chat message and, in the same statement, publishes `payload` (its event). */
    async insertChatAndPublish(
      db: Executor,
      row: {
        id: string;
        streamId: string;
        senderUserId: string;
        body: string;
        shownBody: string;
        createdAt: Date;
      },
      payload: string,
    ) {
      await executePrepared(
        db,
        sql`with saved as (
              insert into stream_chat_messages (id, stream_id, sender_user_id, body, shown_body, created_at)
              values (${row.id}, ${row.streamId}, ${row.senderUserId}, ${row.body}, ${row.shownBody},
                      ${row.createdAt.toISOString()})
              returning id)
            select pg_notify(${EVENT_CHANNEL}, ${payload}) from saved`,
      );
    },

    /** The latest messages still shown (not deleted, not by a muted viewer), oldest first. */
    async recentChat(db: Executor, streamId: string, limit: number) {
      const rows = await db
        .select()
        .from(streamChatMessages)
        .where(
          and(
            eq(streamChatMessages.streamId, streamId),
            isNull(streamChatMessages.deletedAt),
            sql`not exists (select 1 from ${streamMutes} m where m.stream_id = ${streamChatMessages.streamId}
              and m.user_id = ${streamChatMessages.senderUserId})`,
          ),
        )
        .orderBy(desc(streamChatMessages.seq))
        .limit(Math.min(limit, MAX_LIST));
      return rows.reverse();
    },

    async deleteChat(db: Executor, streamId: string, messageId: string, at: Date) {
      const [row] = await db
        .update(streamChatMessages)
        .set({ deletedAt: at })
        .where(
          and(
            eq(streamChatMessages.id, messageId),
            eq(streamChatMessages.streamId, streamId),
            isNull(streamChatMessages.deletedAt),
          ),
        )
        .returning({ id: streamChatMessages.id });
      return row !== undefined;
    },

    async findChat(db: Executor, streamId: string, messageId: string) {
      const [row] = await db
        .select()
        .from(streamChatMessages)
        .where(and(eq(streamChatMessages.id, messageId), eq(streamChatMessages.streamId, streamId)));
      return row ?? null;
    },

    async mute(db: Executor, streamId: string, userId: string, at: Date) {
      const rows = await db
        .insert(streamMutes)
        .values({ streamId, userId, createdAt: at })
        .onConflictDoNothing()
        .returning({ userId: streamMutes.userId });
      return rows.length > 0;
    },

    async isMuted(db: Executor, streamId: string, userId: string) {
      const [row] = await findMute(db).execute({ streamId, userId });
      return row !== undefined;
    },

    // Viewers and relays.
    async addViewers(db: Executor, streamId: string, viewerKeys: string[], at: Date) {
      if (viewerKeys.length === 0) return;
      await db
        .insert(streamViewers)
        .values(viewerKeys.map((viewerKey) => ({ streamId, viewerKey, firstSeenAt: at })))
        .onConflictDoNothing();
    },

    /** Stores this node's count for a stream and answers the count over every node seen lately. */
    async setNodeViewers(
      db: Executor,
      streamId: string,
      nodeId: string,
      viewers: number,
      at: Date,
      freshAfter: Date,
    ) {
      await db
        .insert(streamNodeViewers)
        .values({ streamId, nodeId, viewers, updatedAt: at })
        .onConflictDoUpdate({
          target: [streamNodeViewers.streamId, streamNodeViewers.nodeId],
          set: { viewers, updatedAt: at },
        });
      const total = await viewersNow(db, streamId, freshAfter);
      await db
        .update(streams)
        .set({ peakViewers: sql`greatest(${streams.peakViewers}, ${total})` })
        .where(eq(streams.id, streamId));
      return total;
    },

    viewersNow,

    async clearNodeViewers(db: Executor, nodeId: string) {
      await db.delete(streamNodeViewers).where(eq(streamNodeViewers.nodeId, nodeId));
    },

    async registerRelay(db: Executor, streamId: string, nodeId: string, internalUrl: string, at: Date) {
      await db
        .insert(streamRelays)
        .values({ streamId, nodeId, internalUrl, updatedAt: at })
        .onConflictDoUpdate({ target: streamRelays.streamId, set: { nodeId, internalUrl, updatedAt: at } });
    },

    async findRelay(db: Executor, streamId: string) {
      const [row] = await db.select().from(streamRelays).where(eq(streamRelays.streamId, streamId));
      return row ?? null;
    },

    async dropRelay(db: Executor, streamId: string, nodeId: string) {
      await db
        .delete(streamRelays)
        .where(and(eq(streamRelays.streamId, streamId), eq(streamRelays.nodeId, nodeId)));
    },

    async staleNodeViewers(db: Executor, before: Date) {
      await db.delete(streamNodeViewers).where(lt(streamNodeViewers.updatedAt, before));
    },
  };
}

export type StreamsRepository = ReturnType<typeof createStreamsRepository>;
