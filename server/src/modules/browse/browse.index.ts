/*
 * About 480 lines on purpose: one data structure (every listed reader in each browse ordering, the
 * filters' memos, and the loads that keep them current) whose invariants hold across all of it;
 * split into files, each would need the others' internals. The parts that stand alone are apart:
 * how one reader is judged (browse.filters.ts), the gram filter (browse.grams.ts) and the slot
 * arrays (browse.slots.ts).
 */
import type { Clock } from "../../platform/clock.js";
import {
  BROWSE_ORDERINGS,
  type BrowseEntry,
  type BrowseFilters,
  type BrowseOrdering,
  browseOrdering,
  type IndexRow,
  type ReaderCard,
} from "../readers/readers.listing.js";
import type { ReadersService } from "../readers/readers.service.js";
import {
  asciiLower,
  comparePositions,
  type Indexed,
  MATCH,
  MAYBE,
  NO_MATCH,
  REAL_KEY,
  slotFilter,
  statusMayTouch,
  stretches,
  textMatches,
  toIndexed,
  upperBound,
} from "./browse.filters.js";
import { createGramFilter } from "./browse.grams.js";
import { createSlotColumns, createSlotList, createSlotMemo, type SlotList } from "./browse.slots.js";

/** Beyond this many listed readers the index is not kept (pages are read from the database). */
const MAX_INDEXED_READERS = 50_000;
/** How many search terms the search memo keeps (about 10 kB each for 10,000 readers: 10 MB). */
const MAX_SEARCH_TERMS = 1024;
/** How many specialties and languages their memos keep each (the schemas allow a few dozen). */
const MAX_VALUES = 256;
/** A search matching at most this many readers is answered from its matches, not a walk of the ordering. */
const FEW_MATCHES = 256;
/** How many reloads in a row `windowSoon` waits for before leaving the window to the database. */
const MAX_WAITS = 3;
/** After a failed load, the next attempt waits at least this long. */
const RETRY_MS = 1_000;
/**
 * Every listed reader in memory, in each browse ordering, so that a browse window is computed
 * here instead of read from the database (a read costs a few milliseconds of database CPU; this
 * costs tens of microseconds). Answers exactly what the browse statement answers: the same
 * filters, the same sort keys (read with the same expressions), the same row comparison for
 * cursors, text compared and case-folded as the C locale does (the index is only used on a
 * database whose locale is C; elsewhere every window is read from the database).
 *
 * It is kept current by the same database-trigger events as the page cache: `changed()` brings
 * everyone up to date (rereading the rows that changed), `statusChanged(ids)` rereads those readers. From an event until the reload that
 * follows it has been applied, `window` answers null (the caller reads the database); loads run
 * one at a time, so a later read is never overwritten by an earlier one. While the node is not
 * listening for events it answers null too, and brings everyone up to date when it listens again. It never
 * answers from a load older than `maxAgeMs`: it brings everyone up to date at half that age, answering
 * meanwhile.
 */
