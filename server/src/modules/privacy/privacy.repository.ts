import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { accountDeletionRequests } from "./privacy.tables.js";

export function createPrivacyRepository() {
  return {
    async insertRequest(db: Executor, row: typeof accountDeletionRequests.$inferInsert) {
      await db.insert(accountDeletionRequests).values(row);
    },
    /** The unconfirmed request with this token hash, locked for the confirming transaction. */
    async lockOpenRequest(db: Executor, tokenHash: string) {
      const [row] = await db
        .select()
        .from(accountDeletionRequests)
        .where(
          and(eq(accountDeletionRequests.tokenHash, tokenHash), isNull(accountDeletionRequests.confirmedAt)),
        )
        .for("update");
      return row ?? null;
    },
    async findOpenRequest(db: Executor, tokenHash: string) {
      const [row] = await db
        .select()
        .from(accountDeletionRequests)
        .where(
          and(eq(accountDeletionRequests.tokenHash, tokenHash), isNull(accountDeletionRequests.confirmedAt)),
        );
      return row ?? null;
    },
    async markConfirmed(db: Executor, id: string, at: Date) {
      await db
        .update(accountDeletionRequests)
        .set({ confirmedAt: at })
        .where(eq(accountDeletionRequests.id, id));
    },
  };
}
