import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { fromJsonRow } from "../../platform/db/json-rows.js";
import type { ConversationFilter, Side } from "./messaging.schemas.js";
import {
  conversationMessages,
  conversationReports,
  conversations,
  replyTemplates,
} from "./messaging.tables.js";

export type ConversationRow = typeof conversations.$inferSelect;
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
     * only when they are one of its two people, it is not blocked, and a price comes from its
     * reader; the message goes in after it, and each person's unread total over all their
     * conversations comes back with it. Null when the conversation refused (the caller asks why).
     * Replaces a lock, an insert, an update and a count: four round trips of every send.
     */
    async sendMessage(
      db: Executor,
      input: {
        conversationId: string;
        senderUserId: string;
        body: string;
        shownBody: string | null;
        priceCents: number | null;
        preview: string | null;
        shownPreview: string | null;
        contactHidden: boolean;
        /** The client's words suggest self-harm (kept only on a client's message). */
        crisis: boolean;
        createdAt: Date;
        /** When to check whether the recipient should be emailed, unless a check is already due. */
        emailCheckAt: Date;
      },
    ) {
      const me = input.senderUserId;
      const fromClient = sql`c.client_user_id = ${me}`;
      const at = input.createdAt.toISOString();
      const due = input.emailCheckAt.toISOString();
      const result = await db.execute<{
        conversation: Record<string, unknown>;
        message: Record<string, unknown>;
        client_total: number;
        reader_total: number;
      }>(sql`
        with conv as (
          update conversations c set
            last_message_at = ${at},
            last_message_side = case when ${fromClient} then 'client' else 'reader' end,
            client_archived_at = null,
            reader_archived_at = null,
            client_unread = c.client_unread + case when ${fromClient} then 0 else 1 end,
            reader_unread = c.reader_unread + case when ${fromClient} then 1 else 0 end,
            client_email_due_at = case when ${fromClient} then c.client_email_due_at
                                       else coalesce(c.client_email_due_at, ${due}::timestamptz) end,
            reader_email_due_at = case when ${fromClient} then coalesce(c.reader_email_due_at, ${due}::timestamptz)
                                       else c.reader_email_due_at end
          where c.id = ${input.conversationId}
            and (c.client_user_id = ${me} or c.reader_user_id = ${me})
            and c.blocked_side is null
            and (${input.priceCents}::int is null or c.reader_user_id = ${me})
          returning c.*
        ), msg as (
          insert into conversation_messages
            (conversation_id, sender_user_id, side, body, shown_body, price_cents, preview, shown_preview,
             contact_hidden, crisis, created_at)
          select conv.id, ${me}, conv.last_message_side, ${input.body}, ${input.shownBody},
                 ${input.priceCents}::int, ${input.preview}, ${input.shownPreview}, ${input.contactHidden},
                 ${input.crisis}::boolean and conv.last_message_side = 'client', ${at}
          from conv
          returning *
        )
        select row_to_json(conv) as conversation, row_to_json(msg) as message,
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
        from conv, msg`);
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
