import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { fromJsonRow } from "../../platform/db/json-rows.js";
import { executePrepared } from "../../platform/db/prepared.js";
import type { ConversationFilter, Side } from "./messaging.schemas.js";
import {
  conversationMessages,
  conversationReports,
  conversations,
  replyTemplates,
} from "./messaging.tables.js";

export type ConversationRow = typeof conversations.$inferSelect;

/** A message to store, as `sendMessage` takes it. */
export interface NewMessage {
  conversationId: string;
  /** Made by the caller when it publishes the message's events itself (they name it). */
  id?: string;
  senderUserId: string;
  side: Side;
  body: string;
  shownBody: string | null;
  priceCents: number | null;
  preview: string | null;
  shownPreview: string | null;
  contactHidden: boolean;
  crisis: boolean;
  createdAt: Date;
  /** When to check whether the recipient should be emailed, unless a check is already due. */
  emailCheckAt: Date;
}

/**
 * Holes in a new message's event payloads that only the statement storing it can fill: the
 * recipient's user id (inside a topic string) and the unread figures (each a JSON string "hole"
 * that becomes a number). Each is a fresh random token, so no text a person wrote can match one.
 */
export interface MessageEventHoles {
  recipientId: string;
  recipientUnread: string;
  recipientTotal: string;
  senderUnread: string;
  senderTotal: string;
}
export type MessageRow = typeof conversationMessages.$inferSelect;
export type TemplateRow = typeof replyTemplates.$inferSelect;
export type ReportRow = typeof conversationReports.$inferSelect;

const unreadOf = (side: Side) =>
  side === "client" ? conversations.clientUnread : conversations.readerUnread;
const emailDueOf = (side: Side) =>
  side === "client" ? conversations.clientEmailDueAt : conversations.readerEmailDueAt;
const archivedOf = (side: Side) =>
  side === "client" ? conversations.clientArchivedAt : conversations.readerArchivedAt;
const ownerOf = (side: Side) => (side === "client" ? conversations.clientUserId : conversations.readerUserId);
/** One side's columns by name, for `set`. */
const sideColumns = (side: Side) =>
  side === "client"
    ? ({
        unread: "clientUnread",
        readAt: "clientReadAt",
        archivedAt: "clientArchivedAt",
        emailDueAt: "clientEmailDueAt",
        emailedAt: "clientEmailedAt",
      } as const)
    : ({
        unread: "readerUnread",
        readAt: "readerReadAt",
        archivedAt: "readerArchivedAt",
        emailDueAt: "readerEmailDueAt",
        emailedAt: "readerEmailedAt",
      } as const);

async function findPair(db: Executor, clientUserId: string, readerUserId: string) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.clientUserId, clientUserId), eq(conversations.readerUserId, readerUserId)));
  return row ?? null;
}

