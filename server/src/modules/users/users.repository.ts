import { and, desc, eq, gte, ilike, inArray, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import type { UserRole, UserStatus } from "./users.schemas.js";
import { users } from "./users.tables.js";

export type UserRow = typeof users.$inferSelect;

export function createUsersRepository() {
  return {
    async findUserById(db: Executor, id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row ?? null;
    },
    async activeIdsWithRole(db: Executor, role: UserRole) {
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, role), eq(users.status, "active")));
      return rows.map((row) => row.id);
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
      changes: { name?: string; bio?: string | null; timeZone?: string | null; country?: string | null },
      at: Date,
    ) {
      const [row] = await db
        .update(users)
        .set({ ...changes, updatedAt: at })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },
    /** Gives a date of birth and the terms' acceptance; a date of birth already given stays. */
    async completeProfile(db: Executor, id: string, dateOfBirth: string, termsAcceptedAt: Date) {
      const [row] = await db
        .update(users)
        .set({
          dateOfBirth: sql`coalesce(${users.dateOfBirth}, ${dateOfBirth}::date)`,
          termsAcceptedAt: sql`coalesce(${users.termsAcceptedAt}, ${termsAcceptedAt.toISOString()}::timestamptz)`,
          updatedAt: termsAcceptedAt,
        })
        .where(eq(users.id, id))
        .returning();
      return row ?? null;
    },
    async setRole(db: Executor, id: string, role: UserRole, at: Date) {
      const [row] = await db.update(users).set({ role, updatedAt: at }).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    /** The account's standing, the row share-locked: a standing change waits for the caller's commit. */
    async lockStanding(db: Executor, id: string) {
      const [row] = await db
        .select({ status: users.status })
        .from(users)
        .where(eq(users.id, id))
        .for("share");
      return row?.status ?? null;
    },
    async setStatus(
      db: Executor,
      id: string,
      changes: Pick<UserRow, "status" | "statusReason" | "statusChangedAt" | "statusChangedBy" | "updatedAt">,
    ) {
      const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
      return row ?? null;
    },
    async listUsers(
      db: Executor,
      filters: { search?: string; role?: UserRole; status?: UserStatus },
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
            filters.status ? eq(users.status, filters.status) : undefined,
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
    /** Contact details of these users (one query), for emails and names other modules show. */
    async contactsOf(db: Executor, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          status: users.status,
          role: users.role,
        })
        .from(users)
        .where(inArray(users.id, [...new Set(ids)]));
    },
    /** Ids of users whose email or name contains `search` (case-insensitive), at most `limit`. */
    async idsMatching(db: Executor, search: string, limit: number) {
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const rows = await db
        .select({ id: users.id })
        .from(users)
        .where(or(ilike(users.email, pattern), ilike(users.name, pattern)))
        .limit(limit);
      return rows.map((row) => row.id);
    },
    /** The account holding an email address (any case), locked in the caller's transaction. */
    async lockByEmail(db: Executor, email: string) {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
        .for("update");
      return row ?? null;
    },

    /** Accounts created per UTC bucket (`date_trunc(unit)`) since `from`, and how many are readers now. */
    async signupsByBucket(db: Executor, unit: "day" | "week" | "month", from: Date) {
      const bucket = sql<string>`to_char(date_trunc(${sql.raw(`'${unit}'`)}, ${users.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
      return db
        .select({
          bucket,
          users: sql<number>`count(*)::int`,
          readers: sql<number>`(count(*) filter (where ${users.role} = 'reader'))::int`,
        })
        .from(users)
        .where(gte(users.createdAt, from))
        .groupBy(bucket)
        .orderBy(bucket);
    },
  };
}
