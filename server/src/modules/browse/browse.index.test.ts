import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { seededRandom } from "../../../test/random.js";
import { systemClock } from "../../platform/clock.js";
import { connectDatabase } from "../../platform/db/database.js";
import type { BrowseEntry, BrowseFilters } from "../readers/readers.listing.js";
import { createListingRepository } from "../readers/readers.listing.repository.js";
import { SPECIALTIES } from "../readers/readers.schemas.js";
import { createBrowseIndex } from "./browse.index.js";

/**
 * The browse index must answer exactly what the browse statement answers: the statement is the
 * oracle, run on the same rows, for random filter sets, sorts, page sizes and cursors (the ones
 * pages hand out and made-up ones), before and after changes the index is told about.
 */
let handle: ReturnType<typeof connectDatabase>;
const repository = createListingRepository();
let listening = true;
let index: ReturnType<typeof createBrowseIndex>;

const rng = seededRandom(11);

// Ids that sort differently by bytes than by any human collation (case, symbols, non-ASCII,
// a character outside the BMP), names and headlines with non-ASCII letters and LIKE's specials.
const ID_STEMS = ["Browse", "browse", "BROWSE", "~x", "_u", "Émile", "émile", "z🌙", "z\uffef"];
const NAMES = [
  "Élodie Ñúñez",
  "ÉLODIE Moon",
  "élodie moon",
  "Zoë Hart",
  "Luna Vega",
  "🌙 Moon Child",
  "Iris_Stone",
];
const HEADLINES = [
  "TAROT for clarity",
  "Tarot & dreams",
  "100% honest readings",
  "Back\\slash healing",
  "Ancestors speak",
  "Ïnner peace",
];
const BIOS = [
  "A calm bio about the moon.",
  "Healing with grace and care.",
  "CLARITY, always.",
  "Ünicode bïo",
];
const RATINGS = [0, 3.33, 4, 4.8, 4.79999, 4.80001, 5];
const SEARCHES = [
  "é",
  "É",
  "elo",
  "ELO",
  "moon",
  "MOON",
  "%",
  "_",
  "\\",
  "🌙",
  "tarot",
  "ï",
  "Ï",
  "zzqx",
  "o",
  // what people type: nothing, a space, one letter, a fragment, across words and punctuation
  "",
  " ",
  "a",
  "lu",
  "o t",
  ". ",
];
const LANGUAGES = ["en", "es", "fr"];

let inserted = 0;
async function insertReaders(count: number) {
  for (let made = 0; made < count; made += 1) {
    inserted += 1;
    const n = inserted;
    const id = `${rng.pick(ID_STEMS)}-${n}`;
    await handle.pool.query(
      `insert into users (id, display_name, email, email_verified, role, status) values ($1, $2, $3, true, $4, $5)`,
      [
        id,
        `User ${n}`,
        `index-${n}@example.test`,
        rng.next() < 0.05 ? "client" : "reader",
        rng.next() < 0.05 ? "suspended" : "active",
      ],
    );
    const specialties = SPECIALTIES.filter(() => rng.next() < 0.25);
    const languages = LANGUAGES.filter(() => rng.next() < 0.5);
    await handle.pool.query(
      `insert into reader_profiles (user_id, slug, display_name, headline, bio, specialties, tools, languages,
         years_of_experience, time_zone, chat_rate_cents, voice_rate_cents, video_rate_cents, status, listed,
         rating_average, rating_count, created_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, '[]', $7, 2, 'UTC', $8, $9, $10, $11, $12, $13, $14, $15, '2100-01-01T00:00:00Z')`,
      [
        id,
        `slug-${n}`,
        rng.pick(NAMES),
        rng.pick(HEADLINES),
        rng.pick(BIOS),
        JSON.stringify(specialties),
        JSON.stringify(languages.length ? languages : ["en"]),
        rng.pick([99, 150, 150, 499, null]),
        rng.pick([null, 150, 1200]),
        rng.pick([null, null, 99, 2500]),
        rng.pick(["online", "away", "busy", "offline"]),
        rng.next() < 0.05 ? "suspended" : "listed",
        rng.pick(RATINGS),
        rng.pick([0, 3, 10]),
        // Ties to the second and microseconds.
        `2026-01-01T00:00:${String(Math.floor(rng.next() * 10)).padStart(2, "0")}.${rng.pick(["000000", "123456", "123457"])}Z`,
      ],
    );
  }
}

