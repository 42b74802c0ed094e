import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import type { Side } from "./messaging.schemas.js";
import { conversationMessages, conversations } from "./messaging.tables.js";

export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof conversationMessages.$inferSelect;

const unreadOf = (side: Side) =>
  side === "client" ? conversations.clientUnread : conversations.readerUnread;

export function createMessagingRepository() {
  return {
    /** The pair's conversation, made now if there is none (two tabs at once make one). */
    async openPair(db: Executor, clientUserId: string, readerUserId: string, at: Date) {
      await db
        .insert(conversations)
        .values({ clientUserId, readerUserId, createdAt: at })
        .onConflictDoNothing({ target: [conversations.clientUserId, conversations.readerUserId] });
      const [row] = await db
        .select()
        .from(conversations)
        .where(
          and(eq(conversations.clientUserId, clientUserId), eq(conversations.readerUserId, readerUserId)),
        );
      if (!row) throw new Error("conversation upsert found no row");
      return row;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(conversations).where(eq(conversations.id, id)).for("update");
      return row ?? null;
    },

    /** A person's conversations on one side, latest activity first. */
    async listFor(db: Executor, side: Side, userId: string, limit: number) {
      const column = side === "client" ? conversations.clientUserId : conversations.readerUserId;
      return db
        .select()
        .from(conversations)
        .where(eq(column, userId))
        .orderBy(
          desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`),
          desc(conversations.id),
        )
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

    /** A message, and the conversation after it: the other side has one more unread. */
    async insertMessage(db: Executor, row: typeof conversationMessages.$inferInsert, to: Side) {
      const [created] = await db.insert(conversationMessages).values(row).returning();
      if (!created) throw new Error("message insert returned no row");
      const unread = unreadOf(to);
      const [conversation] = await db
        .update(conversations)
        .set({
          lastMessageAt: row.createdAt,
          [to === "client" ? "clientUnread" : "readerUnread"]: sql`${unread} + 1`,
        })
        .where(eq(conversations.id, row.conversationId))
        .returning();
      if (!conversation) throw new Error("message without its conversation");
      return { message: created, conversation };
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

    async markRead(db: Executor, id: string, side: Side) {
      await db
        .update(conversations)
        .set(side === "client" ? { clientUnread: 0 } : { readerUnread: 0 })
        .where(and(eq(conversations.id, id), sql`${unreadOf(side)} > 0`));
    },

    async setBlocked(db: Executor, id: string, blockedBy: Side | null) {
      const [row] = await db
        .update(conversations)
        .set({ blockedBy })
        .where(eq(conversations.id, id))
        .returning();
      return row ?? null;
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
