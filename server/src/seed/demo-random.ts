/** A small deterministic generator (mulberry32) seeded from a string: demo data is the same on every run. */
export function randomFrom(seed: string) {
  let state = 0x9e3779b9;
  for (const char of seed) state = Math.imul(state ^ char.charCodeAt(0), 0x85ebca6b) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

export type Random = ReturnType<typeof randomFrom>;

/** One item of a list, chosen by `random`. */
export function pickOne<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pickOne from an empty list");
  return item;
}

/** A whole number from `low` to `high` inclusive. */
export const between = (random: Random, low: number, high: number) =>
  low + Math.floor(random() * (high - low + 1));