function randomFilters(): BrowseFilters {
  const filters: BrowseFilters = { sort: rng.pick(["recommended", "price", "rating", "newest"] as const) };
  const chosen = 1 + Math.floor(rng.next() * 3);
  for (let n = 0; n < chosen; n += 1) {
    const kind = rng.pick([
      "search",
      "specialty",
      "modality",
      "price",
      "language",
      "online",
      "rating",
      "none",
    ]);
    if (kind === "search") filters.search = rng.pick(SEARCHES);
    if (kind === "specialty") filters.specialty = rng.pick(SPECIALTIES);
    if (kind === "modality") filters.modality = rng.pick(["chat", "voice", "video"] as const);
    if (kind === "price") {
      filters.minPriceCents = rng.pick([undefined, 99, 150, 1000]);
      filters.maxPriceCents = rng.pick([undefined, 150, 500, 2500]);
    }
    if (kind === "language") filters.language = rng.pick(LANGUAGES);
    if (kind === "online") filters.onlineOnly = true;
    if (kind === "rating") filters.minRating = rng.pick([0, 3.33, 4.8, 4.8000001, 4.79999, 5]);
  }
  return filters;
}

const simple = (entries: BrowseEntry[] | null) =>
  entries?.map((entry) => ({ userId: entry.userId, version: entry.version, position: entry.position }));

/** Compares the index with the statement for a filter set, from `after`, following up to `pages` pages. */
async function expectSameAsStatement(
  filters: BrowseFilters,
  after: readonly (number | string)[] | null,
  pages: number,
) {
  const limit = rng.pick([1, 5, 12, 48]);
  let position = after;
  for (let page = 0; page < pages; page += 1) {
    const fromIndex = index.window(filters, position, limit);
    const fromStatement = await repository.browse(handle.db, filters, position, limit);
    expect(simple(fromIndex), JSON.stringify({ filters, position, limit })).toEqual(simple(fromStatement));
    if (fromStatement.length <= limit) return;
    position = fromStatement[limit - 1]?.position ?? null;
  }
}

/** A made-up cursor position for the ordering: key values between, on and off the real ones. */
function madeUpPosition(filters: BrowseFilters): (number | string)[] {
  const id = `${rng.pick(ID_STEMS)}-${Math.floor(rng.next() * 200)}${rng.pick(["", "0", "\u0100"])}`;
  const rating = -rng.pick([...RATINGS, 4.8000001, 4.7999999, 3.5]);
  const count = -rng.pick([0, 3, 10, 4]);
  if (filters.sort === "recommended") return [rng.pick([0, 1, 2, 3]), rating, count, id];
  if (filters.sort === "rating") return [rating, count, id];
  if (filters.sort === "newest") return [-(1767225600 + rng.pick([0, 5, 5.123456, 5.123457, 5.1234565])), id];
  return [rng.pick([99, 150, 151, 1200, 1_000_000]), id];
}

async function expectManyQueriesMatch(count: number) {
  for (let n = 0; n < count; n += 1) {
    const filters = randomFilters();
    await expectSameAsStatement(filters, rng.next() < 0.3 ? madeUpPosition(filters) : null, 4);
  }
}

beforeAll(async () => {
  handle = connectDatabase((await createTestDatabase()).url);
  await insertReaders(220);
  const db = handle.db;
  index = createBrowseIndex({
    listing: {
      indexRows: (userIds) => repository.browseIndexRows(db, userIds),
      indexVersions: () => repository.browseIndexVersions(db),
      textIsBytewise: () => repository.textIsBytewise(db),
    },
    clock: systemClock,
    listening: () => listening,
    maxAgeMs: 0,
    // Small, so that searches take both paths: from their few matches, and along the ordering.
    fewMatches: 40,
  });
  index.check();
  await index.settled();
});
afterAll(async () => {
  await handle.close();
});

