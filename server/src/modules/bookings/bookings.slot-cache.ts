import type { Clock } from "../../platform/clock.js";

/**
 * What one app node keeps of readers' calendars (whatever `load` answers: their offer, hours and
 * confirmed bookings) so a slot list is computed without reading the database. An entry is dropped
 * as soon as an event says that reader's calendar changed (`forget`, `clear`: database triggers
 * tell every node, migration 0027), and is never served older than `maxAgeMs`, which only bounds
 * the damage of a missed event. While the node is not listening for those events nothing is kept.
 * A load that an event overtakes is answered but not kept, so a stale read never outlives the event.
 * `refreshAll` keeps every reader's calendar at once, reloaded at half the age limit.
 */
export function createCalendarCache<T>(options: {
  clock: Clock;
  /** 0 turns the cache off. */
  maxAgeMs: number;
  /** The most readers kept; the oldest loaded go first. */
  maxReaders: number;
  listening: () => boolean;
}) {
  const entries = new Map<string, { value: T; loadedAtMs: number }>();
  const loading = new Map<string, { promise: Promise<T>; epoch: number }>();
  /** Bumped by every event; a load is kept only if no event for its reader came after it began. */
  let epoch = 0;
  const changedAt = new Map<string, number>();
  let clearedAt = 0;
  let wasListening = false;
  const counts = { hits: 0, loads: 0, uncached: 0, bulkLoads: 0 };
  const bulk = { running: false, loadedAtMs: Number.NEGATIVE_INFINITY };

  const fresh = (loadedAtMs: number, nowMs: number) =>
    nowMs >= loadedAtMs && nowMs - loadedAtMs <= options.maxAgeMs;

  /** Keeps a reader's calendar as the newest entry; beyond `maxReaders`, the oldest loaded goes. */
  function keep(readerUserId: string, value: T, loadedAtMs: number) {
    entries.delete(readerUserId);
    entries.set(readerUserId, { value, loadedAtMs });
    if (entries.size > options.maxReaders) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) entries.delete(oldest);
    }
  }

  function checkListening() {
    const listening = options.listening();
    if (listening !== wasListening) {
      wasListening = listening;
      cache.clear();
    }
    return listening;
  }

  const cache = {
    /** The reader's calendar: kept, being loaded (shared), or loaded now. */
    async get(readerUserId: string, load: () => Promise<T>): Promise<T> {
      if (options.maxAgeMs <= 0 || !checkListening()) {
        counts.uncached += 1;
        return load();
      }
      const nowMs = options.clock.now().getTime();
      const kept = entries.get(readerUserId);
      if (kept && fresh(kept.loadedAtMs, nowMs)) {
        counts.hits += 1;
        return kept.value;
      }
      const pending = loading.get(readerUserId);
      if (pending) {
        counts.hits += 1;
        return pending.promise;
      }
      counts.loads += 1;
      const began = epoch;
      const promise = load();
      loading.set(readerUserId, { promise, epoch: began });
      try {
        const value = await promise;
        const overtaken = (changedAt.get(readerUserId) ?? 0) > began || clearedAt > began;
        if (!overtaken && wasListening) keep(readerUserId, value, nowMs);
        return value;
      } finally {
        if (loading.get(readerUserId)?.promise === promise) loading.delete(readerUserId);
      }
    },

    /**
     * Loads every reader's calendar in one go (`loadAll`) when the last such load is half as old as
     * `maxAgeMs` allows, so lists are computed without a read per reader; readers an event named
     * during the load are left to be read on their own. Answers whether it loaded.
     */
    async refreshAll(loadAll: (atMs: number) => Promise<Map<string, T>>) {
      const nowMs = options.clock.now().getTime();
      const due = nowMs < bulk.loadedAtMs || nowMs - bulk.loadedAtMs >= options.maxAgeMs / 2;
      if (options.maxAgeMs <= 0 || bulk.running || !due || !checkListening()) return false;
      bulk.running = true;
      try {
        const began = epoch;
        const all = await loadAll(nowMs);
        if (clearedAt > began || !wasListening || all.size > options.maxReaders) return false;
        for (const [readerUserId, value] of all)
          if ((changedAt.get(readerUserId) ?? 0) <= began) keep(readerUserId, value, nowMs);
        bulk.loadedAtMs = nowMs;
        counts.bulkLoads += 1;
        return true;
      } finally {
        bulk.running = false;
      }
    },

    /** These readers' calendars changed: what is kept or being loaded of them is not served again. */
    forget(readerUserIds: readonly string[]) {
      epoch += 1;
      for (const readerUserId of readerUserIds) {
        entries.delete(readerUserId);
        loading.delete(readerUserId);
        changedAt.set(readerUserId, epoch);
      }
      // The marks only matter to loads begun before them; keep the map from growing without end.
      if (changedAt.size > options.maxReaders && loading.size === 0) changedAt.clear();
    },

    /** Anything may have changed (or events may have been missed): start from empty. */
    clear() {
      epoch += 1;
      clearedAt = epoch;
      bulk.loadedAtMs = Number.NEGATIVE_INFINITY;
      entries.clear();
      loading.clear();
      changedAt.clear();
    },

    checkListening,

    stats: () => ({ ...counts, kept: entries.size }),
  };
  return cache;
}

export type CalendarCache<T> = ReturnType<typeof createCalendarCache<T>>;
