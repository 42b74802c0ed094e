import type { ReaderStatus } from "./readers.schemas.js";

/*
 * What the listing answers (readers.listing.repository.ts has its statements): the filters and
 * orderings of browse pages, and the rows it reads. Browse (modules/browse) builds pages, its
 * cache and its in-memory index from these.
 */

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

/**
 * The orderings browse pages come in: the sort and, for price, the modality whose rate it sorts by
 * (`any`: the cheapest rate). A cursor belongs to one of them.
 */
export const BROWSE_ORDERINGS = [
  "recommended",
  "rating",
  "newest",
  "price:chat",
  "price:voice",
  "price:video",
  "price:any",
] as const;
export type BrowseOrdering = (typeof BROWSE_ORDERINGS)[number];

export function browseOrdering(filters: Pick<BrowseFilters, "sort" | "modality">): BrowseOrdering {
  return filters.sort === "price" ? `price:${filters.modality ?? "any"}` : filters.sort;
}

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

/** A listed reader as the browse index keeps them (readers.browse-index.ts). */
export interface IndexRow {
  card: ReaderCard;
  bio: string;
  /** The rating sort keys and the newest key, as the browse statement selects them. */
  ratingKey: number;
  ratingCountKey: number;
  newestKey: number;
}
