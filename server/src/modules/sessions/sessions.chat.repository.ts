import { and, asc, eq, gt, isNull, lte, ne, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { sessionMessages } from "./sessions.tables.js";

export type SessionMessageRow = typeof sessionMessages.$inferSelect;

export function createSessionChatRepository() {
  return {
    /** Inserts once per (session, sender, client message id); a resend returns the first row. */
    async insert(db: Executor, row: typeof sessionMessages.$inferInsert) {
      const [created] = await db.insert(sessionMessages).values(row).onConflictDoNothing().returning();
      if (created) return { row: created, replayed: false };
      const [existing] = await db
        .select()
        .from(sessionMessages)
        .where(
          and(
            eq(sessionMessages.sessionId, row.sessionId),
            eq(sessionMessages.senderUserId, row.senderUserId),
            eq(sessionMessages.clientMessageId, row.clientMessageId),
          ),
        );
      if (!existing) throw new Error("a conflicting message vanished");
      return { row: existing, replayed: true };
    },

    async list(db: Executor, sessionId: string, afterSeq: number | null, limit: number) {
      return db
        .select()
        .from(sessionMessages)
        .where(
          and(
            eq(sessionMessages.sessionId, sessionId),
            afterSeq === null ? undefined : gt(sessionMessages.seq, afterSeq),
          ),
        )
        .orderBy(asc(sessionMessages.seq))
        .limit(limit);
    },

    async find(db: Executor, sessionId: string, id: string) {
      const [row] = await db
        .select()
        .from(sessionMessages)
        .where(and(eq(sessionMessages.sessionId, sessionId), eq(sessionMessages.id, id)));
      return row ?? null;
    },

    /** Marks the other side's messages up to `upTo` as delivered; returns how many changed. */
    async markDelivered(db: Executor, sessionId: string, readerOfUserId: string, upToSeq: number, at: Date) {
      const changed = await db
        .update(sessionMessages)
        .set({ deliveredAt: at })
        .where(
          and(
            eq(sessionMessages.sessionId, sessionId),
            ne(sessionMessages.senderUserId, readerOfUserId),
            lte(sessionMessages.seq, upToSeq),
            isNull(sessionMessages.deliveredAt),
          ),
        )
        .returning({ id: sessionMessages.id });
      return changed.length;
    },

    async count(db: Executor, sessionId: string) {
      const [row] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(sessionMessages)
        .where(eq(sessionMessages.sessionId, sessionId));
      return row?.count ?? 0;
    },
  };
}
