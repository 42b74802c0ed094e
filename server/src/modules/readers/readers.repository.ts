import { and, asc, desc, eq, getTableColumns, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Executor } from "../../platform/db/database.js";
import { users } from "../accounts/accounts.tables.js";
import {
  type ApplicationStatus,
  browseKeys,
  favorites,
  type ReaderStatus,
  readerApplications,
  readerProfiles,
} from "./readers.tables.js";

/** The account columns an admin sees next to a reader profile. */
const ADMIN_ACCOUNT_FIELDS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
};

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

/**
 * Sort keys, all ascending so one row comparison pages through them (user id breaks ties).
 * Built from `browseKeys`, the expressions the browse indexes are made of, so each sort reads
 * its own index in order and stops after one page.
 */
function sortKeys(filters: BrowseFilters): SQL[] {
  switch (filters.sort) {
    case "price":
      return [browseKeys.rate(RATE_COLUMN[filters.modality ?? "chat"])];
    case "rating":
      return [
        browseKeys.ratingDescending(readerProfiles.ratingAverage),
        browseKeys.ratingCountDescending(readerProfiles.ratingCount),
      ];
    case "newest":
      return [browseKeys.newest(readerProfiles.createdAt)];
    default:
      return [
        browseKeys.statusRank(readerProfiles.status),
        browseKeys.ratingDescending(readerProfiles.ratingAverage),
        browseKeys.ratingCountDescending(readerProfiles.ratingCount),
      ];
  }
}

const PROFILE_COLUMNS = Object.entries(getTableColumns(readerProfiles));
let profileColumnSql: SQL | null = null;

/** Every reader_profiles column, qualified, in one raw fragment built once. */
function profileColumnList(): SQL {
  profileColumnSql ??= sql.raw(
    PROFILE_COLUMNS.map(([, column]) => `"reader_profiles"."${column.name}"`).join(", "),
  );
  return profileColumnSql;
}

/** A raw reader_profiles row (driver values by column name) as the typed row a select returns. */
function toProfileRow(row: Record<string, unknown>): ProfileRow {
  const profile: Record<string, unknown> = {};
  for (const [key, column] of PROFILE_COLUMNS) {
    const value = row[column.name];
    profile[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return profile as ProfileRow;
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
      const price =
        rate ??
        browseKeys.cheapestRate(
          readerProfiles.chatRateCents,
          readerProfiles.voiceRateCents,
          readerProfiles.videoRateCents,
        );
      const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const conditions: (SQL | undefined)[] = [
        // A literal, so the planner can use the partial indexes on listed readers.
        sql`${readerProfiles.listed} = 'listed'`,
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
        // rating >= min, written on the rating index's key (negation is exact for reals).
        filters.minRating !== undefined
          ? sql`${browseKeys.ratingDescending(readerProfiles.ratingAverage)} <= ${-filters.minRating}`
          : undefined,
        after
          ? sql`(${sql.join([...keys, sql`${readerProfiles.userId}`], sql`, `)}) > (${sql.join(
              after.map((value) => sql`${value}`),
              sql`, `,
            )})`
          : undefined,
      ];
      // Plain SQL and a direct row mapping: the query builder's per-call work was a sixth of this
      // endpoint's CPU. Each column is decoded by its own Drizzle column, as a select would.
      const result = await db.execute<Record<string, unknown>>(sql`
        select ${profileColumnList()}, json_build_array(${sql.join(keys, sql`, `)}) as browse_sort_values
        from ${readerProfiles}
        where ${and(...conditions)}
        order by ${sql.join([...keys, sql`${readerProfiles.userId}`], sql`, `)}
        limit ${limit + 1}`);
      return result.rows.map((row) => ({
        profile: toProfileRow(row),
        sortValues: row.browse_sort_values as (string | number)[],
      }));
    },

    // ----- Admin management of readers (readers.admin.ts) -----

    /** Every reader profile with its account, suspended ones included, newest first, one page. */
    async adminListProfiles(
      db: Executor,
      filters: { search?: string; listed?: "listed" | "suspended" },
      cursor: KeysetCursor | null,
      limit: number,
    ) {
      const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      return db
        .select({ profile: readerProfiles, account: ADMIN_ACCOUNT_FIELDS })
        .from(readerProfiles)
        .innerJoin(users, eq(users.id, readerProfiles.userId))
        .where(
          and(
            filters.listed ? eq(readerProfiles.listed, filters.listed) : undefined,
            pattern
              ? or(
                  ilike(readerProfiles.displayName, pattern),
                  ilike(users.email, pattern),
                  ilike(readerProfiles.slug, pattern),
                )
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
    /** One reader profile with its account (for admin answers). */
    async adminFindProfile(db: Executor, userId: string) {
      const [row] = await db
        .select({ profile: readerProfiles, account: ADMIN_ACCOUNT_FIELDS })
        .from(readerProfiles)
        .innerJoin(users, eq(users.id, readerProfiles.userId))
        .where(eq(readerProfiles.userId, userId));
      return row ?? null;
    },
    /** The account holding an email address (any case), locked for a role change in the caller's transaction. */
    async lockAccountByEmail(db: Executor, email: string) {
      const [row] = await db
        .select(ADMIN_ACCOUNT_FIELDS)
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
        .for("update");
      return row ?? null;
    },
    async findAccountByEmail(db: Executor, email: string) {
      const [row] = await db
        .select(ADMIN_ACCOUNT_FIELDS)
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      return row ?? null;
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
