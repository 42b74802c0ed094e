/*
 * The browse index's readers one by one: what is kept of a listed reader, and how the filters and
 * orderings judge them, exactly as the browse statement does (its conditions, its sort keys, its
 * row comparison and text order under the C locale).
 */
import {
  type BrowseFilters,
  type BrowseOrdering,
  browseOrdering,
  type IndexRow,
  type ReaderCard,
} from "../readers/readers.listing.js";
import type { SlotColumns, SlotList } from "./browse.slots.js";

/** A search memo's marks (see `searches`). */
export const NO_MATCH = 0;
export const MATCH = 1;
export const MAYBE = 2;
/** The rate a reader without one sorts by (as `browseKeys.rate`), above any real rate. */
const NO_RATE = 1_000_000;
const STATUS_RANK = { online: 0, busy: 1, away: 2 } as Record<string, number>;
/** The recommended order's first key for each status: those above, and any other status. */
export const STATUS_RANKS = [0, 1, 2, 3];

/** A listed reader with everything browse filters and sorts by. */
export interface Indexed {
  card: ReaderCard;
  /** Name, headline and bio with ASCII letters lowercased (ILIKE under the C locale folds only those). */
  searchable: [string, string, string];
  /** The three joined by TEXT_SEPARATOR, searched in one pass. */
  text: string;
  specialties: readonly string[];
  languages: readonly string[];
  /** The rating as the `real` it is stored as, for `minRating`. */
  rating: number;
  /** Per ordering, the keyset position: the sort keys as the browse statement selects them, then the user id. */
  positions: Record<BrowseOrdering, (number | string)[]>;
  /** Where the reader is in the search memo's bit arrays (given by the index). */
  slot: number;
}

/** Between a reader's texts in `Indexed.text`: a term without it matches there only within one text. */
const TEXT_SEPARATOR = "\u0000";

/** Whether a reader's name, headline or bio contains the (folded) term, as `ILIKE '%term%'` decides. */
export const textMatches = (reader: Indexed, term: string) =>
  term.includes(TEXT_SEPARATOR)
    ? reader.searchable.some((text) => text.includes(term))
    : reader.text.includes(term);

/** Per ordering, which sort key is a PostgreSQL `real` (compared after rounding to one), if any. */
export const REAL_KEY: Record<BrowseOrdering, number> = {
  recommended: 1,
  rating: 0,
  newest: -1,
  "price:chat": -1,
  "price:voice": -1,
  "price:video": -1,
  "price:any": -1,
};

export const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

