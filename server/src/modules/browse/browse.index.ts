/*
 * About 450 lines on purpose: one data structure (every listed reader in each browse ordering, a
 * search memo, and the loads that keep them current) whose invariants hold across all of it;
 * split into files, each would need the others' internals.
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

/** Beyond this many listed readers the index is not kept (pages are read from the database). */
const MAX_INDEXED_READERS = 50_000;
/** How many search terms the search memo keeps (about 10 kB each for 10,000 readers: 10 MB). */
const MAX_SEARCH_TERMS = 1024;
/** A search matching at most this many readers is answered from its matches, not a walk of the ordering. */
const FEW_MATCHES = 256;
/** How many reloads in a row `windowSoon` waits for before leaving the window to the database. */
const MAX_WAITS = 3;
/** After a failed load, the next attempt waits at least this long. */
const RETRY_MS = 1_000;
/** The rate a reader without one sorts by (as `browseKeys.rate`), above any real rate. */
const NO_RATE = 1_000_000;
const STATUS_RANK = { online: 0, busy: 1, away: 2 } as Record<string, number>;

/** A listed reader with everything browse filters and sorts by. */
interface Indexed {
  card: ReaderCard;
  /** Name, headline and bio with ASCII letters lowercased (ILIKE under the C locale folds only those). */
  searchable: [string, string, string];
  specialties: readonly string[];
  languages: readonly string[];
  /** The rating as the `real` it is stored as, for `minRating`. */
  rating: number;
  /** Per ordering, the keyset position: the sort keys as the browse statement selects them, then the user id. */
  positions: Record<BrowseOrdering, (number | string)[]>;
  /** Where the reader is in the search memo's bit arrays (given by the index). */
  slot: number;
}

/** Whether a reader's name, headline or bio contains the (folded) term, as `ILIKE '%term%'` decides. */
const textMatches = (reader: Indexed, term: string) => reader.searchable.some((text) => text.includes(term));

/** Per ordering, which sort key is a PostgreSQL `real` (compared after rounding to one), if any. */
const REAL_KEY: Record<BrowseOrdering, number> = {
  recommended: 1,
  rating: 0,
  newest: -1,
  "price:chat": -1,
  "price:voice": -1,
  "price:video": -1,
  "price:any": -1,
};

const asciiLower = (text: string) => text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

const SURROGATE = /[\ud800-\udfff]/;
/** Text order of the C collation: by bytes of UTF-8, which is code point order. */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (SURROGATE.test(a) || SURROGATE.test(b)) return Buffer.compare(Buffer.from(a), Buffer.from(b));
  return a < b ? -1 : 1;
}

