import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../../platform/clock.js";
import { DomainError } from "../../platform/http/errors.js";
import { DEFAULT_PAGE_SIZE } from "../../platform/http/pagination.js";
import type { BusEvent, EventBus } from "../../platform/realtime/event-bus.js";
import type { BrowseFilters, ReaderCard } from "../readers/readers.listing.js";
import type { ReadersService } from "../readers/readers.service.js";
import { type BrowseWindow, type CardRecord, createBrowseCache } from "./browse.cache.js";
import { decodeBrowseCursor, encodeBrowseCursor, SORT_KEY_KINDS } from "./browse.cursor.js";
import { createBrowseIndex } from "./browse.index.js";
import type { BrowseQuery } from "./browse.schemas.js";

export type BrowseService = ReturnType<typeof createBrowseService>;

/** A number as JSON.stringify writes it (null when not finite). */
const jsonNumber = (value: number | null) =>
  value === null || !Number.isFinite(value) ? "null" : String(value);

/**
 * A browse card (ReaderSummarySchema) as JSON text: the fields of `toReaderDto` but bio and
 * tools, in the same order and form. Written directly because every uncached browse page builds
 * up to 100 of them, and an object per reader plus a serializer cost several times more.
 */
export function readerSummaryJson(row: ReaderCard): string {
  const photoUrl =
    row.photoUpdatedAtMs === null
      ? "null"
      : JSON.stringify(`/api/v1/reader-photos/${encodeURIComponent(row.userId)}?v=${row.photoUpdatedAtMs}`);
  return `{"userId":${JSON.stringify(row.userId)},"slug":${JSON.stringify(row.slug)},"displayName":${JSON.stringify(
    row.displayName,
  )},"headline":${JSON.stringify(row.headline)},"specialties":${row.specialtiesJson},"languages":${
    row.languagesJson
  },"yearsOfExperience":${jsonNumber(row.yearsOfExperience)},"rates":{"chat":${jsonNumber(
    row.chatRateCents,
  )},"voice":${jsonNumber(row.voiceRateCents)},"video":${jsonNumber(row.videoRateCents)},"scheduled":${jsonNumber(
    row.scheduledRateCents,
  )}},"status":${JSON.stringify(row.status)},"ratingAverage":${jsonNumber(row.ratingAverage)},"ratingCount":${jsonNumber(
    row.ratingCount,
  )},"createdAt":${JSON.stringify(new Date(row.createdAtMs).toISOString())},"photoUrl":${photoUrl}}`;
}

/** How many readers' browse cards each node keeps as JSON (about 0.5 kB each), and how long. */
const BROWSE_CARD_CACHE = { maxCards: 20_000, cardTtlMs: 10 * 60 * 1000 };
/**
 * A miss reads at least this many rows (and one more), so the page sizes and following pages that
 * fit are served from the same read. Each window kept costs about 1–2 kB (references to cards and
 * the rows' sort keys); at most `BROWSE_MAX_STARTS` page starts are kept.
 */
const BROWSE_WINDOW_ROWS = 48;
const BROWSE_MAX_STARTS = 20_000;

/** The events (sent by database triggers, see migration 0013) that say browse pages changed. */
export const READERS_CHANGED_EVENT = "readers.changed";
export const READERS_STATUS_EVENT = "readers.status";

/**
 * Browse and search of listed readers: pages computed from the readers' listing (or from the
 * in-memory index of every listed reader), kept in memory until what they show changes.
 */
