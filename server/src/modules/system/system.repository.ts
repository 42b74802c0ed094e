import { eq } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { appMeta } from "./system.tables.js";

export function createSystemRepository() {
  return {
    async getMeta(db: Executor, key: string) {
      const [row] = await db.select().from(appMeta).where(eq(appMeta.key, key));
      return row ?? null;
    },
    /** Inserts the key once; returns false when it was already there. */
    async claimMeta(db: Executor, key: string, value: unknown) {
      const rows = await db.insert(appMeta).values({ key, value }).onConflictDoNothing().returning();
      return rows.length > 0;
    },
  };
}
