import type { Clock } from "../../platform/clock.js";
import type { BrowseFilters } from "../readers/readers.listing.js";

/** A reader's browse card as JSON, made from one version (`xmin`) of their profile row. */
export interface CardRecord {
  userId: string;
  version: string;
  json: Buffer;
  at: number;
  /** Set once it is no longer the record kept for its reader (replaced, dropped or evicted). */
  retired: boolean;
}

/**
 * Consecutive rows of one browse ordering under one filter set, starting after one position (or
 * at the start): their cards and sort keys, as read in one statement. `complete` when the rows run
 * to the end of the results; otherwise more rows follow the last.
 */
export interface BrowseWindow {
  cards: CardRecord[];
  /** The sort keys of each row, `keyCount` per row (the cursor position is these and the user id). */
  keys: Float64Array;
  keyCount: number;
  complete: boolean;
  /** What was read: the rows of these filters after this position (null: from the start). */
  filters: BrowseFilters;
  after: readonly (number | string)[] | null;
  /** The cursors after rows where a served page ended, each encoded once (filled in here). */
  cursors?: string[];
}

interface WindowEntry {
  at: number;
  /** Whether the window's members or order depend on readers' statuses (recommended sort, online only). */
  statusDependent: boolean;
  window: Promise<BrowseWindow>;
  /** Set when an invalidation drops it: a cursor pointing into it no longer finds it. */
  dropped: boolean;
  /** The generation it is known to be current at (from the start of its read). */
  checkedAt: number;
}

/**
 * Whether a status change may touch a window's rows: a reader whose status changed may enter,
 * leave or move within them. null: it may touch any.
 */
export type StatusTouches = ((window: BrowseWindow) => boolean) | null;

/** Where a page starts: a window and the row in it. */
interface PageStart {
  entry: WindowEntry;
  row: number;
}

const PAGE_START = Buffer.from('{"items":[');
/** Status changes remembered for windows being read (older reads are dropped, not checked). */
const MAX_STATUS_CHANGES_KEPT = 1000;
const COMMA = Buffer.from(",");

/**
 * Browse pages kept in memory on one node, dropped when the data they show changes.
 *
 * Cards are kept by reader with the row version they were made from, and used for a page being
 * computed only at that same version, so a card is never stale. A miss reads a window of rows
 * (more than one page), kept as references to the card records and the rows' sort keys; its
 * pages are served from it for any page size that fits, and the `nextCursor` of each page served
 * points back into it, so the following pages are served from it as well. A page is served only
 * while each card it shows is still the record kept for that reader.
 *
 * Invalidation comes from the database (see the `readers_browse_changed` triggers): `changed()`
 * drops everything; `statusChanged(ids, touches)` drops those readers' cards (so every page
 * showing them is recomputed) and, of the windows whose members or order depend on status, those
 * the change touches (checked when a window is next served: most are never served again). A window
 * read across an invalidation is used for its own request but not kept, since it may have read
 * the data before the change; across status changes only, it is kept when it depends on status
 * and no change touched it, or does not and shows none of those readers. While the node is not
 * listening for those events (`listening()` false),
 * nothing is served from or kept in memory, and the first request after listening again starts
 * from empty. `ttlMs` bounds any window's life regardless.
 */