export function createBrowseService(deps: {
  readers: Pick<ReadersService, "listing">;
  bus: EventBus;
  clock: Clock;
  logger: FastifyBaseLogger;
  /**
   * The longest a browse page may be served from memory (0: never). Pages are dropped as soon as
   * what they show changes (`onBusEvent`); this only bounds the damage of a missed event.
   */
  browseCacheMs: number;
}) {
  const browseCache = createBrowseCache({
    ...BROWSE_CARD_CACHE,
    ttlMs: deps.browseCacheMs,
    maxStarts: BROWSE_MAX_STARTS,
    clock: deps.clock,
    listening: () => deps.bus.connected,
  });
  // Every listed reader in memory, kept current by the same events (when pages may be kept at all).
  const browseIndex =
    deps.browseCacheMs > 0
      ? createBrowseIndex({
          listing: deps.readers.listing,
          clock: deps.clock,
          listening: () => deps.bus.connected,
          maxAgeMs: deps.browseCacheMs,
          onError: (error) =>
            deps.logger.warn({ err: error }, "browse index load failed; pages are read meanwhile"),
        })
      : null;

  /**
   * Reads a window of browse rows from the query's cursor: `rows` of them and one more when there
   * are, with their cards (cards are kept by row version: only readers whose row changed, or new
   * here, are read).
   */
  async function readWindow(query: BrowseQuery, filters: BrowseFilters, rows: number): Promise<BrowseWindow> {
    if (
      query.minPriceCents !== undefined &&
      query.maxPriceCents !== undefined &&
      query.minPriceCents > query.maxPriceCents
    ) {
      throw new DomainError("VALIDATION_FAILED", "The minimum price is above the maximum.", [
        { path: "/minPriceCents", message: "must not be above maxPriceCents" },
      ]);
    }
    const after = decodeBrowseCursor(query.cursor, filters);
    // From the index when it can answer (its cards are at the versions its entries name).
    const indexed = (await browseIndex?.windowSoon(filters, after, rows)) ?? null;
    const entries = indexed ?? (await deps.readers.listing.window(filters, after, rows));
    const cards = browseCache.cardsFor(entries);
    const missing = entries.filter((_, index) => cards[index] === undefined).map((entry) => entry.userId);
    if (missing.length > 0) {
      const fresh = new Map<string, CardRecord>();
      const read = indexed
        ? missing.flatMap((userId) => browseIndex?.card(userId) ?? [])
        : await deps.readers.listing.cards(missing);
      for (const card of read) {
        fresh.set(
          card.userId,
          browseCache.keepCard(card.userId, card.version, Buffer.from(readerSummaryJson(card))),
        );
      }
      // A row changed since the page was read shows as it is now; its place is the page's.
      for (const [index, entry] of entries.entries()) cards[index] ??= fresh.get(entry.userId);
    }
    const keyCount = SORT_KEY_KINDS[filters.sort].length;
    const shown: CardRecord[] = [];
    const keys = new Float64Array(entries.length * keyCount);
    for (const [index, entry] of entries.entries()) {
      const card = cards[index];
      if (card === undefined) continue;
      for (let key = 0; key < keyCount; key += 1) {
        const value = entry.position[key];
        if (typeof value !== "number") throw new Error(`browse sort key ${key} is not a number: ${value}`);
        keys[shown.length * keyCount + key] = value;
      }
      shown.push(card);
    }
    return { cards: shown, keys, keyCount, complete: entries.length <= rows, filters, after };
  }

  /** The position of a window's last row (null when its rows run to the end, or it shows none). */
  const lastPosition = (window: BrowseWindow) =>
    window.complete || window.cards.length === 0 ? null : positionOf(window, window.cards.length - 1);

  /** The position of a row of a window: its sort keys, then its user id. */
  function positionOf(window: BrowseWindow, row: number): (number | string)[] {
    const start = row * window.keyCount;
    const position: (string | number)[] = Array.from(window.keys.subarray(start, start + window.keyCount));
    position.push(window.cards[row]?.userId ?? "");
    return position;
  }

  return {
    /**
     * Drops the cached browse pages an event says changed: every page for `readers.changed`;
     * for `readers.status`, pages showing the readers named, and pages that depend on status
     * (recommended order, online only) and that those readers may enter, leave or move within.
     */
    onBusEvent(event: BusEvent) {
      const ids = event.type === READERS_STATUS_EVENT ? event.data.readerUserIds : undefined;
      if (Array.isArray(ids) && ids.every((id) => typeof id === "string")) {
        // From the readers as the index holds them: a status change alters none of what is asked.
        const touches = browseIndex?.statusTouches(ids) ?? null;
        browseCache.statusChanged(
          ids,
          touches && ((window) => touches(window.filters, window.after, lastPosition(window))),
        );
        browseIndex?.statusChanged(ids);
      } else if (event.type === READERS_CHANGED_EVENT || event.type === READERS_STATUS_EVENT) {
        browseCache.changed();
        browseIndex?.changed();
      }
    },

    /**
     * Notices a gap in listening for events (the cache then starts from empty, the index reloads);
     * also runs the index's periodic reload.
     */
    checkBrowseListening: () => {
      browseIndex?.check();
      return browseCache.checkListening();
    },

    /** Browse pages served from memory and computed, since the start; and the index's state. */
    browseCacheStats: () => ({ ...browseCache.stats(), index: browseIndex?.stats() ?? null }),

    /** Waits for the browse index's loads asked for so far (for tests). */
    browseIndexSettled: () => browseIndex?.settled() ?? Promise.resolve(),

    /**
     * One page of listed readers (ReaderPageSchema) as JSON. Served from memory until what it
     * shows changes (or for the cache's time at most); queries that differ only in form
     * (parameter order, a default written out, spaces around the search) share one entry, and
     * page sizes share the windows read for them.
     */
    page(query: BrowseQuery): Promise<Buffer> {
      const limit = query.limit ?? DEFAULT_PAGE_SIZE;
      const filters: BrowseFilters = {
        search: query.q?.trim() || undefined,
        specialty: query.specialty,
        modality: query.modality,
        minPriceCents: query.minPriceCents,
        maxPriceCents: query.maxPriceCents,
        language: query.language,
        onlineOnly: query.online || undefined,
        minRating: query.minRating,
        sort: query.sort ?? "recommended",
      };
      const key = JSON.stringify([
        filters.sort,
        filters.modality,
        filters.search,
        filters.specialty,
        filters.minPriceCents,
        filters.maxPriceCents,
        filters.language,
        filters.onlineOnly,
        filters.minRating,
      ]);
      return browseCache.page({
        query: key,
        cursor: query.cursor || undefined,
        limit,
        statusDependent: filters.sort === "recommended" || filters.onlineOnly === true,
        read: () => readWindow(query, filters, Math.max(limit, BROWSE_WINDOW_ROWS)),
        encodeCursor: (window, row) => encodeBrowseCursor(filters, positionOf(window, row)),
      });
    },
  };
}
