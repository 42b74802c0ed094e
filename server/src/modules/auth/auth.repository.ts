import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { sessions } from "./auth.tables.js";

/** SQL of sign-in sessions beyond what better-auth does itself (the admin idle timeout). */
export function createAuthRepository() {
  return {
    /**
     * Records activity on a session unless it has been idle since `idleCutoff`.
     * Returns false when the session was idle too long (or is gone).
     */
    async touchSession(db: Executor, sessionId: string, at: Date, idleCutoff: Date) {
      const rows = await db
        .update(sessions)
        .set({ lastSeenAt: at })
        .where(and(eq(sessions.id, sessionId), sql`${sessions.lastSeenAt} > ${idleCutoff.toISOString()}`))
        .returning({ id: sessions.id });
      return rows.length > 0;
    },
    async sessionCreatedAt(db: Executor, sessionId: string) {
      const [row] = await db
        .select({ createdAt: sessions.createdAt })
        .from(sessions)
        .where(eq(sessions.id, sessionId));
      return row?.createdAt ?? null;
    },
    async deleteSession(db: Executor, sessionId: string) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },
    /** Ends every sign-in of a user (each deletion's trigger closes that session's sockets). */
    async deleteSessionsOf(db: Executor, userId: string) {
      const rows = await db
        .delete(sessions)
        .where(eq(sessions.userId, userId))
        .returning({ id: sessions.id });
      return rows.length;
    },
  };
}
