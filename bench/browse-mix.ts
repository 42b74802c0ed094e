import { SPECIALTIES } from "../server/src/modules/readers/readers.schemas.js";

export const LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl", "ja"];
export const SEARCH_TERMS = ["tarot", "luna", "clarity", "ancestors", "moon", "healing", "grace", "zzqx"];

/** A small deterministic generator, so every run sends the same mix. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The request mix: a random filter set and sort; half the time the next request of that
 * connection follows the previous answer's `nextCursor` (page 2, 3 …) instead.
 */
export function createBrowseMix(seed = 42) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const filters: [string, () => string][] = [
    ["search", () => `q=${pick(SEARCH_TERMS)}`],
    ["specialty", () => `specialty=${pick(SPECIALTIES)}`],
    ["modality", () => `modality=${pick(["chat", "voice", "video"])}`],
    [
      "price",
      () =>
        pick([
          "minPriceCents=99&maxPriceCents=500",
          "minPriceCents=300&maxPriceCents=1500",
          "minPriceCents=1000",
        ]),
    ],
    ["language", () => `language=${pick(LANGUAGES)}`],
    ["online", () => "online=true"],
    ["minRating", () => `minRating=${pick([3, 4, 4.5, 4.8])}`],
    ["none", () => ""],
  ];
  const current = new Map<number, { query: string; label: string; pages: number }>();
  return (connection: number, previous: string | null) => {
    const state = current.get(connection);
    // The cursor is the last field of the page; read it from the tail instead of parsing the page.
    const cursor = previous ? /"nextCursor":"([^"]+)"\}$/.exec(previous.slice(-300))?.[1] : undefined;
    if (state && cursor && state.pages < 5 && next() < 0.5) {
      state.pages += 1;
      return {
        path: `/api/v1/readers?${state.query}&cursor=${encodeURIComponent(cursor)}`,
        label: `${state.label} +cursor`,
      };
    }
    const [first, make] = pick(filters);
    const names = [first];
    const parts = [make()];
    const [second, makeSecond] = pick(filters);
    if (next() < 0.3 && second !== first) {
      names.push(second);
      parts.push(makeSecond());
    }
    const sort = pick(["recommended", "price", "rating", "newest"]);
    const query = [...parts.filter(Boolean), `sort=${sort}`, `limit=${pick([12, 24, 24, 48])}`].join("&");
    const label = names.length === 1 ? `${first} ${sort}` : names.sort().join("+");
    current.set(connection, { query, label, pages: 1 });
    return { path: `/api/v1/readers?${query}`, label };
  };
}
