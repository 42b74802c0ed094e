import { and, desc, eq, lt, ne, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import type { DisputeStatus } from "./disputes.state.js";
import { type DisputeRow, disputes } from "./disputes.tables.js";

export type DisputesRepository = ReturnType<typeof createDisputesRepository>;

export function createDisputesRepository() {
  return {
    /** Records a dispute once (by the processor's id); null when it was already recorded. */
    async insertOpen(db: Executor, row: Omit<typeof disputes.$inferInsert, "status">) {
      const [inserted] = await db
        .insert(disputes)
        .values({ ...row, status: "open" })
        .onConflictDoNothing({ target: [disputes.provider, disputes.providerDisputeId] })
        .returning();
      return inserted ?? null;
    },

    async lockByProviderId(db: Executor, provider: string, providerDisputeId: string) {
      const [row] = await db
        .select()
        .from(disputes)
        .where(
          and(eq(disputes.provider, provider as "stripe"), eq(disputes.providerDisputeId, providerDisputeId)),
        )
        .for("update");
      return row ?? null;
    },

    async lock(db: Executor, id: string) {
      const [row] = await db.select().from(disputes).where(eq(disputes.id, id)).for("update");
      return row ?? null;
    },

    async find(db: Executor, id: string) {
      const [row] = await db.select().from(disputes).where(eq(disputes.id, id));
      return row ?? null;
    },

    async close(
      db: Executor,
      id: string,
      update: Pick<
        DisputeRow,
        "status" | "closedAt" | "closedBy" | "closeNote" | "readersCents" | "lossCents"
      >,
    ) {
      const [row] = await db
        .update(disputes)
        .set(update)
        .where(and(eq(disputes.id, id), eq(disputes.status, "open")))
        .returning();
      return row ?? null;
    },

    /** Whether the client has another open dispute (their wallet stays frozen while one is open). */
    async otherOpen(db: Executor, clientUserId: string, exceptId: string) {
      const [row] = await db
        .select({ id: disputes.id })
        .from(disputes)
        .where(
          and(
            eq(disputes.clientUserId, clientUserId),
            eq(disputes.status, "open"),
            ne(disputes.id, exceptId),
          ),
        )
        .limit(1);
      return Boolean(row);
    },

    /** Newest first, keyset-paged by (opened at, id). */
    list(db: Executor, filters: { status?: DisputeStatus }, cursor: KeysetCursor | null, limit: number) {
      return db
        .select()
        .from(disputes)
        .where(
          and(
            filters.status ? eq(disputes.status, filters.status) : undefined,
            cursor
              ? or(
                  lt(disputes.openedAt, cursor.createdAt),
                  and(eq(disputes.openedAt, cursor.createdAt), lt(disputes.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(disputes.openedAt), desc(disputes.id))
        .limit(limit + 1);
    },

    async countByStatus(db: Executor) {
      const rows = await db
        .select({
          status: disputes.status,
          count: sql<number>`count(*)::int`,
          cents: sql<string>`sum(${disputes.amountCents})`,
        })
        .from(disputes)
        .groupBy(disputes.status);
      return Object.fromEntries(
        rows.map((row) => [row.status, { count: row.count, amountCents: Number(row.cents) }]),
      ) as Partial<Record<DisputeStatus, { count: number; amountCents: number }>>;
    },
  };
}
