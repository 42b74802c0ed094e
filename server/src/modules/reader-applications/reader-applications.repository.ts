import { and, desc, eq, lt, or } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import type { ApplicationStatus } from "./reader-applications.schemas.js";
import { readerApplications } from "./reader-applications.tables.js";

export type ApplicationRow = typeof readerApplications.$inferSelect;

export function createApplicationsRepository() {
  return {
    async insertApplication(db: Executor, row: typeof readerApplications.$inferInsert) {
      const rows = await db.insert(readerApplications).values(row).onConflictDoNothing().returning();
      return rows[0] ?? null;
    },
    async applicationsOf(db: Executor, userId: string) {
      return db
        .select()
        .from(readerApplications)
        .where(eq(readerApplications.userId, userId))
        .orderBy(desc(readerApplications.createdAt))
        .limit(20);
    },
    async listApplications(
      db: Executor,
      status: ApplicationStatus,
      cursor: KeysetCursor | null,
      limit: number,
    ) {
      return db
        .select()
        .from(readerApplications)
        .where(
          and(
            eq(readerApplications.status, status),
            cursor
              ? or(
                  lt(readerApplications.createdAt, cursor.createdAt),
                  and(
                    eq(readerApplications.createdAt, cursor.createdAt),
                    lt(readerApplications.id, cursor.id),
                  ),
                )
              : undefined,
          ),
        )
        .orderBy(desc(readerApplications.createdAt), desc(readerApplications.id))
        .limit(limit + 1);
    },
    async lockApplication(db: Executor, id: string) {
      const [row] = await db
        .select()
        .from(readerApplications)
        .where(eq(readerApplications.id, id))
        .for("update");
      return row ?? null;
    },
    async decideApplication(
      db: Executor,
      id: string,
      decision: { status: ApplicationStatus; reason: string | null; reviewedBy: string; at: Date },
    ) {
      await db
        .update(readerApplications)
        .set({
          status: decision.status,
          decisionReason: decision.reason,
          reviewedBy: decision.reviewedBy,
          reviewedAt: decision.at,
        })
        .where(eq(readerApplications.id, id));
    },
  };
}
