import { and, desc, eq, gte, isNull, lt, or } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { emailOutbox, type OutboxStatus } from "./email.tables.js";

export type OutboxRow = typeof emailOutbox.$inferSelect;

export function createEmailRepository(db: Executor) {
  return {
    async insert(row: typeof emailOutbox.$inferInsert) {
      const [created] = await db.insert(emailOutbox).values(row).returning();
      if (!created) throw new Error("outbox insert returned no row");
      return created;
    },
    async markQueued(id: string, at: Date) {
      await db
        .update(emailOutbox)
        .set({ queuedAt: at })
        .where(and(eq(emailOutbox.id, id), isNull(emailOutbox.queuedAt)));
    },
    /** Pending rows whose delivery job was never queued, written before `before`, oldest first. */
    async findUnqueued(before: Date, limit: number) {
      return db
        .select({ id: emailOutbox.id })
        .from(emailOutbox)
        .where(
          and(
            isNull(emailOutbox.queuedAt),
            eq(emailOutbox.status, "pending"),
            lt(emailOutbox.createdAt, before),
          ),
        )
        .orderBy(emailOutbox.createdAt)
        .limit(limit);
    },
    /** The newest mail to one address written at or after `since` (the sandbox mailbox). */
    async listTo(address: string, since: Date, limit: number) {
      return db
        .select()
        .from(emailOutbox)
        .where(and(eq(emailOutbox.toAddress, address), gte(emailOutbox.createdAt, since)))
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(limit);
    },
    async findById(id: string) {
      const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.id, id));
      return row ?? null;
    },
    async markDelivered(id: string, status: Extract<OutboxStatus, "sent" | "logged">, at: Date) {
      await db
        .update(emailOutbox)
        .set({ status, sentAt: at, attempts: 1 })
        .where(and(eq(emailOutbox.id, id), eq(emailOutbox.status, "pending")));
    },
    async recordFailure(id: string, error: string, final: boolean) {
      const [row] = await db
        .select({ attempts: emailOutbox.attempts })
        .from(emailOutbox)
        .where(eq(emailOutbox.id, id));
      await db
        .update(emailOutbox)
        .set({
          attempts: (row?.attempts ?? 0) + 1,
          lastError: error.slice(0, 500),
          ...(final ? { status: "failed" } : {}),
        })
        .where(eq(emailOutbox.id, id));
    },
    async list(options: { cursor: KeysetCursor | null; limit: number; toAddress?: string }) {
      const conditions = [];
      if (options.cursor) {
        conditions.push(
          or(
            lt(emailOutbox.createdAt, options.cursor.createdAt),
            and(eq(emailOutbox.createdAt, options.cursor.createdAt), lt(emailOutbox.id, options.cursor.id)),
          ),
        );
      }
      if (options.toAddress) conditions.push(eq(emailOutbox.toAddress, options.toAddress));
      return db
        .select()
        .from(emailOutbox)
        .where(and(...conditions))
        .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
        .limit(options.limit + 1);
    },
  };
}
