import { and, asc, desc, eq, ilike, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { KeysetCursor } from "../../platform/db/cursor.js";
import type { Database, Executor } from "../../platform/db/database.js";
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

/** A Drizzle fragment without parameters (the browse keys) as SQL text, rendered once. */
const dialect = new PgDialect();
function sqlText(fragment: SQL): string {
  const query = dialect.sqlToQuery(fragment);
  if (query.params.length > 0) throw new Error(`expected a fragment without parameters: ${query.sql}`);
  return query.sql;
}

/**
 * Sort keys, all ascending so one row comparison pages through them (user id breaks ties).
 * Rendered from `browseKeys`, the expressions the browse indexes are made of, so each sort reads
 * its own index in order and stops after one page.
 */
const RATING_KEYS = [
  sqlText(browseKeys.ratingDescending(readerProfiles.ratingAverage)),
  sqlText(browseKeys.ratingCountDescending(readerProfiles.ratingCount)),
];
const CHEAPEST_RATE_SQL = sqlText(
  browseKeys.cheapestRate(
    readerProfiles.chatRateCents,
    readerProfiles.voiceRateCents,
    readerProfiles.videoRateCents,
  ),
);
const SORT_KEYS = {
  recommended: [sqlText(browseKeys.statusRank(readerProfiles.status)), ...RATING_KEYS],
  rating: RATING_KEYS,
  newest: [sqlText(browseKeys.newest(readerProfiles.createdAt))],
  "price:chat": [sqlText(browseKeys.rate(RATE_COLUMN.chat))],
  "price:voice": [sqlText(browseKeys.rate(RATE_COLUMN.voice))],
  "price:video": [sqlText(browseKeys.rate(RATE_COLUMN.video))],
  // Without a modality, price means the reader's cheapest rate (as the price filter does).
  "price:any": [CHEAPEST_RATE_SQL],
} as const;
const RATE_COLUMN_SQL = {
  chat: sqlText(sql`${RATE_COLUMN.chat}`),
  voice: sqlText(sql`${RATE_COLUMN.voice}`),
  video: sqlText(sql`${RATE_COLUMN.video}`),
};
const RATING_DESCENDING_SQL = sqlText(browseKeys.ratingDescending(readerProfiles.ratingAverage));

/**
 * The orderings browse pages come in: the sort and, for price, the modality whose rate it sorts by
 * (`any`: the cheapest rate). A cursor belongs to one of them.
 */
export type BrowseOrdering = keyof typeof SORT_KEYS;
export const BROWSE_ORDERINGS = Object.keys(SORT_KEYS) as BrowseOrdering[];

export function browseOrdering(filters: Pick<BrowseFilters, "sort" | "modality">): BrowseOrdering {
  return filters.sort === "price" ? `price:${filters.modality ?? "any"}` : filters.sort;
}

function sortKeys(filters: BrowseFilters): readonly string[] {
  return SORT_KEYS[browseOrdering(filters)];
}

/** The sort keys as selected: a rate key is a bigint (text to the driver), but always fits an integer. */
function selectedSortKeys(filters: BrowseFilters): string {
  const keys = sortKeys(filters);
  return (filters.sort === "price" ? keys.map((key) => `(${key})::int`) : keys).join(", ");
}

/**
 * What a browse card shows, in this column order (rows come back as arrays): no bio or tools.
 * Rates fit an integer (99–4999 by a check); times come as epoch milliseconds, truncated like a
 * Date made from the column; specialties and languages as their JSON text. Last, the row
 * version (`xmin`: the transaction that wrote this version of the row).
 */
const CARD_COLUMNS = `"reader_profiles"."user_id", "reader_profiles"."slug", "reader_profiles"."display_name",
  "reader_profiles"."headline", "reader_profiles"."specialties"::text, "reader_profiles"."languages"::text,
  "reader_profiles"."years_of_experience", "reader_profiles"."chat_rate_cents"::int,
  "reader_profiles"."voice_rate_cents"::int, "reader_profiles"."video_rate_cents"::int,
  "reader_profiles"."scheduled_rate_cents"::int, "reader_profiles"."status", "reader_profiles"."rating_average",
  "reader_profiles"."rating_count", floor(extract(epoch from "reader_profiles"."created_at") * 1000)::int8,
  floor(extract(epoch from "reader_profiles"."photo_updated_at") * 1000)::int8, "reader_profiles"."xmin"::text`;

/** A reader as a browse card shows them, read from one version of their profile row. */
export interface ReaderCard {
  userId: string;
  slug: string;
  displayName: string;
  headline: string;
  /** The JSON text of the string arrays, as stored. */
  specialtiesJson: string;
  languagesJson: string;
  yearsOfExperience: number;
  chatRateCents: number | null;
  voiceRateCents: number | null;
  videoRateCents: number | null;
  scheduledRateCents: number | null;
  status: ReaderStatus;
  ratingAverage: number;
  ratingCount: number;
  createdAtMs: number;
  photoUpdatedAtMs: number | null;
  /** The row version the card was read from (see `BrowseEntry.version`). */
  version: string;
}

function toReaderCard(row: unknown[]): ReaderCard {
  const photo = row[15] as string | null;
  return {
    userId: row[0] as string,
    slug: row[1] as string,
    displayName: row[2] as string,
    headline: row[3] as string,
    specialtiesJson: row[4] as string,
    languagesJson: row[5] as string,
    yearsOfExperience: row[6] as number,
    chatRateCents: row[7] as number | null,
    voiceRateCents: row[8] as number | null,
    videoRateCents: row[9] as number | null,
    scheduledRateCents: row[10] as number | null,
    status: row[11] as ReaderStatus,
    ratingAverage: row[12] as number,
    ratingCount: row[13] as number,
    createdAtMs: Number(row[14]),
    photoUpdatedAtMs: photo === null ? null : Number(photo),
    version: row[16] as string,
  };
}

/** One reader of a browse page: who, which version of their profile row, and where in the ordering. */
export interface BrowseEntry {
  userId: string;
  /**
   * The profile row's `xmin`. Any change to the row writes a new version under another
   * transaction id, and only a committed version is ever read, so a card read from a version
   * with this `xmin` shows exactly what this row holds now.
   */
  version: string;
  /** The sort keys of the ordering, then the user id: the keyset position after this row (shared: read only). */
  position: readonly (string | number)[];
}

function toBrowseEntry(row: unknown[]): BrowseEntry {
  const position = row.slice(2) as (string | number)[];
  position.push(row[0] as string);
  return { userId: row[0] as string, version: row[1] as string, position };
}

/** The pool behind the database (Drizzle keeps it as `$client`), for statements sent without the builder. */
function poolOf(db: Database): pg.Pool {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof pg.Pool)) throw new Error("the database is not backed by a pg pool");
  return client;
}

