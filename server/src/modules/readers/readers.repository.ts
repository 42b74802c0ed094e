import { and, asc, desc, eq, ilike, inArray, lt, or, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import type { ReaderStatus } from "./readers.schemas.js";
import { favorites, readerProfiles } from "./readers.tables.js";

export type ProfileRow = typeof readerProfiles.$inferSelect;

export function createReadersRepository() {
  return {
    async slugTaken(db: Executor, slug: string) {
      const [row] = await db
        .select({ userId: readerProfiles.userId })
        .from(readerProfiles)
        .where(eq(readerProfiles.slug, slug));
      return Boolean(row);
    },
    async upsertProfile(db: Executor, row: typeof readerProfiles.$inferInsert) {
      const [saved] = await db
        .insert(readerProfiles)
        .values(row)
        .onConflictDoUpdate({
          target: readerProfiles.userId,
          set: {
            displayName: row.displayName,
            headline: row.headline,
            bio: row.bio,
            specialties: row.specialties,
            tools: row.tools,
            languages: row.languages,
            yearsOfExperience: row.yearsOfExperience,
            timeZone: row.timeZone,
            updatedAt: row.updatedAt,
          },
        })
        .returning();
      if (!saved) throw new Error("profile upsert returned no row");
      return saved;
    },
    async findProfile(db: Executor, userId: string) {
      const [row] = await db.select().from(readerProfiles).where(eq(readerProfiles.userId, userId));
      return row ?? null;
    },
    /** Of these readers, those listed and online now. */
    async onlineAmong(db: Executor, userIds: string[]) {
      if (userIds.length === 0) return [];
      const rows = await db
        .select({ userId: readerProfiles.userId })
        .from(readerProfiles)
        .where(
          and(
            inArray(readerProfiles.userId, userIds),
            eq(readerProfiles.status, "online"),
            eq(readerProfiles.listed, "listed"),
          ),
        );
      return rows.map((row) => row.userId);
    },
    async addNoShow(db: Executor, userId: string) {
      await db
        .update(readerProfiles)
        .set({ noShowCount: sql`${readerProfiles.noShowCount} + 1` })
        .where(eq(readerProfiles.userId, userId));
    },
    async namesOf(db: Executor, userIds: readonly string[]) {
      if (userIds.length === 0) return [];
      return db
        .select({
          userId: readerProfiles.userId,
          displayName: readerProfiles.displayName,
          slug: readerProfiles.slug,
        })
        .from(readerProfiles)
        .where(inArray(readerProfiles.userId, [...userIds]));
    },
    async listedProfiles(db: Executor) {
      return db.select().from(readerProfiles).where(eq(readerProfiles.listed, "listed"));
    },
    async findProfileBySlug(db: Executor, slug: string) {
      const [row] = await db.select().from(readerProfiles).where(eq(readerProfiles.slug, slug));
      return row ?? null;
    },
    async updateProfile(db: Executor, userId: string, changes: Partial<typeof readerProfiles.$inferInsert>) {
      const [row] = await db
        .update(readerProfiles)
        .set(changes)
        .where(eq(readerProfiles.userId, userId))
        .returning();
      return row ?? null;
    },
    async lockProfile(db: Executor, userId: string) {
      const [row] = await db
        .select()
        .from(readerProfiles)
        .where(eq(readerProfiles.userId, userId))
        .for("update");
      return row ?? null;
    },
    /** Readers shown as online or away whose status is older than `before` (oldest first). */
    async availableSince(db: Executor, before: Date, limit: number) {
      const rows = await db
        .select({ userId: readerProfiles.userId })
        .from(readerProfiles)
        .where(and(inArray(readerProfiles.status, ["online", "away"]), lt(readerProfiles.updatedAt, before)))
        .orderBy(asc(readerProfiles.updatedAt))
        .limit(limit);
      return rows.map((row) => row.userId);
    },
    /** The status of each of these readers that has a profile. */
    async statusesOf(db: Executor, userIds: string[]) {
      if (userIds.length === 0) return [];
      return db
        .select({ userId: readerProfiles.userId, status: readerProfiles.status })
        .from(readerProfiles)
        .where(inArray(readerProfiles.userId, userIds));
    },
    async setStatus(db: Executor, userId: string, status: ReaderStatus, at: Date) {
      const [row] = await db
        .update(readerProfiles)
        .set({ status, updatedAt: at })
        .where(eq(readerProfiles.userId, userId))
        .returning();
      return row ?? null;
    },
    async upsertFavorite(
      db: Executor,
      row: { clientUserId: string; readerUserId: string; notifyOnline: boolean; at: Date },
    ) {
      await db
        .insert(favorites)
        .values({
          clientUserId: row.clientUserId,
          readerUserId: row.readerUserId,
          notifyOnline: row.notifyOnline,
          createdAt: row.at,
        })
        .onConflictDoUpdate({
          target: [favorites.clientUserId, favorites.readerUserId],
          set: { notifyOnline: row.notifyOnline },
        });
    },
    async deleteFavorite(db: Executor, clientUserId: string, readerUserId: string) {
      await db
        .delete(favorites)
        .where(and(eq(favorites.clientUserId, clientUserId), eq(favorites.readerUserId, readerUserId)));
    },
    async favoritesOf(db: Executor, clientUserId: string) {
      return db
        .select({ profile: readerProfiles, notifyOnline: favorites.notifyOnline })
        .from(favorites)
        .innerJoin(readerProfiles, eq(readerProfiles.userId, favorites.readerUserId))
        .where(eq(favorites.clientUserId, clientUserId))
        .orderBy(desc(favorites.createdAt))
        .limit(200);
    },
    /**
     * The clients due a "came online" notice from a reader: favorites asking for it that were not
     * notified since `notBefore` (call inside the transaction that holds the reader's profile row).
     */
    /** Clients who keep this reader as a favorite (at most `limit`, oldest favorites first). */
    async favoritedBy(db: Executor, readerUserId: string, limit: number) {
      const rows = await db
        .select({ clientUserId: favorites.clientUserId })
        .from(favorites)
        .where(eq(favorites.readerUserId, readerUserId))
        .orderBy(favorites.createdAt)
        .limit(limit);
      return rows.map((row) => row.clientUserId);
    },
    async dueOnlineNotifications(db: Executor, readerUserId: string, notBefore: Date) {
      const rows = await db
        .select({ clientUserId: favorites.clientUserId })
        .from(favorites)
        .where(
          and(
            eq(favorites.readerUserId, readerUserId),
            eq(favorites.notifyOnline, true),
            or(sql`${favorites.lastNotifiedAt} is null`, lt(favorites.lastNotifiedAt, notBefore)),
          ),
        );
      return rows.map((row) => row.clientUserId);
    },
    /** Stamps the notices sent, so one hour gives each client one notice. */
    async stampOnlineNotifications(db: Executor, readerUserId: string, clientUserIds: string[], at: Date) {
      if (clientUserIds.length === 0) return;
      await db
        .update(favorites)
        .set({ lastNotifiedAt: at })
        .where(and(eq(favorites.readerUserId, readerUserId), inArray(favorites.clientUserId, clientUserIds)));
    },

    // ----- Admin management of readers (readers.admin.ts) -----

    /**
     * Every reader profile, suspended ones included, newest first, one page (and one row more when
     * there is a next). `search` matches the name or slug, or any of `userIds` (accounts whose
     * email or name matched, found by the users module).
     */
    async adminListProfiles(
      db: Executor,
      filters: { search?: string; userIds?: readonly string[]; listed?: "listed" | "suspended" },
      cursor: KeysetCursor | null,
      limit: number,
    ) {
      const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const accounts = filters.userIds?.length
        ? inArray(readerProfiles.userId, [...filters.userIds])
        : undefined;
      return db
        .select()
        .from(readerProfiles)
        .where(
          and(
            filters.listed ? eq(readerProfiles.listed, filters.listed) : undefined,
            pattern
              ? or(ilike(readerProfiles.displayName, pattern), ilike(readerProfiles.slug, pattern), accounts)
              : undefined,
            cursor
              ? or(
                  lt(readerProfiles.createdAt, cursor.createdAt),
                  and(eq(readerProfiles.createdAt, cursor.createdAt), lt(readerProfiles.userId, cursor.id)),
                )
              : undefined,
          ),
        )
        .orderBy(desc(readerProfiles.createdAt), desc(readerProfiles.userId))
        .limit(limit + 1);
    },
    /** Stores a reader's review summary (written by the reviews module after each review change). */
    async setRatingSummary(db: Executor, userId: string, ratingAverage: number, ratingCount: number) {
      await db
        .update(readerProfiles)
        .set({ ratingAverage, ratingCount })
        .where(eq(readerProfiles.userId, userId));
    },
  };
}
