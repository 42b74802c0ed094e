import type { SQL } from "drizzle-orm";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import type { Database } from "../../platform/db/database.js";
import {
  type BrowseEntry,
  type BrowseFilters,
  type BrowseOrdering,
  browseOrdering,
  type IndexRow,
  type ReaderCard,
} from "./readers.listing.js";
import type { ReaderStatus } from "./readers.schemas.js";
import { browseKeys, readerProfiles } from "./readers.tables.js";

/*
 * The listing: the statements that read listed readers for browse pages and the browse index
 * (modules/browse), with the sort keys their indexes are made of. Browse reaches them through the
 * readers service (`listing`), which owns the profile table.
 */

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
const SORT_KEYS: Record<BrowseOrdering, readonly string[]> = {
  recommended: [sqlText(browseKeys.statusRank(readerProfiles.status)), ...RATING_KEYS],
  rating: RATING_KEYS,
  newest: [sqlText(browseKeys.newest(readerProfiles.createdAt))],
  "price:chat": [sqlText(browseKeys.rate(RATE_COLUMN.chat))],
  "price:voice": [sqlText(browseKeys.rate(RATE_COLUMN.voice))],
  "price:video": [sqlText(browseKeys.rate(RATE_COLUMN.video))],
  // Without a modality, price means the reader's cheapest rate (as the price filter does).
  "price:any": [CHEAPEST_RATE_SQL],
};
const RATE_COLUMN_SQL = {
  chat: sqlText(sql`${RATE_COLUMN.chat}`),
  voice: sqlText(sql`${RATE_COLUMN.voice}`),
  video: sqlText(sql`${RATE_COLUMN.video}`),
};
const RATING_DESCENDING_SQL = sqlText(browseKeys.ratingDescending(readerProfiles.ratingAverage));

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

/**
 * Who browse lists: listed profiles of active reader accounts. The account check reads the users
 * table in SQL text (decision 0015): this statement runs on every uncached browse page.
 */
const LISTED_CONDITIONS = [
  `"reader_profiles"."listed" = 'listed'`,
  // A scalar subquery rather than EXISTS: the same answer per row (the account is an active
  // reader), and no semi-join for the planner to weigh, which was most of its time.
  `(select u.role = 'reader' and u.status = 'active' from users u where u.id = "reader_profiles"."user_id")`,
];

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

export function createListingRepository() {
  return {
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
  };
}