export function createBrowseIndex(deps: {
  /** The readers' listing reads (the profile table is theirs). */
  listing: Pick<ReadersService["listing"], "indexRows" | "indexVersions" | "textIsBytewise">;
  clock: Clock;
  /** Whether the node listens for the events now. */
  listening: () => boolean;
  maxAgeMs: number;
  /** A search matching at most this many readers is answered from its matches (FEW_MATCHES). */
  fewMatches?: number;
  /** Reports a failed load (the index answers null until a later one succeeds). */
  onError?: (error: unknown) => void;
}) {
  const fewMatches = deps.fewMatches ?? FEW_MATCHES;
  const byId = new Map<string, Indexed>();
  /** Each ordering as the slots of its readers. */
  const orders = Object.fromEntries(
    BROWSE_ORDERINGS.map((ordering) => [ordering, createSlotList()]),
  ) as Record<BrowseOrdering, SlotList>;
  /** null until the locale was checked; false: never used on this database. */
  let usable: boolean | null = null;
  let loaded = false;
  let loadedAt = 0;
  let listening = false;
  /** Work waiting: reload everyone, or these readers. */
  let pendingAll = true;
  const pendingIds = new Set<string>();
  /** The load running, and whether it was asked for by an event (answers wait for it). */
  let running: Promise<void> | null = null;
  let runningForEvent = false;
  let runningAll = false;
  /** The readers the running load rereads (none when it reads everyone). */
  let rereading: string[] = [];
  let failedAt = Number.NEGATIVE_INFINITY;
  let loads = 0;

  /**
   * Notes whether the node listens for events; listening again after a gap (events may have been
   * missed) brings everyone up to date. Then starts what waits.
   */
  const check = () => {
    const now = deps.listening();
    if (now && !listening) pendingAll = true;
    listening = now;
    pump();
  };

  /** Within the bound on any load's age (the damage of a missed event), reloads are started at half of it. */
  const age = () => deps.clock.now().getTime() - loadedAt;

  /** Loaded, listening, young enough, and no event asks for everyone to be reread. */
  const fresh = () =>
    usable === true && loaded && listening && !pendingAll && (deps.maxAgeMs <= 0 || age() < deps.maxAgeMs);

  /** Whether the index is current but for the statuses of readers waiting to be reread. */
  const currentButStatus = () => fresh() && !runningAll;

  const serving = () => fresh() && pendingIds.size === 0 && !runningForEvent;

  let nextSlot = 0;
  let freeSlots: number[] = [];
  /** Which slots' texts may contain a term (see createGramFilter), and the reader in each slot. */
  const grams = createGramFilter();
  const bySlot: (Indexed | undefined)[] = [];
  /** What the filters read of each slot's reader. */
  const columns = createSlotColumns();

  /**
   * Search memo: for the (folded) terms searched lately, whether each slot's reader has the term in
   * their texts: MATCH, NO_MATCH, or MAYBE (not looked at yet). A new term is marked MAYBE where the
   * gram filter says it may be (exact, MATCH, for a term of one or two characters), and a reader's
   * texts are searched only when a walk reaches them: a first page of a common word looks at the
   * readers it shows, not at every reader who has the word.
   */
  const searches = createSlotMemo<Indexed>({
    maxKeys: MAX_SEARCH_TERMS,
    has: textMatches,
    build: (term, slots) => {
      const bits = new Uint8Array(slots);
      const candidates = grams.candidates(term);
      if (candidates === null) {
        for (const reader of byId.values()) bits[reader.slot] = MATCH;
        return bits;
      }
      const mark = term.length <= 2 ? MATCH : MAYBE;
      for (let word = 0; word < candidates.length; word += 1) {
        let set = candidates[word] as number;
        while (set !== 0) {
          const low = set & -set;
          set ^= low;
          bits[word * 32 + (31 - Math.clz32(low))] = mark;
        }
      }
      return bits;
    },
  });
  /** Settles a MAYBE of a term's marks: searches the slot's reader's texts, and marks the answer. */
  const settler = (term: string, marks: Uint8Array) => (slot: number) => {
    const found = textMatches(bySlot[slot] as Indexed, term);
    marks[slot] = found ? MATCH : NO_MATCH;
    return found;
  };
  /** The same for specialties and languages: which readers list the value. */
  const listingMemo = (list: (reader: Indexed) => readonly string[]) =>
    createSlotMemo<Indexed>({
      maxKeys: MAX_VALUES,
      has: (reader, value) => list(reader).includes(value),
      build: (value, slots) => {
        const bits = new Uint8Array(slots);
        for (const reader of byId.values()) if (list(reader).includes(value)) bits[reader.slot] = 1;
        return bits;
      },
    });
  const specialties = listingMemo((reader) => reader.specialties);
  const languages = listingMemo((reader) => reader.languages);

  const resetSlots = () => {
    nextSlot = 0;
    freeSlots = [];
    searches.clear();
    specialties.clear();
    languages.clear();
    grams.clear();
    bySlot.length = 0;
  };

  const assignSlot = (reader: Indexed) => {
    const slot = freeSlots.pop() ?? nextSlot++;
    reader.slot = slot;
    bySlot[slot] = reader;
    grams.add(slot, reader.searchable);
    const { card } = reader;
    const rate = (cents: number | null) => cents ?? Number.NaN;
    columns.set(slot, {
      chatRateCents: rate(card.chatRateCents),
      voiceRateCents: rate(card.voiceRateCents),
      videoRateCents: rate(card.videoRateCents),
      anyRateCents: reader.positions["price:any"][0] as number,
      rating: reader.rating,
      online: card.status === "online",
    });
    searches.assign(slot, reader);
    specialties.assign(slot, reader);
    languages.assign(slot, reader);
  };

  const remove = (reader: Indexed) => {
    for (const ordering of BROWSE_ORDERINGS) {
      const list = orders[ordering];
      const at = upperBound(list, bySlot, ordering, reader.positions[ordering]) - 1;
      if (at < 0 || list.at(at) !== reader.slot)
        throw new Error(`browse index lost ${reader.card.userId} in ${ordering}`);
      list.remove(at);
    }
    byId.delete(reader.card.userId);
    freeSlots.push(reader.slot);
    bySlot[reader.slot] = undefined;
    grams.remove(reader.slot, reader.searchable);
  };

  const insert = (reader: Indexed) => {
    assignSlot(reader);
    for (const ordering of BROWSE_ORDERINGS) {
      const list = orders[ordering];
      list.insert(upperBound(list, bySlot, ordering, reader.positions[ordering]), reader.slot);
    }
    byId.set(reader.card.userId, reader);
  };

  const replaceAll = (rows: IndexRow[]) => {
    byId.clear();
    resetSlots();
    const readers = rows.map(toIndexed);
    for (const reader of readers) {
      assignSlot(reader);
      byId.set(reader.card.userId, reader);
    }
    for (const ordering of BROWSE_ORDERINGS) {
      const realKey = REAL_KEY[ordering];
      orders[ordering].fill(
        [...readers]
          .sort((a, b) => comparePositions(a.positions[ordering], b.positions[ordering], realKey))
          .map((reader) => reader.slot),
      );
    }
  };

  /** Rereads these readers: each is replaced by what is listed now, or removed when not listed. */
  const reread = async (ids: string[]) => {
    const rows = await deps.listing.indexRows(ids);
    for (const id of ids) {
      const kept = byId.get(id);
      if (kept) remove(kept);
    }
    for (const row of rows) insert(toIndexed(row));
  };

  /**
   * Brings everyone up to date: the first time (or after many changes) by reading every listed
   * reader; otherwise by reading who is listed at which row version and rereading only the
   * readers whose row version differs from the one kept (a changed row has a new `xmin`), new
   * ones included, and removing those no longer listed.
   */
  const syncAll = async () => {
    const startedAt = deps.clock.now().getTime();
    if (loaded) {
      const versions = await deps.listing.indexVersions();
      const listed = new Set<string>();
      const changed: string[] = [];
      for (const { userId, version } of versions) {
        listed.add(userId);
        if (byId.get(userId)?.card.version !== version) changed.push(userId);
      }
      for (const id of byId.keys()) if (!listed.has(id)) changed.push(id);
      if (versions.length <= MAX_INDEXED_READERS && changed.length <= Math.max(100, versions.length / 10)) {
        if (changed.length > 0) await reread(changed);
        loadedAt = startedAt;
        return;
      }
    }
    const rows = await deps.listing.indexRows(null);
    if (rows.length > MAX_INDEXED_READERS) {
      loaded = false;
      byId.clear();
      resetSlots();
      for (const ordering of BROWSE_ORDERINGS) orders[ordering].fill([]);
      return;
    }
    replaceAll(rows);
    loaded = true;
    loadedAt = startedAt;
  };

  const loadOnce = async (all: boolean, ids: string[]) => {
    usable ??= await deps.listing.textIsBytewise();
    if (!usable) return;
    if (all) await syncAll();
    else if (loaded) await reread(ids);
    loads += 1;
  };

  /** Runs the waiting work, one load at a time, until none is left (or a load fails). */
  const pump = () => {
    if (running || usable === false || !listening) return;
    const now = deps.clock.now().getTime();
    if (now - failedAt < RETRY_MS) return;
    const stale = loaded && deps.maxAgeMs > 0 && age() >= deps.maxAgeMs / 2;
    if (!pendingAll && pendingIds.size === 0 && !stale) return;
    const all = pendingAll || !loaded || stale;
    runningForEvent = pendingAll || pendingIds.size > 0;
    runningAll = all;
    const ids = all ? [] : [...pendingIds];
    rereading = ids;
    pendingAll = false;
    pendingIds.clear();
    running = loadOnce(all, ids)
      .catch((error: unknown) => {
        failedAt = deps.clock.now().getTime();
        // A load may have failed halfway through changing the orderings: the next one (after
        // RETRY_MS) reads everyone again.
        loaded = false;
        pendingAll = true;
        deps.onError?.(error);
      })
      .finally(() => {
        running = null;
        runningForEvent = false;
        runningAll = false;
        rereading = [];
        pump();
      });
  };

  /**
   * The readers a search term matches when they may be few (a rare name, a typo, a word no reader
   * uses), so the window is made from them rather than by walking the whole ordering; null when
   * more than `fewMatches` readers may match.
   */
  const fewMatching = (bits: Uint8Array, settle: (slot: number) => boolean): Indexed[] | null => {
    const maybe: number[] = [];
    // Four marks at a time: most are NO_MATCH (0).
    const words = new Uint32Array(bits.buffer, bits.byteOffset, bits.length >>> 2);
    for (let word = 0; word < words.length; word += 1) {
      if (words[word] === 0) continue;
      for (let slot = word * 4; slot < word * 4 + 4; slot += 1) {
        if (bits[slot] === NO_MATCH || bySlot[slot] === undefined) continue;
        if (maybe.length === fewMatches) return null;
        maybe.push(slot);
      }
    }
    return maybe
      .filter((slot) => bits[slot] === MATCH || settle(slot))
      .map((slot) => bySlot[slot] as Indexed);
  };

  const rankOf = (slot: number) => (bySlot[slot] as Indexed).positions.recommended[0] as number;

  const entryOf = (reader: Indexed, ordering: BrowseOrdering): BrowseEntry => ({
    userId: reader.card.userId,
    version: reader.card.version,
    position: reader.positions[ordering],
  });

  /** The rows of a window, computed from the index as it is. */
  const compute = (filters: BrowseFilters, after: readonly (number | string)[] | null, limit: number) => {
    const ordering = browseOrdering(filters);
    const term = filters.search === undefined ? undefined : asciiLower(filters.search);
    const search = term === undefined ? undefined : { term, marks: searches.get(term, nextSlot) };
    const settle = search && settler(search.term, search.marks);
    const passes = slotFilter(filters, columns.columns(), {
      search: search && settle && { marks: search.marks, settle },
      specialty: filters.specialty === undefined ? undefined : specialties.get(filters.specialty, nextSlot),
      language: filters.language === undefined ? undefined : languages.get(filters.language, nextSlot),
    });
    const few = search && settle ? fewMatching(search.marks, settle) : null;
    if (few !== null) {
      const realKey = REAL_KEY[ordering];
      return few
        .filter(
          (reader) =>
            passes(reader.slot) &&
            (after === null || comparePositions(reader.positions[ordering], after, realKey) > 0),
        )
        .sort((a, b) => comparePositions(a.positions[ordering], b.positions[ordering], realKey))
        .slice(0, limit + 1)
        .map((reader) => entryOf(reader, ordering));
    }
    const list = orders[ordering];
    const from = after ? upperBound(list, bySlot, ordering, after) : 0;
    const found: number[] = [];
    const walk = stretches(ordering, filters, list, from, columns.columns(), rankOf);
    for (let index = 0; index + 1 < walk.length; index += 2) {
      list.collect(walk[index] as number, walk[index + 1] as number, limit + 1, passes, found);
    }
    return found.map((slot) => entryOf(bySlot[slot] as Indexed, ordering));
  };

  return {
    /**
     * The browse rows of `filters` after `after` (or from the start): `limit` of them and one more
     * when there are, as the browse statement answers them; null while the index cannot answer.
     */
    window(
      filters: BrowseFilters,
      after: readonly (number | string)[] | null,
      limit: number,
    ): BrowseEntry[] | null {
      check();
      return serving() ? compute(filters, after, limit) : null;
    },
    /**
     * `window`, but while a reload asked for by an event runs (a status change: one small read),
     * first waits for it rather than answer null: waiting costs the database nothing, reading the
     * window there costs it a few milliseconds. Gives up (null) after `MAX_WAITS` reloads in a row.
     */
    async windowSoon(
      filters: BrowseFilters,
      after: readonly (number | string)[] | null,
      limit: number,
    ): Promise<BrowseEntry[] | null> {
      for (let waits = 0; ; waits += 1) {
        check();
        if (serving()) return compute(filters, after, limit);
        if (currentButStatus()) {
          // Only readers' statuses are being reread: the rows computed now stand when none of
          // those readers could be among them, whatever their status.
          const rows = compute(filters, after, limit);
          const last = rows.length > limit ? (rows[rows.length - 1]?.position ?? null) : null;
          const unsettled = [...pendingIds, ...rereading].flatMap((id) => byId.get(id) ?? []);
          if (!statusMayTouch(unsettled, filters, after, last)) return rows;
        }
        if (waits === MAX_WAITS || !running || !loaded) return null;
        await running;
      }
    },
    /** The card of a reader in the index (at the version its entries name). */
    card: (userId: string): ReaderCard | undefined => byId.get(userId)?.card,

    /** Anything about readers changed: bring everyone up to date before answering again. */
    changed() {
      pendingAll = true;
      pump();
    },
    /** These readers' status changed: reread them before answering again. */
    statusChanged(userIds: readonly string[]) {
      for (const id of userIds) pendingIds.add(id);
      pump();
    },
    /**
     * For readers whose status just changed: whether the change may touch the rows of a filter set
     * after one position up to another (`(after, last]`, null: open), that is whether one of them
     * passes the filters but status at a place in those rows under any status. Readers not in the
     * index are not listed, so they touch nothing. null when the index cannot tell (it is not
     * current: loading everyone, or not listening).
     */
    statusTouches(
      userIds: readonly string[],
    ):
      | ((
          filters: BrowseFilters,
          after: readonly (number | string)[] | null,
          last: readonly (number | string)[] | null,
        ) => boolean)
      | null {
      check();
      if (!currentButStatus()) return null;
      const readers = userIds.flatMap((id) => byId.get(id) ?? []);
      return (filters, after, last) => statusMayTouch(readers, filters, after, last);
    },
    /** Checks for a gap in listening; called often, it also starts the periodic reload and retries. */
    check,
    /** Waits for the loads asked for so far (for tests). */
    async settled() {
      while (running) await running;
    },
    stats: () => ({ serving: serving(), readers: byId.size, loads }),
  };
}
