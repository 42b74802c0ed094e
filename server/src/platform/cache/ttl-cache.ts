import type { Clock } from "../clock.js";

/**
 * A small in-process cache of computed values for a short time. Concurrent misses for one key
 * share a single computation; the oldest entries go when `maxEntries` is reached; `clear()`
 * drops everything (e.g. when an event says the data changed). `ttlMs` 0 turns it off.
 */
export function createTtlCache<T>(options: { ttlMs: number; maxEntries: number; clock: Clock }) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  let generation = 0;
  return {
    get enabled() {
      return options.ttlMs > 0;
    },
    async get(key: string, compute: () => Promise<T>): Promise<T> {
      if (options.ttlMs <= 0) return compute();
      const now = options.clock.now().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < options.ttlMs) return hit.value;
      const started = generation;
      const value = compute();
      entries.delete(key);
      entries.set(key, { at: now, value });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      // A failure is never cached; a value computed across a clear() is not kept either.
      value.then(
        () => {
          if (generation !== started && entries.get(key)?.value === value) entries.delete(key);
        },
        () => {
          if (entries.get(key)?.value === value) entries.delete(key);
        },
      );
      return value;
    },
    clear() {
      generation += 1;
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}