describe("browse index", () => {
  it("answers every filter set, sort, page size and cursor as the browse statement does", async () => {
    expect(index.stats()).toMatchObject({ serving: true, readers: expect.any(Number) });
    expect(index.stats().readers).toBeGreaterThan(150);
    // Every ordering without filters, page by page to the end.
    for (const sort of ["recommended", "price", "rating", "newest"] as const) {
      for (const modality of [undefined, "chat", "voice", "video"] as const) {
        await expectSameAsStatement({ sort, modality }, null, 1000);
      }
    }
    // Every search term in every ordering, page by page: terms with few matches and terms with many.
    for (const search of SEARCHES) {
      for (const sort of ["recommended", "price", "rating", "newest"] as const) {
        await expectSameAsStatement({ sort, search }, null, 6);
      }
    }
    await expectManyQueriesMatch(400);
  });

  it("answers nothing from a status change until the readers are reread, then matches again", async () => {
    const { rows } = await handle.pool.query<{ user_id: string }>(
      "select user_id from reader_profiles order by random() limit 40",
    );
    const ids = rows.map((row) => row.user_id);
    await handle.pool.query(
      `update reader_profiles set status = case status when 'online' then 'offline' else 'online' end
       where user_id = any($1)`,
      [ids],
    );
    index.statusChanged(ids);
    expect(index.window({ sort: "recommended" }, null, 10)).toBeNull();
    // A request meanwhile waits for the reread instead of reading the database.
    const soon = await index.windowSoon({ sort: "recommended" }, null, 1000);
    expect(soon).not.toBeNull();
    expect(simple(soon)).toEqual(
      simple(await repository.browse(handle.db, { sort: "recommended" }, null, 1000)),
    );
    await index.settled();
    expect(index.stats().serving).toBe(true);
    await expectSameAsStatement({ sort: "recommended" }, null, 1000);
    await expectSameAsStatement({ sort: "rating", onlineOnly: true }, null, 1000);
    await expectManyQueriesMatch(100);
  });

  it("answers during a status reread when the readers being reread cannot be among the rows", async () => {
    // A listed reader (in the index) whose texts have "moon".
    const [first] = index.window({ sort: "newest", search: "moon" }, null, 1) ?? [];
    expect(first).toBeDefined();
    const id = first?.userId as string;
    const { rows } = await handle.pool.query<{ texts: string }>(
      "select lower(display_name || ' ' || headline || ' ' || bio) as texts from reader_profiles where user_id = $1",
      [id],
    );
    const texts = rows[0]?.texts ?? "";
    const flip = async () => {
      await handle.pool.query(
        `update reader_profiles set status = case status when 'online' then 'offline' else 'online' end
         where user_id = $1`,
        [id],
      );
      index.statusChanged([id]);
    };
    // A search the reader does not match, in the recommended order and online only: answered at
    // once (before the reread is done), and as the statement answers.
    for (const filters of [
      { sort: "recommended", search: "zzqx" },
      { sort: "recommended", search: "tarot" },
      { sort: "rating", onlineOnly: true, search: "ancestors" },
    ] as BrowseFilters[]) {
      if (filters.search && texts.includes(filters.search)) continue;
      await flip();
      const answer = await index.windowSoon(filters, null, 1000);
      expect(index.stats().serving, JSON.stringify(filters)).toBe(false);
      expect(simple(answer)).toEqual(simple(await repository.browse(handle.db, filters, null, 1000)));
      await index.settled();
    }
    // One the reader may enter, leave or move in: waits for the reread.
    await flip();
    const answer = await index.windowSoon({ sort: "recommended", search: "moon" }, null, 1000);
    expect(index.stats().serving).toBe(true);
    expect(simple(answer)).toEqual(
      simple(await repository.browse(handle.db, { sort: "recommended", search: "moon" }, null, 1000)),
    );
  });

  it("brings everyone up to date after any other change, and after a gap in listening", async () => {
    // Ratings, rates, a reader unlisted, an account suspended, a new reader.
    await handle.pool.query(
      `update reader_profiles set rating_average = 4.8, rating_count = rating_count + 1, chat_rate_cents = 151
       where user_id in (select user_id from reader_profiles order by user_id limit 30)`,
    );
    await handle.pool.query(
      `update reader_profiles set listed = 'suspended' where user_id = (select min(user_id) from reader_profiles where listed = 'listed')`,
    );
    await handle.pool.query(
      `update users set status = 'suspended' where id = (select max(user_id) from reader_profiles where listed = 'listed')`,
    );
    await insertReaders(5);
    index.changed();
    expect(index.window({ sort: "rating" }, null, 10)).toBeNull();
    await index.settled();
    await expectManyQueriesMatch(100);

    // Not listening: nothing is answered; listening again reloads everyone (changes made meanwhile included).
    listening = false;
    expect(index.window({ sort: "newest" }, null, 10)).toBeNull();
    await handle.pool.query(`update reader_profiles set headline = 'Moonlit TAROT' where slug = 'slug-3'`);
    listening = true;
    expect(index.window({ sort: "newest" }, null, 10)).toBeNull();
    await index.settled();
    expect(index.stats().serving).toBe(true);
    await expectSameAsStatement({ sort: "newest", search: "moonlit" }, null, 3);
    expect(index.window({ sort: "newest", search: "MOONLIT tarot" }, null, 10)?.length).toBeGreaterThan(0);
    await expectManyQueriesMatch(100);

    // A reader's texts change: a short term only the old texts held matches no one (searched for the
    // first time after the change, so no memo of it hides what the character sets say).
    await handle.pool.query(`update reader_profiles set display_name = 'Qj Vex' where slug = 'slug-4'`);
    index.changed();
    await index.settled();
    await handle.pool.query(`update reader_profiles set display_name = 'Plain Name' where slug = 'slug-4'`);
    index.changed();
    await index.settled();
    for (const search of ["qj", "j v", "vex", "QJ"]) {
      await expectSameAsStatement({ sort: "newest", search }, null, 2);
      expect(index.window({ sort: "newest", search }, null, 10), search).toEqual([]);
    }

    // Most rows changed at once: everyone is read again rather than reread one by one.
    const loadsBefore = index.stats().loads;
    await handle.pool.query("update reader_profiles set rating_count = rating_count + 1");
    index.changed();
    await index.settled();
    expect(index.stats().loads).toBe(loadsBefore + 1);
    await expectManyQueriesMatch(60);
  });
});
