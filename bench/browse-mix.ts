import { SPECIALTIES } from "../server/src/modules/readers/readers.schemas.js";

export const LANGUAGES = ["en", "es", "fr", "de", "pt", "it", "nl", "ja"];

/** Words people type into the search box: the seeded names and texts, and words no reader uses. */
const TYPED_WORDS = [
  // first and last names of the seeded readers
  ..."luna marisol aurora sage willow orion celeste jasper iris rowan nova ember grace soren maya elias freya kai lyra theo".split(
    " ",
  ),
  ..."vega moon rivers stone hart bell frost lake reyes okafor tanaka silva novak quinn ashby delacroix".split(
    " ",
  ),
  // words of their headlines and bios
  ..."tarot clarity calm messages ancestors astrology charts timing gentle energy healing love relationship".split(
    " ",
  ),
  ..."guidance career crossroads cards dream symbols oracle path spirit guides passed birth chart planets".split(
    " ",
  ),
  ..."season practical compassion honesty care family work".split(" "),
  // what else people look for, found or not
  ..."psychic medium angel numerology palm crystal chakra reiki karma soulmate twin flame breakup ex".split(
    " ",
  ),
  ..."job money future pregnancy pet grief dad mom lottery sign zodiac scorpio leo aries gemini".split(" "),
  ..."runes pendulum aura past life lenormand kipper tea leaves rune witch sister brother".split(" "),
];

/** A small deterministic generator, so every run sends the same mix. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/**
 * What a person types into the search box: a word or two of a name or a topic, often cut short
 * while typing ("mari", "okaf"), with a typo, in any case, with accents or stray spaces, or
 * something no reader matches. Tens of thousands of distinct strings, so a page cache cannot learn
 * the mix the way it learned a list of eight terms.
 */
export function createTypedSearch(next: () => number) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const typo = (word: string) => {
    if (word.length < 4) return word;
    const at = 1 + Math.floor(next() * (word.length - 2));
    const kind = next();
    if (kind < 0.33) return word.slice(0, at) + word.slice(at + 1); // a dropped letter
    if (kind < 0.66) return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2); // swapped
    return word.slice(0, at) + pick([...LETTERS]) + word.slice(at); // an extra letter
  };
  const word = () => {
    const roll = next();
    if (roll < 0.06) {
      // Something random: a paste, a keyboard mash, a number.
      const length = 2 + Math.floor(next() * 9);
      return Array.from({ length }, () => pick([...`${LETTERS}0123456789`])).join("");
    }
    let typed = pick(TYPED_WORDS);
    if (roll < 0.4) typed = typed.slice(0, Math.max(2, Math.ceil(typed.length * (0.35 + next() * 0.6))));
    else if (roll < 0.55) typed = typo(typed);
    return typed;
  };
  return () => {
    let query = word();
    if (next() < 0.25) query += ` ${word()}`;
    const style = next();
    if (style < 0.2) query = query[0]?.toUpperCase() + query.slice(1);
    else if (style < 0.25) query = query.toUpperCase();
    else if (style < 0.3) query = query.replace("e", "é");
    else if (style < 0.34) query = `  ${query} `;
    return query;
  };
}

/**
 * The request mix: a random filter set and sort; half the time the next request of that
 * connection follows the previous answer's `nextCursor` (page 2, 3 …) instead.
 */
export function createBrowseMix(seed = 42) {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const typedSearch = createTypedSearch(next);
  const filters: [string, () => string][] = [
    ["search", () => `q=${encodeURIComponent(typedSearch())}`],
    ["search", () => `q=${encodeURIComponent(typedSearch())}`],
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
