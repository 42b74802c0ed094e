import { and, asc, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import {
  type ApplicationStatus,
  favorites,
  type ReaderStatus,
  readerApplications,
  readerProfiles,
} from "./readers.tables.js";

export type ApplicationRow = typeof readerApplications.$inferSelect;
export type ProfileRow = typeof readerProfiles.$inferSelect;

export interface BrowseFilters {
  search?: string;
  specialty?: string;
  modality?: "chat" | "voice" | "video";
  minPriceCents?: number;
  maxPriceCents?: number;
  language?: string;
  onlineOnly?: boolean;
  minRating?: number;
  sort: "recommended" | "price" | "rating" | "newest";
}

const RATE_COLUMN = {
  chat: readerProfiles.chatRateCents,
  voice: readerProfiles.voiceRateCents,
  video: readerProfiles.videoRateCents,
};

/** Sort keys, all ascending so one row comparison pages through them (user id breaks ties). */
function sortKeys(filters: BrowseFilters): SQL[] {
  const rate = RATE_COLUMN[filters.modality ?? "chat"];
  switch (filters.sort) {
    case "price":
      return [sql`coalesce(${rate}, 1000000)`];
    case "rating":
      return [sql`(-${readerProfiles.ratingAverage})::real`, sql`-${readerProfiles.ratingCount}`];
    case "newest":
      return [sql`(-extract(epoch from ${readerProfiles.createdAt}))::float8`];
    default:
      return [
        sql`(case ${readerProfiles.status} when 'online' then 0 when 'busy' then 1 when 'away' then 2 else 3 end)`,
        sql`(-${readerProfiles.ratingAverage})::real`,
        sql`-${readerProfiles.ratingCount}`,
      ];
  }
}

export function createReadersRepository() {
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
     * Claims the "came online" notifications due for a reader: favorites asking for it that were
     * not notified since `notBefore`. Each claimed row is stamped, so one hour gives one email.
     */
    async claimOnlineNotifications(db: Executor, readerUserId: string, at: Date, notBefore: Date) {
      const result = await db.execute<{ user_id: string; email: string; display_name: string }>(sql`
        update favorites f set last_notified_at = ${at.toISOString()}
        from users u
        where f.reader_user_id = ${readerUserId} and f.notify_online and u.id = f.client_user_id and u.status = 'active'
          and (f.last_notified_at is null or f.last_notified_at < ${notBefore.toISOString()})
        returning u.id as user_id, u.email, u.display_name`);
      return result.rows;
    },

    /** Listed readers whose user account is an active reader, filtered and sorted, one page. */
    async browse(db: Executor, filters: BrowseFilters, after: (string | number)[] | null, limit: number) {
      const keys = sortKeys(filters);
      const rate = filters.modality ? RATE_COLUMN[filters.modality] : null;
      const cheapest = sql`least(coalesce(${readerProfiles.chatRateCents}, 1000000), coalesce(${readerProfiles.voiceRateCents}, 1000000), coalesce(${readerProfiles.videoRateCents}, 1000000))`;
      const price = rate ?? cheapest;
      const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const conditions: (SQL | undefined)[] = [
        eq(readerProfiles.listed, "listed"),
        sql`exists (select 1 from users u where u.id = ${readerProfiles.userId} and u.role = 'reader' and u.status = 'active')`,
        pattern
          ? sql`(${readerProfiles.displayName} ilike ${pattern} or ${readerProfiles.headline} ilike ${pattern} or ${readerProfiles.bio} ilike ${pattern})`
          : undefined,
        filters.specialty ? sql`${readerProfiles.specialties} ? ${filters.specialty}` : undefined,
        rate ? sql`${rate} is not null` : undefined,
        filters.minPriceCents !== undefined ? sql`${price} >= ${filters.minPriceCents}` : undefined,
        filters.maxPriceCents !== undefined ? sql`${price} <= ${filters.maxPriceCents}` : undefined,
        filters.language ? sql`${readerProfiles.languages} ? ${filters.language}` : undefined,
        filters.onlineOnly ? eq(readerProfiles.status, "online") : undefined,
        filters.minRating !== undefined
          ? sql`${readerProfiles.ratingAverage} >= ${filters.minRating}`
          : undefined,
        after
          ? sql`(${sql.join([...keys, sql`${readerProfiles.userId}`], sql`, `)}) > (${sql.join(
              after.map((value) => sql`${value}`),
              sql`, `,
            )})`
          : undefined,
      ];
      const rows = await db
        .select({
          profile: readerProfiles,
          sortValues: sql<(string | number)[]>`json_build_array(${sql.join(keys, sql`, `)})`,
        })
        .from(readerProfiles)
        .where(and(...conditions))
        .orderBy(...keys.map((key) => asc(key)), asc(readerProfiles.userId))
        .limit(limit + 1);
      return rows;
    },
  };
}
