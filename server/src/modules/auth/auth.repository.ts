import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/database.js";
import { executePrepared } from "../../platform/db/prepared.js";
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
    /**
     * A sign-in and its person in one statement, by the cookie's token: what better-auth's session
     * lookup reads in two (the sessions row, then its user), for the fast path of every request.
     * The users table is better-auth's user model here (auth.tables.ts maps it), so it is named in SQL.
     */
    async sessionWithUser(db: Executor, token: string) {
      const result = await executePrepared<{
        session_id: string;
        expires_at: Date | string;
        last_seen_at: Date | string;
        user_id: string;
        email: string;
        display_name: string;
        role: string;
        status: string;
        two_factor_enabled: boolean;
        date_of_birth: string | null;
        terms_accepted_at: Date | string | null;
      }>(
        db,
        sql`
        select s.id as session_id, s.expires_at, s.last_seen_at, u.id as user_id, u.email, u.display_name, u.role,
               u.status, u.two_factor_enabled, u.date_of_birth, u.terms_accepted_at
        from sessions s join users u on u.id = s.user_id
        where s.token = ${token}`,
      );
      const row = result.rows[0];
      if (!row) return null;
      return {
        session: {
          id: row.session_id,
          expiresAt: new Date(row.expires_at),
          lastSeenAt: new Date(row.last_seen_at),
        },
        user: {
          id: row.user_id,
          email: row.email,
          name: row.display_name,
          role: row.role,
          status: row.status,
          twoFactorEnabled: row.two_factor_enabled,
          dateOfBirth: row.date_of_birth,
          termsAcceptedAt: row.terms_accepted_at,
        },
      };
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