/** Who browse lists: listed profiles of active reader accounts. */
const LISTED_CONDITIONS = [
  `"reader_profiles"."listed" = 'listed'`,
  // A scalar subquery rather than EXISTS: the same answer per row (the account is an active
  // reader), and no semi-join for the planner to weigh, which was most of its time.
  `(select u.role = 'reader' and u.status = 'active' from users u where u.id = "reader_profiles"."user_id")`,
];

/** A listed reader as the browse index keeps them (readers.browse-index.ts). */
export interface IndexRow {
  card: ReaderCard;
  bio: string;
  /** The rating sort keys and the newest key, as the browse statement selects them. */
  ratingKey: number;
  ratingCountKey: number;
  newestKey: number;
}

/**
 * The browse statement as text and values. Hand-written rather than built with Drizzle: it runs on
 * every uncached page, and building it through the query builder was a large part of the
 * endpoint's CPU. Filters are literals where they are constant (the planner matches the partial
 * indexes on them) and parameters otherwise.
 */
export function browseStatement(
  filters: BrowseFilters,
  after: readonly (string | number)[] | null,
  limit: number,
) {
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const keys = sortKeys(filters);
  const rate = filters.modality ? RATE_COLUMN_SQL[filters.modality] : null;
  const price = rate ?? CHEAPEST_RATE_SQL;
  const conditions = [...LISTED_CONDITIONS];
  if (filters.search) {
    const pattern = param(`%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    conditions.push(
      `("reader_profiles"."display_name" ilike ${pattern} or "reader_profiles"."headline" ilike ${pattern} or "reader_profiles"."bio" ilike ${pattern})`,
    );
  }
  if (filters.specialty) conditions.push(`"reader_profiles"."specialties" ? ${param(filters.specialty)}`);
  if (rate) conditions.push(`${rate} is not null`);
  if (filters.minPriceCents !== undefined) conditions.push(`${price} >= ${param(filters.minPriceCents)}`);
  if (filters.maxPriceCents !== undefined) conditions.push(`${price} <= ${param(filters.maxPriceCents)}`);
  if (filters.language) conditions.push(`"reader_profiles"."languages" ? ${param(filters.language)}`);
  if (filters.onlineOnly) conditions.push(`"reader_profiles"."status" = 'online'`);
  if (filters.minRating !== undefined) {
    // rating >= min twice: on the column, whose statistics tell the planner how few readers pass
    // a high minimum, and on the rating index's key (negation is exact for reals), which lets the
    // rating sorts start their index scan at the minimum.
    conditions.push(
      `"reader_profiles"."rating_average" >= ${param(filters.minRating)}`,
      `${RATING_DESCENDING_SQL} <= ${param(-filters.minRating)}`,
    );
  }
  const order = [...keys, `"reader_profiles"."user_id"`].join(", ");
  if (after) conditions.push(`(${order}) > (${after.map(param).join(", ")})`);
  const text = `select "reader_profiles"."user_id", "reader_profiles"."xmin"::text, ${selectedSortKeys(filters)}
    from "reader_profiles"
    where ${conditions.join("\n      and ")}
    order by ${order}
    limit ${param(limit + 1)}`;
  return { text, values };
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

    /**
     * Listed readers whose user account is an active reader, filtered and sorted: one page (and one
     * row more, when there is a next page), as who is where and which version of their row.
     */
    async browse(
      db: Database,
      filters: BrowseFilters,
      after: readonly (string | number)[] | null,
      limit: number,
    ) {
      const { text, values } = browseStatement(filters, after, limit);
      const result = await poolOf(db).query<unknown[]>({ text, values, rowMode: "array" });
      return result.rows.map(toBrowseEntry);
    },
    /**
     * Every listed reader (or those of `userIds` that are listed) with what browse filters and
     * sorts by: the card, the bio, and the sort keys that are not plain columns, computed by the
     * same expressions as the browse statement's.
     */
    async browseIndexRows(db: Database, userIds: string[] | null): Promise<IndexRow[]> {
      const only = userIds ? ` and "reader_profiles"."user_id" = any($1::text[])` : "";
      const result = await poolOf(db).query<unknown[]>({
        text: `select ${CARD_COLUMNS}, "reader_profiles"."bio", ${RATING_KEYS.join(", ")}, ${SORT_KEYS.newest[0]}
          from "reader_profiles" where ${LISTED_CONDITIONS.join(" and ")}${only}`,
        values: userIds ? [userIds] : [],
        rowMode: "array",
      });
      return result.rows.map((row) => ({
        card: toReaderCard(row),
        bio: row[17] as string,
        ratingKey: row[18] as number,
        ratingCountKey: row[19] as number,
        newestKey: row[20] as number,
      }));
    },
    /** Who is listed, at which version of their profile row (see `BrowseEntry.version`). */
    async browseIndexVersions(db: Database): Promise<{ userId: string; version: string }[]> {
      const result = await poolOf(db).query<[string, string]>({
        text: `select "reader_profiles"."user_id", "reader_profiles"."xmin"::text from "reader_profiles"
          where ${LISTED_CONDITIONS.join(" and ")}`,
        rowMode: "array",
      });
      return result.rows.map(([userId, version]) => ({ userId, version }));
    },
    /**
     * Whether this database compares and case-folds text as bytes and ASCII (the C or POSIX locale
     * of the libc provider), as the browse index does (the embedded database is created so).
     */
    async textIsBytewise(db: Database): Promise<boolean> {
      const result = await poolOf(db).query<{ collate: string; ctype: string; provider: string | null }>(
        `select datcollate as collate, datctype as ctype, to_jsonb(d) ->> 'datlocprovider' as provider
         from pg_database d where datname = current_database()`,
      );
      const row = result.rows[0];
      const bytewise = (locale: string | undefined) => locale === "C" || locale === "POSIX";
      return !!row && bytewise(row.collate) && bytewise(row.ctype) && (row.provider ?? "c") === "c";
    },
    /** The browse cards of these readers, as their profile rows are now (any listing). */
    async readerCards(db: Database, userIds: string[]) {
      const result = await poolOf(db).query<unknown[]>({
        text: `select ${CARD_COLUMNS} from "reader_profiles" where "reader_profiles"."user_id" = any($1::text[])`,
        values: [userIds],
        rowMode: "array",
      });
      return result.rows.map(toReaderCard);
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
