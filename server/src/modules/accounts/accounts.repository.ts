import { and, desc, eq, ilike, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { sessions, type UserRole, users } from "./accounts.tables.js";

export type UserRow = typeof users.$inferSelect;

export function createAccountsRepository() {
  return {
    async findUserById(db: Executor, id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async findUserByEmail(db: Executor, email: string) {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row ?? null;
    },
    /** Locks the user row for a change inside the caller's transaction. */
    async lockUser(db: Executor, id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id)).for("update");
      return row ?? null;
    },
    async updateProfile(
      db: Executor,
      id: string,
      changes: { name?: string; bio?: string | null; timeZone?: string | null },
      at: Date,
    ) {
      const [row] = await db
        .update(users)
        .set({ ...changes, updatedAt: at })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },
    async setRole(db: Executor, id: string, role: UserRole, at: Date) {
      const [row] = await db.update(users).set({ role, updatedAt: at }).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    async markEmailVerified(db: Executor, id: string, at: Date) {
      await db.update(users).set({ emailVerified: true, updatedAt: at }).where(eq(users.id, id));
    },
    async listUsers(
      db: Executor,
      filters: { search?: string; role?: UserRole },
      cursor: KeysetCursor | null,
      limit: number,
    ) {
      const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      return db
        .select()
        .from(users)
        .where(
          and(
            pattern ? or(ilike(users.email, pattern), ilike(users.name, pattern)) : undefined,
            filters.role ? eq(users.role, filters.role) : undefined,
            cursor
              ? or(
                  lt(users.createdAt, cursor.createdAt),
                  and(eq(users.createdAt, cursor.createdAt), lt(users.id, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(limit + 1);
    },
    async countUsers(db: Executor) {
      const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(users);
      return row?.count ?? 0;
    },
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
    async deleteSession(db: Executor, sessionId: string) {
      await db.delete(sessions).where(eq(sessions.id, sessionId));
    },
    async deleteSessionsOfUser(db: Executor, userId: string) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
  };
}