/** Row comparison of keyset positions, as PostgreSQL compares `(keys…, user_id) > (…)`. */
function comparePositions(
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

function toIndexed(row: IndexRow): Indexed {
  const { card } = row;
  const rate = (cents: number | null) => cents ?? NO_RATE;
  const id = card.userId;
  return {
    card,
    searchable: [asciiLower(card.displayName), asciiLower(card.headline), asciiLower(row.bio)],
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

/** Whether a reader passes the filters, exactly as the browse statement's conditions decide. */
function matches(reader: Indexed, filters: BrowseFilters, search: Uint8Array | undefined): boolean {
  const { card } = reader;
  if (search !== undefined && search[reader.slot] !== 1) return false;
  if (filters.specialty !== undefined && !reader.specialties.includes(filters.specialty)) return false;
  if (filters.language !== undefined && !reader.languages.includes(filters.language)) return false;
  if (filters.onlineOnly && card.status !== "online") return false;
  const rate =
    filters.modality === "chat"
      ? card.chatRateCents
      : filters.modality === "voice"
        ? card.voiceRateCents
        : filters.modality === "video"
          ? card.videoRateCents
          : (reader.positions["price:any"][0] as number);
  if (rate === null) return false;
  if (filters.minPriceCents !== undefined && rate < filters.minPriceCents) return false;
  if (filters.maxPriceCents !== undefined && rate > filters.maxPriceCents) return false;
  if (filters.minRating !== undefined && reader.rating < Math.fround(filters.minRating)) return false;
  return true;
}

/** A key for one character (a code unit) or two in a row, as the gram filter keeps them. */
const unigram = (text: string, at: number) => text.charCodeAt(at);
const bigram = (text: string, at: number) => (text.charCodeAt(at) + 1) * 65_536 + text.charCodeAt(at + 1);

/** The keys a term's matches must all contain: its pairs of characters (or its one character). */
function gramsOfTerm(term: string): number[] {
  if (term.length === 1) return [unigram(term, 0)];
  const keys: number[] = [];
  for (let at = 0; at + 1 < term.length; at += 1) keys.push(bigram(term, at));
  return keys;
}

/**
 * For each character and each pair of characters in readers' texts, a bit set of the slots whose
 * texts contain it. A new search term ANDs the sets of its pairs into a short list of candidates,
 * and only those are searched for the term: a typed word no reader has costs next to nothing, a
 * common one only the readers who may have it. The sets are exact (a reader's bits are cleared when
 * it leaves its slot), so a term of one or two characters is answered by its set alone; a longer
 * term's candidates hold every pair of it, not always in a row, and are checked against their texts.
 */
function createGramFilter() {
  const sets = new Map<number, Uint32Array>();
  let words = 64;
  const setOf = (key: number) => {
    let set = sets.get(key);
    if (!set) {
      set = new Uint32Array(words);
      sets.set(key, set);
    }
    return set;
  };
  return {
    add(slot: number, texts: readonly string[]) {
      const word = slot >>> 5;
      if (word >= words) {
        words = Math.max(word + 1, 2 * words);
        for (const [key, set] of sets) {
          const grown = new Uint32Array(words);
          grown.set(set);
          sets.set(key, grown);
        }
      }
      const bit = 1 << (slot & 31);
      for (const text of texts) {
        for (let at = 0; at < text.length; at += 1) {
          const one = setOf(unigram(text, at));
          one[word] = (one[word] as number) | bit;
          if (at + 1 < text.length) {
            const two = setOf(bigram(text, at));
            two[word] = (two[word] as number) | bit;
          }
        }
      }
    },
    /** Clears a slot's bits (the texts it was added with), when its reader leaves it. */
    remove(slot: number, texts: readonly string[]) {
      const word = slot >>> 5;
      const keep = ~(1 << (slot & 31));
      for (const text of texts) {
        for (let at = 0; at < text.length; at += 1) {
          const one = sets.get(unigram(text, at));
          if (one) one[word] = (one[word] as number) & keep;
          if (at + 1 < text.length) {
            const two = sets.get(bigram(text, at));
            if (two) two[word] = (two[word] as number) & keep;
          }
        }
      }
    },
    /** The slots whose texts hold every gram of the term (exactly those holding it, up to two characters); null: all. */
    candidates(term: string): Uint32Array | null {
      if (term.length === 0) return null;
      const keys = gramsOfTerm(term);
      const first = sets.get(keys[0] as number);
      if (!first) return new Uint32Array(0);
      const result = Uint32Array.from(first);
      for (let index = 1; index < keys.length; index += 1) {
        const set = sets.get(keys[index] as number);
        if (!set) return new Uint32Array(0);
        for (let word = 0; word < result.length; word += 1)
          result[word] = (result[word] as number) & (set[word] ?? 0);
      }
      return result;
    },
    clear() {
      sets.clear();
      words = 64;
    },
  };
}

/** The first index in `list` whose position is after `position`. */
function upperBound(
  list: readonly Indexed[],
  ordering: BrowseOrdering,
  position: readonly (number | string)[],
) {
  const realKey = REAL_KEY[ordering];
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (comparePositions((list[middle] as Indexed).positions[ordering], position, realKey) <= 0)
      low = middle + 1;
    else high = middle;
  }
  return low;
}

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
  const orders = Object.fromEntries(
    BROWSE_ORDERINGS.map((ordering) => [ordering, [] as Indexed[]]),
  ) as Record<BrowseOrdering, Indexed[]>;
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

  const serving = () =>
    usable === true &&
    loaded &&
    listening &&
    !pendingAll &&
    pendingIds.size === 0 &&
    !runningForEvent &&
    (deps.maxAgeMs <= 0 || age() < deps.maxAgeMs);

  /**
   * Search memo: for the terms searched lately, which readers' text contains the term (1) or not,
   * by slot. Kept up to date as readers come and go, so a search scans its ordering with a lookup
   * per reader rather than three substring searches.
   */
  const searches = new Map<string, Uint8Array>();
  let nextSlot = 0;
  let freeSlots: number[] = [];
  /** Which slots' texts may contain a term (see createGramFilter), and the reader in each slot. */
  const grams = createGramFilter();
  const bySlot: (Indexed | undefined)[] = [];

  const resetSlots = () => {
    nextSlot = 0;
    freeSlots = [];
    searches.clear();
    grams.clear();
    bySlot.length = 0;
  };

  const assignSlot = (reader: Indexed) => {
    const slot = freeSlots.pop() ?? nextSlot++;
    reader.slot = slot;
    bySlot[slot] = reader;
    grams.add(slot, reader.searchable);
    for (const [term, bits] of searches) {
      let kept = bits;
      if (slot >= kept.length) {
        kept = new Uint8Array(Math.max(nextSlot, 2 * bits.length));
        kept.set(bits);
        searches.set(term, kept);
      }
      kept[slot] = textMatches(reader, term) ? 1 : 0;
    }
  };

  /** The memo of a (folded) term, made by looking at every reader the first time. */
  const searchBits = (term: string) => {
    let bits = searches.get(term);
    if (bits) {
      searches.delete(term);
    } else {
      bits = new Uint8Array(nextSlot);
      const candidates = grams.candidates(term);
      if (candidates === null) {
        for (const reader of byId.values()) bits[reader.slot] = 1;
      } else {
        for (let word = 0; word < candidates.length; word += 1) {
          let set = candidates[word] as number;
          while (set !== 0) {
            const low = set & -set;
            const slot = word * 32 + (31 - Math.clz32(low));
            set ^= low;
            const reader = bySlot[slot];
            if (reader !== undefined && (term.length <= 2 || textMatches(reader, term))) bits[slot] = 1;
          }
        }
      }
      const oldest = searches.size >= MAX_SEARCH_TERMS ? searches.keys().next().value : undefined;
      if (oldest !== undefined) searches.delete(oldest);
    }
    searches.set(term, bits);
    return bits;
  };

  const remove = (reader: Indexed) => {
    for (const ordering of BROWSE_ORDERINGS) {
      const list = orders[ordering];
      const at = upperBound(list, ordering, reader.positions[ordering]) - 1;
      if (list[at] !== reader) throw new Error(`browse index lost ${reader.card.userId} in ${ordering}`);
      list.splice(at, 1);
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
      list.splice(upperBound(list, ordering, reader.positions[ordering]), 0, reader);
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
      orders[ordering] = [...readers].sort((a, b) =>
        comparePositions(a.positions[ordering], b.positions[ordering], realKey),
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
      for (const ordering of BROWSE_ORDERINGS) orders[ordering] = [];
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
    const ids = all ? [] : [...pendingIds];
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
        pump();
      });
  };

  /** The rows of a window, computed from the index as it is. */
  /**
   * The readers a search term matches when they are few (a rare name, a typo, a word no reader
   * uses), so the window is made from them rather than by walking the whole ordering; null when many.
   */
  const fewMatching = (bits: Uint8Array): Indexed[] | null => {
    const found: Indexed[] = [];
    for (let slot = 0; slot < bits.length; slot += 1) {
      if (bits[slot] !== 1) continue;
      const reader = bySlot[slot];
      if (reader === undefined) continue;
      if (found.length === fewMatches) return null;
      found.push(reader);
    }
    return found;
  };

  const entryOf = (reader: Indexed, ordering: BrowseOrdering): BrowseEntry => ({
    userId: reader.card.userId,
    version: reader.card.version,
    position: reader.positions[ordering],
  });

  /** The rows of a window, computed from the index as it is. */
  const compute = (filters: BrowseFilters, after: readonly (number | string)[] | null, limit: number) => {
    const ordering = browseOrdering(filters);
    const search = filters.search === undefined ? undefined : searchBits(asciiLower(filters.search));
    const few = search === undefined ? null : fewMatching(search);
    if (few !== null) {
      const realKey = REAL_KEY[ordering];
      return few
        .filter(
          (reader) =>
            matches(reader, filters, search) &&
            (after === null || comparePositions(reader.positions[ordering], after, realKey) > 0),
        )
        .sort((a, b) => comparePositions(a.positions[ordering], b.positions[ordering], realKey))
        .slice(0, limit + 1)
        .map((reader) => entryOf(reader, ordering));
    }
    const list = orders[ordering];
    const entries: BrowseEntry[] = [];
    for (let index = after ? upperBound(list, ordering, after) : 0; index < list.length; index += 1) {
      const reader = list[index] as Indexed;
      if (!matches(reader, filters, search)) continue;
      entries.push(entryOf(reader, ordering));
      if (entries.length > limit) break;
    }
    return entries;
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
    /** Checks for a gap in listening; called often, it also starts the periodic reload and retries. */
    check,
    /** Waits for the loads asked for so far (for tests). */
    async settled() {
      while (running) await running;
    },
    stats: () => ({ serving: serving(), readers: byId.size, loads }),
  };
}