export function createMessagingRepository() {
  return {
    /** The pair's conversation, made now if there is none (two tabs at once make one). */
    async openPair(db: Executor, clientUserId: string, readerUserId: string, at: Date) {
      await db
        .insert(conversations)
        .values({ clientUserId, readerUserId, createdAt: at })
        .onConflictDoNothing({ target: [conversations.clientUserId, conversations.readerUserId] });
      const row = await findPair(db, clientUserId, readerUserId);
      if (!row) throw new Error("conversation upsert found no row");
      return row;
    },

    findPair,

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).for("update");
      return row ?? null;
    },

    /**
     * A person's conversations with messages on one side, latest activity first: `all` leaves archived ones out
     * and puts the ones waiting on this side's answer first; `unanswered` only those; `archived`
     * only the archived.
     */
    async listFor(db: Executor, side: Side, userId: string, filter: ConversationFilter, limit: number) {
      const other: Side = side === "client" ? "reader" : "client";
      const waiting = sql`coalesce(${conversations.lastMessageSide} = ${other}, false)`;
      const latest = sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`;
      return db
        .select()
        .from(conversations)
        .where(
          and(
            eq(ownerOf(side), userId),
            // A conversation opened but never written in stays out of both lists.
            isNotNull(conversations.lastMessageAt),
            filter === "archived" ? isNotNull(archivedOf(side)) : isNull(archivedOf(side)),
            filter === "unanswered" ? waiting : undefined,
          ),
        )
        .orderBy(...(filter === "all" ? [desc(waiting)] : []), desc(latest), desc(conversations.id))
        .limit(limit);
    },

    /** The latest message of each of these conversations. */
    async lastMessages(db: Executor, conversationIds: readonly string[]) {
      if (conversationIds.length === 0) return [];
      return db
        .selectDistinctOn([conversationMessages.conversationId])
        .from(conversationMessages)
        .where(inArray(conversationMessages.conversationId, [...conversationIds]))
        .orderBy(conversationMessages.conversationId, desc(conversationMessages.seq));
    },

    /**
     * One person's new message, in one statement: the conversation's row is updated (and so locked)
     * only when `side` is the sender's side in it, it is not blocked, and a price comes from its
     * reader; the message goes in after it, and each person's unread total over all their
     * conversations comes back with it. With `events`, the statement also publishes them (on its
     * own commit) with their holes filled from what it wrote. Null when the conversation refused.
     * Replaces a lock, an insert, an update, a count and a NOTIFY: five round trips of a send.
     */
    async sendMessage(
      db: Executor,
      input: NewMessage,
      events?: { channel: string; payloads: readonly string[]; holes: MessageEventHoles },
    ) {
      const me = input.senderUserId;
      const at = input.createdAt.toISOString();
      const due = input.emailCheckAt.toISOString();
      // Column names from a fixed pair, never from input.
      const from = input.side === "client" ? "client" : "reader";
      const to = input.side === "client" ? "reader" : "client";
      const col = (name: string) => sql.raw(`c.${name}`);
      const told = events
        ? sql`, told as (
            select pg_notify(${events.channel},
              replace(replace(replace(replace(replace(p.payload,
                ${events.holes.recipientId}, trim(both '"' from to_json(tot.${sql.raw(`${to}_user_id`)})::text)),
                ${`"${events.holes.recipientUnread}"`}, tot.${sql.raw(`${to}_unread`)}::text),
                ${`"${events.holes.recipientTotal}"`}, tot.${sql.raw(`${to}_total`)}::text),
                ${`"${events.holes.senderUnread}"`}, tot.${sql.raw(`${from}_unread`)}::text),
                ${`"${events.holes.senderTotal}"`}, tot.${sql.raw(`${from}_total`)}::text))
            from tot, msg, unnest(array[${sql.join(
              events.payloads.map((payload) => sql`${payload}`),
              sql`, `,
            )}]::text[]) with ordinality as p(payload, n)
            order by p.n)`
        : sql``;
      const result = await executePrepared<{
        conversation: Record<string, unknown>;
        message: Record<string, unknown>;
        client_total: number;
        reader_total: number;
      }>(
        db,
        sql`
        with conv as (
          update conversations c set
            last_message_at = ${at},
            last_message_side = ${input.side},
            client_archived_at = null,
            reader_archived_at = null,
            ${sql.raw(`${to}_unread`)} = ${col(`${to}_unread`)} + 1,
            ${sql.raw(`${to}_email_due_at`)} = coalesce(${col(`${to}_email_due_at`)}, ${due}::timestamptz)
          where c.id = ${input.conversationId}
            and ${col(`${from}_user_id`)} = ${me}
            and c.blocked_side is null
            and (${input.priceCents}::int is null or ${input.side} = 'reader')
          returning c.*
        ), msg as (
          insert into conversation_messages
            (id, conversation_id, sender_user_id, side, body, shown_body, price_cents, preview, shown_preview,
             contact_hidden, crisis, created_at)
          select coalesce(${input.id ?? null}::uuid, gen_random_uuid()), conv.id, ${me}, ${input.side},
                 ${input.body}, ${input.shownBody}, ${input.priceCents}::int, ${input.preview},
                 ${input.shownPreview}, ${input.contactHidden}, ${input.crisis}, ${at}
          from conv
          returning *
        ), tot as (
          select conv.*,
            (conv.client_unread
              + coalesce((select sum(o.client_unread) from conversations o
                          where o.client_user_id = conv.client_user_id and o.id <> conv.id), 0)
              + coalesce((select sum(o.reader_unread) from conversations o
                          where o.reader_user_id = conv.client_user_id and o.id <> conv.id), 0))::int as client_total,
            (conv.reader_unread
              + coalesce((select sum(o.client_unread) from conversations o
                          where o.client_user_id = conv.reader_user_id and o.id <> conv.id), 0)
              + coalesce((select sum(o.reader_unread) from conversations o
                          where o.reader_user_id = conv.reader_user_id and o.id <> conv.id), 0))::int as reader_total
          from conv
        )${told}
        select row_to_json(conv) as conversation, row_to_json(msg) as message, tot.client_total, tot.reader_total
          ${events ? sql`, (select count(*) from told) as told` : sql``}
        from conv, msg, tot`,
      );
      const row = result.rows[0];
      if (!row) return null;
      const conversation = fromJsonRow(conversations, row.conversation);
      return {
        conversation,
        message: fromJsonRow(conversationMessages, row.message),
        unreadTotals: new Map([
          [conversation.clientUserId, Number(row.client_total)],
          [conversation.readerUserId, Number(row.reader_total)],
        ]),
      };
    },

    /** Up to `limit` messages before `before` (or the latest), newest first, and one more if any. */
    async messages(db: Executor, conversationId: string, limit: number, before: MessageRow | null) {
      return db
        .select()
        .from(conversationMessages)
        .where(
          and(
            eq(conversationMessages.conversationId, conversationId),
            before ? lt(conversationMessages.seq, before.seq) : undefined,
          ),
        )
        .orderBy(desc(conversationMessages.seq))
        .limit(limit + 1);
    },

    async findMessage(db: Executor, id: string) {
      const [row] = await db.select().from(conversationMessages).where(eq(conversationMessages.id, id));
      return row ?? null;
    },

    async lockMessage(db: Executor, id: string) {
      const [row] = await db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.id, id))
        .for("update");
      return row ?? null;
    },

    async updateMessage(
      db: Executor,
      id: string,
      changes: Partial<typeof conversationMessages.$inferInsert>,
    ) {
      const [row] = await db
        .update(conversationMessages)
        .set(changes)
        .where(eq(conversationMessages.id, id))
        .returning();
      if (!row) throw new Error("message update found no row");
      return row;
    },

    /** This side read the conversation: its unread count goes to 0 (null when it was 0 already). */
    async markRead(db: Executor, id: string, side: Side, at: Date) {
      const columns = sideColumns(side);
      const [row] = await db
        .update(conversations)
        .set({ [columns.unread]: 0, [columns.readAt]: at, [columns.emailDueAt]: null })
        .where(and(eq(conversations.id, id), sql`${unreadOf(side)} > 0`))
        .returning();
      return row ?? null;
    },

    async setArchived(db: Executor, id: string, side: Side, at: Date | null) {
      const [row] = await db
        .update(conversations)
        .set({ [sideColumns(side).archivedAt]: at })
        .where(eq(conversations.id, id))
        .returning();
      return row ?? null;
    },

    /** Conversations whose email check for `side` is due: claimed (the check cleared), at most `limit`. */
    async claimDueEmails(db: Executor, side: Side, now: Date, limit: number) {
      const due = emailDueOf(side);
      const claimed = db
        .select({ id: conversations.id })
        .from(conversations)
        .where(lte(due, now))
        .orderBy(asc(due))
        .limit(limit)
        .for("update", { skipLocked: true });
      return db
        .update(conversations)
        .set({ [sideColumns(side).emailDueAt]: null })
        .where(inArray(conversations.id, claimed))
        .returning();
    },

    /** Checks again at `at` (unless a check is due sooner). */
    async deferEmail(db: Executor, id: string, side: Side, at: Date) {
      const due = emailDueOf(side);
      await db
        .update(conversations)
        .set({
          [sideColumns(side).emailDueAt]:
            sql`least(coalesce(${due}, ${at.toISOString()}::timestamptz), ${at.toISOString()}::timestamptz)`,
        })
        .where(eq(conversations.id, id));
    },

    async markEmailed(db: Executor, id: string, side: Side, at: Date) {
      await db
        .update(conversations)
        .set({ [sideColumns(side).emailedAt]: at })
        .where(eq(conversations.id, id));
    },

    /** The latest message written by `side` in the conversation. */
    async latestFrom(db: Executor, id: string, side: Side) {
      const [row] = await db
        .select()
        .from(conversationMessages)
        .where(and(eq(conversationMessages.conversationId, id), eq(conversationMessages.side, side)))
        .orderBy(desc(conversationMessages.seq))
        .limit(1);
      return row ?? null;
    },

    /** Every message of a conversation, oldest first (an admin reading a reported conversation). */
    async allMessages(db: Executor, id: string, limit: number) {
      return db
        .select()
        .from(conversationMessages)
        .where(eq(conversationMessages.conversationId, id))
        .orderBy(asc(conversationMessages.seq))
        .limit(limit);
    },

    templates: {
      list: (db: Executor, readerUserId: string) =>
        db
          .select()
          .from(replyTemplates)
          .where(eq(replyTemplates.readerUserId, readerUserId))
          .orderBy(asc(replyTemplates.createdAt), asc(replyTemplates.id)),
      async count(db: Executor, readerUserId: string) {
        const [row] = await db
          .select({ total: sql<number>`count(*)::int` })
          .from(replyTemplates)
          .where(eq(replyTemplates.readerUserId, readerUserId));
        return row?.total ?? 0;
      },
      async insert(db: Executor, row: typeof replyTemplates.$inferInsert) {
        const [created] = await db.insert(replyTemplates).values(row).returning();
        if (!created) throw new Error("template insert returned no row");
        return created;
      },
      async update(
        db: Executor,
        id: string,
        readerUserId: string,
        changes: { title: string; body: string; updatedAt: Date },
      ) {
        const [row] = await db
          .update(replyTemplates)
          .set(changes)
          .where(and(eq(replyTemplates.id, id), eq(replyTemplates.readerUserId, readerUserId)))
          .returning();
        return row ?? null;
      },
      async remove(db: Executor, id: string, readerUserId: string) {
        const rows = await db
          .delete(replyTemplates)
          .where(and(eq(replyTemplates.id, id), eq(replyTemplates.readerUserId, readerUserId)))
          .returning({ id: replyTemplates.id });
        return rows.length > 0;
      },
    },

    reports: {
      async insert(db: Executor, row: typeof conversationReports.$inferInsert) {
        const [created] = await db.insert(conversationReports).values(row).returning();
        if (!created) throw new Error("report insert returned no row");
        return created;
      },
      /** Reports, open ones first, then latest first. */
      list: (db: Executor, status: "open" | "resolved", limit: number) =>
        db
          .select()
          .from(conversationReports)
          .where(
            status === "open"
              ? isNull(conversationReports.resolvedAt)
              : isNotNull(conversationReports.resolvedAt),
          )
          .orderBy(desc(conversationReports.createdAt), desc(conversationReports.id))
          .limit(limit),
      async find(db: Executor, id: string) {
        const [row] = await db.select().from(conversationReports).where(eq(conversationReports.id, id));
        return row ?? null;
      },
      async resolve(db: Executor, id: string, by: string, resolution: string, at: Date) {
        const [row] = await db
          .update(conversationReports)
          .set({ resolvedAt: at, resolvedBy: by, resolution })
          .where(and(eq(conversationReports.id, id), isNull(conversationReports.resolvedAt)))
          .returning();
        return row ?? null;
      },
    },

    async setBlocked(db: Executor, id: string, blockedBy: Side | null) {
      const [row] = await db
        .update(conversations)
        .set({ blockedBy })
        .where(eq(conversations.id, id))
        .returning();
      return row ?? null;
    },

    /** Unread messages to each of these people over all their conversations (one statement). */
    async unreadTotals(db: Executor, userIds: readonly string[]) {
      const result = await db.execute<{ user_id: string; total: number }>(sql`
        select u.id as user_id,
               (coalesce((select sum(${conversations.clientUnread}) from ${conversations} where ${conversations.clientUserId} = u.id), 0)
              + coalesce((select sum(${conversations.readerUnread}) from ${conversations} where ${conversations.readerUserId} = u.id), 0))::int as total
        from unnest(array[${sql.join(
          userIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]) as u(id)`);
      return new Map(result.rows.map((row) => [row.user_id, row.total]));
    },

    /** Unread messages to a person over all their conversations, on both sides. */
    async unreadTotal(db: Executor, userId: string) {
      const result = await db.execute<{ total: number }>(sql`
        select (coalesce((select sum(${conversations.clientUnread}) from ${conversations} where ${conversations.clientUserId} = ${userId}), 0)
              + coalesce((select sum(${conversations.readerUnread}) from ${conversations} where ${conversations.readerUserId} = ${userId}), 0))::int as total`);
      return result.rows[0]?.total ?? 0;
    },
  };
}

export type MessagingRepository = ReturnType<typeof createMessagingRepository>;