export function createBrowseCache(options: {
  ttlMs: number;
  /** How many starts (first pages and cursors) are kept; windows go with the last one naming them. */
  maxStarts: number;
  maxCards: number;
  cardTtlMs: number;
  clock: Clock;
  listening: () => boolean;
}) {
  const starts = new Map<string, PageStart>();
  const cards = new Map<string, CardRecord>();
  let generation = 0;
  let wasListening = false;
  let hits = 0;
  let misses = 0;
  /** Of those, requests with a cursor (following pages). */
  let cursorHits = 0;
  let cursorMisses = 0;
  /** Misses that found their start kept but could not be served from it (window too short, card changed). */
  let unservable = 0;

  /** The last generation that dropped everything, and the status changes since (the latest at most). */
  let everythingDroppedAt = 0;
  const statusChanges: {
    generation: number;
    readerUserIds: ReadonlySet<string>;
    touches: StatusTouches;
  }[] = [];

  /** Forgets the card kept for a reader: pages showing it are no longer served. */
  const retire = (userId: string) => {
    const card = cards.get(userId);
    if (!card) return;
    card.retired = true;
    cards.delete(userId);
  };

  /** Starts a new generation, dropping every start. */
  const drop = () => {
    generation += 1;
    everythingDroppedAt = generation;
    statusChanges.length = 0;
    for (const start of starts.values()) start.entry.dropped = true;
    starts.clear();
  };

  /**
   * Whether a window is still current, checking the status changes since it last was (then it is
   * current now). `read`: its rows were read across those changes, which it may show either side
   * of. A window whose order or members depend on status is current unless a change touches it.
   * One that does not is current after it was read (a page showing a reader whose status changed
   * is recomputed, since their card goes), and across its read unless it shows one of those
   * readers (it may hold their old cards, kept again by the read).
   */
  const current = (entry: WindowEntry, window: BrowseWindow, read: boolean) => {
    const since = entry.checkedAt;
    if (since === generation) return true;
    if (everythingDroppedAt > since) return false;
    if (entry.statusDependent || read) {
      const oldest = statusChanges[0];
      if (oldest === undefined || oldest.generation > since + 1) return false;
      for (let index = statusChanges.length - 1; index >= 0; index -= 1) {
        const change = statusChanges[index] as (typeof statusChanges)[number];
        if (change.generation <= since) break;
        const touched = entry.statusDependent
          ? change.touches === null || change.touches(window)
          : window.cards.some((card) => change.readerUserIds.has(card.userId));
        if (touched) return false;
      }
    }
    entry.checkedAt = generation;
    return true;
  };

  /** Drops a start's window (when it is no longer current). */
  const dropEntry = (key: string, entry: WindowEntry) => {
    entry.dropped = true;
    if (starts.get(key)?.entry === entry) starts.delete(key);
  };

  /** Whether events are heard now; a gap in listening (events may be lost) empties the cache. */
  const checkListening = () => {
    const listening = options.listening();
    if (listening !== wasListening) {
      wasListening = listening;
      drop();
    }
    return listening;
  };

  /** Keeps a start found by reading it. */
  const remember = (key: string, start: PageStart) => {
    starts.delete(key);
    starts.set(key, start);
    while (starts.size > options.maxStarts) {
      const oldest = starts.keys().next().value;
      if (oldest === undefined) break;
      starts.delete(oldest);
    }
  };

  /**
   * Keeps where the page after one just served starts in its window, unless the window holds too
   * little of it to serve a page or that page is already kept (perhaps in a longer window read
   * from there: it is not replaced by the end of this one).
   */
  const rememberNext = (key: string, start: PageStart, window: BrowseWindow) => {
    if (start.row + 1 >= window.cards.length && !window.complete) return;
    const kept = starts.get(key);
    if (kept && !kept.entry.dropped && options.clock.now().getTime() - kept.entry.at < options.ttlMs) return;
    remember(key, start);
  };

  /**
   * The page of `limit` rows from `row` of a window, or null when the window cannot tell (it ends
   * before the row after the page) or a card shown is no longer the one kept for its reader.
   */
  const pageOf = (
    window: BrowseWindow,
    row: number,
    limit: number,
    validate: boolean,
  ): { cards: CardRecord[]; nextRow: number | null } | null => {
    const end = row + limit;
    if (end >= window.cards.length && !window.complete) return null;
    const shown = window.cards.slice(row, end);
    if (validate) {
      const now = options.clock.now().getTime();
      for (const card of shown) {
        if (card.retired || now - card.at >= options.cardTtlMs) return null;
      }
    }
    return { cards: shown, nextRow: end < window.cards.length ? end : null };
  };

  /**
   * The first page of a window just read. Rows whose card could not be read (deleted meanwhile)
   * are left out of it; when that leaves the window short of the page, the page ends where it does.
   */
  const firstPage = (window: BrowseWindow, limit: number) =>
    pageOf(window, 0, limit, false) ?? {
      cards: window.cards.slice(0, limit),
      nextRow: window.cards.length > 0 ? Math.min(limit, window.cards.length) : null,
    };

  const cursorAfter = (
    window: BrowseWindow,
    row: number,
    encode: (window: BrowseWindow, row: number) => string,
  ) => {
    window.cursors ??= [];
    window.cursors[row] ??= encode(window, row);
    return window.cursors[row];
  };

  const json = (shown: CardRecord[], nextCursor: string | null) => {
    const parts: Buffer[] = [PAGE_START];
    for (const card of shown) {
      if (parts.length > 1) parts.push(COMMA);
      parts.push(card.json);
    }
    parts.push(Buffer.from(`],"nextCursor":${nextCursor === null ? "null" : JSON.stringify(nextCursor)}}`));
    return Buffer.concat(parts);
  };

  return {
    /** The cards kept for these rows at their versions (undefined where none is). */
    cardsFor(rows: readonly { userId: string; version: string }[]): (CardRecord | undefined)[] {
      const now = options.clock.now().getTime();
      return rows.map((row) => {
        const card = cards.get(row.userId);
        return card?.version === row.version && now - card.at < options.cardTtlMs ? card : undefined;
      });
    },

    /**
     * Keeps a card read from the database and returns the record to show (the one already kept
     * when it is of that version). Always correct to keep: it is used only at its version.
     */
    keepCard(userId: string, version: string, cardJson: Buffer): CardRecord {
      const kept = cards.get(userId);
      const now = options.clock.now().getTime();
      if (kept?.version === version && now - kept.at < options.cardTtlMs) return kept;
      const record = { userId, version, json: cardJson, at: now, retired: false };
      retire(userId);
      cards.set(userId, record);
      if (cards.size > options.maxCards) {
        const oldest = cards.keys().next().value;
        if (oldest !== undefined) retire(oldest);
      }
      return record;
    },

    /**
     * One page as JSON: `limit` rows of the results of `query` (filters and ordering, without page
     * size or cursor) from `cursor`. From memory when a kept window holds it; else `read` reads a
     * window from the cursor (at least `limit` rows and one more, when there are). Concurrent
     * misses of one start share one read. `encodeCursor(window, row)` is the cursor after a row.
     */
    async page(request: {
      query: string;
      cursor: string | undefined;
      limit: number;
      statusDependent: boolean;
      read: () => Promise<BrowseWindow>;
      encodeCursor: (window: BrowseWindow, row: number) => string;
    }): Promise<Buffer> {
      const serve = (window: BrowseWindow, page: { cards: CardRecord[]; nextRow: number | null }) =>
        json(page.cards, page.nextRow === null ? null : request.encodeCursor(window, page.nextRow - 1));
      if (options.ttlMs <= 0 || !checkListening()) {
        misses += 1;
        const window = await request.read();
        return serve(window, firstPage(window, request.limit));
      }
      const key = `${request.query}\u0000${request.cursor ?? ""}`;
      const found = starts.get(key);
      if (found && !found.entry.dropped && options.clock.now().getTime() - found.entry.at < options.ttlMs) {
        const window = await found.entry.window.catch(() => null);
        if (window && !found.entry.dropped && !current(found.entry, window, false))
          dropEntry(key, found.entry);
        const page = window && !found.entry.dropped ? pageOf(window, found.row, request.limit, true) : null;
        if (window && page) {
          hits += 1;
          if (request.cursor) cursorHits += 1;
          if (page.nextRow !== null) {
            const nextCursor = cursorAfter(window, page.nextRow - 1, request.encodeCursor);
            rememberNext(
              `${request.query}\u0000${nextCursor}`,
              { entry: found.entry, row: page.nextRow },
              window,
            );
            return json(page.cards, nextCursor);
          }
          return json(page.cards, null);
        }
      }
      misses += 1;
      if (request.cursor) cursorMisses += 1;
      if (found) unservable += 1;
      const entry: WindowEntry = {
        at: options.clock.now().getTime(),
        statusDependent: request.statusDependent,
        window: request.read(),
        dropped: false,
        checkedAt: generation,
      };
      remember(key, { entry, row: 0 });
      let window: BrowseWindow;
      try {
        window = await entry.window;
      } catch (error) {
        // A failure is never kept.
        dropEntry(key, entry);
        throw error;
      }
      // Nor a window read across an invalidation that may touch it.
      if (!entry.dropped && !current(entry, window, true)) dropEntry(key, entry);
      const page = firstPage(window, request.limit);
      if (page.nextRow === null) return json(page.cards, null);
      const nextCursor = cursorAfter(window, page.nextRow - 1, request.encodeCursor);
      if (!entry.dropped)
        rememberNext(`${request.query}\u0000${nextCursor}`, { entry, row: page.nextRow }, window);
      return json(page.cards, nextCursor);
    },

    /** Something about readers changed (or may have): nothing kept is served again. */
    changed() {
      drop();
    },

    /**
     * Only these readers' statuses changed: their cards go, and so do the windows that depend on
     * status and that `touches` says the change may touch (when next served).
     */
    statusChanged(readerUserIds: readonly string[], touches: StatusTouches) {
      for (const userId of readerUserIds) retire(userId);
      generation += 1;
      statusChanges.push({ generation, readerUserIds: new Set(readerUserIds), touches });
      if (statusChanges.length > MAX_STATUS_CHANGES_KEPT) statusChanges.shift();
    },

    /** Notices a gap in listening between requests (call it more often than the bus can reconnect). */
    checkListening,

    /** Pages served from memory and read, since the start; starts and cards kept now. */
    stats() {
      return { hits, misses, cursorHits, cursorMisses, unservable, pages: starts.size, cards: cards.size };
    },
  };
}