const SURROGATE = /[\ud800-\udfff]/;
/** Text order of the C collation: by bytes of UTF-8, which is code point order. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

/** Row comparison of keyset positions, as PostgreSQL compares `(keys…, user_id) > (…)`. */
export function comparePositions(
  a: readonly (number | string)[],
  b: readonly (number | string)[],
  realKey: number,
): number {
  const last = a.length - 1;
  for (let index = 0; index < last; index += 1) {
    let x = a[index] as number;
    let y = b[index] as number;
    if (index === realKey) {
      x = Math.fround(x);
      y = Math.fround(y);
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return compareText(a[last] as string, b[last] as string);
}

export function toIndexed(row: IndexRow): Indexed {
  const { card } = row;
  const rate = (cents: number | null) => cents ?? NO_RATE;
  const id = card.userId;
  const searchable: Indexed["searchable"] = [
    asciiLower(card.displayName),
    asciiLower(card.headline),
    asciiLower(row.bio),
  ];
  return {
    card,
    searchable,
    text: searchable.join(TEXT_SEPARATOR),
    specialties: JSON.parse(card.specialtiesJson) as string[],
    languages: JSON.parse(card.languagesJson) as string[],
    rating: Math.fround(card.ratingAverage),
    positions: {
      recommended: [STATUS_RANK[card.status] ?? 3, row.ratingKey, row.ratingCountKey, id],
      rating: [row.ratingKey, row.ratingCountKey, id],
      newest: [row.newestKey, id],
      "price:chat": [rate(card.chatRateCents), id],
      "price:voice": [rate(card.voiceRateCents), id],
      "price:video": [rate(card.videoRateCents), id],
      "price:any": [
        Math.min(rate(card.chatRateCents), rate(card.voiceRateCents), rate(card.videoRateCents)),
        id,
      ],
    },
    slot: -1,
  };
}

/**
 * Whether the reader in a slot passes the filters, exactly as the browse statement's conditions
 * decide, read from the slot arrays and the memos of the filters' search term, specialty and
 * language (each undefined when not filtered on).
 */
export function slotFilter(
  filters: BrowseFilters,
  columns: SlotColumns,
  memos: {
    /** The search term's marks, and how to settle a MAYBE (see `searches`). */
    search?: { marks: Uint8Array; settle: (slot: number) => boolean };
    specialty?: Uint8Array;
    language?: Uint8Array;
  },
): (slot: number) => boolean {
  const { specialty, language } = memos;
  const marks = memos.search?.marks;
  const settle = memos.search?.settle;
  const rates = byModality(filters.modality, columns);
  const online = filters.onlineOnly === true ? columns.online : undefined;
  const minPrice = filters.minPriceCents ?? Number.NEGATIVE_INFINITY;
  const maxPrice = filters.maxPriceCents ?? Number.POSITIVE_INFINITY;
  const ratings = filters.minRating === undefined ? undefined : columns.rating;
  const minRating = Math.fround(filters.minRating ?? 0);
  return (slot) => {
    if (marks !== undefined) {
      const mark = marks[slot];
      if (mark === NO_MATCH || (mark === MAYBE && !settle?.(slot))) return false;
    }
    if (specialty !== undefined && specialty[slot] !== 1) return false;
    if (language !== undefined && language[slot] !== 1) return false;
    if (online !== undefined && online[slot] !== 1) return false;
    // No rate (NaN) for the modality: not listed for it.
    const rate = rates[slot] as number;
    if (Number.isNaN(rate) || rate < minPrice || rate > maxPrice) return false;
    return ratings === undefined || !((ratings[slot] as number) < minRating);
  };
}

/**
 * The stretches of an ordering (from place `from` on) that may hold readers passing the filters,
 * as pairs of places [start, end): where the ordering's keys bound what passes, the rest is left
 * out. By rating, readers below a minimum rating come last (in the recommended order, last within
 * each status); by price, rates outside the range come before and after those within it.
 */
export function stretches(
  ordering: BrowseOrdering,
  filters: BrowseFilters,
  list: SlotList,
  from: number,
  columns: SlotColumns,
  rankOf: (slot: number) => number,
): number[] {
  const end = list.length;
  const { minRating } = filters;
  if (minRating !== undefined && (ordering === "rating" || ordering === "recommended")) {
    const least = Math.fround(minRating);
    const below = (slot: number) => (columns.rating[slot] as number) < least;
    if (ordering === "rating") return [from, list.firstPast(from, end, below)];
    const found: number[] = [];
    // Only online readers (rank 0) when online only.
    const ranks = filters.onlineOnly ? 1 : STATUS_RANKS.length;
    let start = from;
    for (let rank = 0; rank < ranks && start < end; rank += 1) {
      const next = list.firstPast(start, end, (slot) => rankOf(slot) > rank);
      found.push(start, list.firstPast(start, next, below));
      start = next;
    }
    return found;
  }
  if (
    ordering.startsWith("price:") &&
    (filters.minPriceCents !== undefined || filters.maxPriceCents !== undefined)
  ) {
    // The ordering's rate is the filter's (no rate, NaN, sorts last).
    const rates =
      columns[ordering === "price:any" ? "any" : (ordering.slice(6) as "chat" | "voice" | "video")];
    const least = filters.minPriceCents ?? Number.NEGATIVE_INFINITY;
    const most = filters.maxPriceCents ?? Number.POSITIVE_INFINITY;
    const start = list.firstPast(from, end, (slot) => !((rates[slot] as number) < least));
    return [start, list.firstPast(start, end, (slot) => !((rates[slot] as number) <= most))];
  }
  return [from, end];
}

/** What the price filter reads for a modality: that modality's rate, or (none) the cheapest. */
const byModality = <T>(
  modality: BrowseFilters["modality"],
  rates: { chat: T; voice: T; video: T; any: T },
): T => rates[modality ?? "any"];

/**
 * Whether a reader passes the filters but `onlineOnly` (`slotFilter` for one reader, read from the
 * reader's own record, which no later change alters).
 */
export function passesButStatus(reader: Indexed, filters: BrowseFilters): boolean {
  const { card } = reader;
  if (filters.search !== undefined && !textMatches(reader, asciiLower(filters.search))) return false;
  if (filters.specialty !== undefined && !reader.specialties.includes(filters.specialty)) return false;
  if (filters.language !== undefined && !reader.languages.includes(filters.language)) return false;
  const rate = byModality(filters.modality, {
    chat: card.chatRateCents,
    voice: card.voiceRateCents,
    video: card.videoRateCents,
    any: reader.positions["price:any"][0] as number,
  });
  if (rate === null) return false;
  if (filters.minPriceCents !== undefined && rate < filters.minPriceCents) return false;
  if (filters.maxPriceCents !== undefined && rate > filters.maxPriceCents) return false;
  return filters.minRating === undefined || !(reader.rating < Math.fround(filters.minRating));
}

/** The first place in `list` (slots of `bySlot`) whose position is after `position`. */
export function upperBound(
  list: SlotList,
  bySlot: readonly (Indexed | undefined)[],
  ordering: BrowseOrdering,
  position: readonly (number | string)[],
) {
  const realKey = REAL_KEY[ordering];
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePositions((bySlot[list.at(middle)] as Indexed).positions[ordering], position, realKey) <= 0)
      low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Whether a status change of these readers may touch the rows of a filter set after one position
 * up to another (`(after, last]`, null: open): whether one of them passes the filters but status
 * at a place in those rows under any status (only the recommended order has a key of status: its
 * first).
 */
export function statusMayTouch(
  readers: readonly Indexed[],
  filters: BrowseFilters,
  after: readonly (number | string)[] | null,
  last: readonly (number | string)[] | null,
): boolean {
  const ordering = browseOrdering(filters);
  const realKey = REAL_KEY[ordering];
  return readers.some((reader) => {
    if (!passesButStatus(reader, filters)) return false;
    const position = reader.positions[ordering];
    const places =
      ordering === "recommended" ? STATUS_RANKS.map((rank) => [rank, ...position.slice(1)]) : [position];
    return places.some(
      (place) =>
        (after === null || comparePositions(place, after, realKey) > 0) &&
        (last === null || comparePositions(place, last, realKey) <= 0),
    );
  });
}
