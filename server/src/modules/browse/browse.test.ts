import Compile from "typebox/compile";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { seededRandom } from "../../../test/random.js";
import { browseStatement } from "../readers/readers.listing.repository.js";
import { ReaderPageSchema } from "./browse.schemas.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const rng = seededRandom(7);
let readerCount = 0;

/**
 * A listed reader straight in SQL (fast, and with the exact values the sorts tie on): few
 * distinct ratings, rates and creation seconds, so every sort has ties for the user id to break.
 */
async function insertReader() {
  readerCount += 1;
  const id = `browse-${String(readerCount).padStart(4, "0")}`;
  const name = `${rng.pick(["Luna", "Iris", "Sage", "Orion"])} ${rng.pick(["Vega", "Moon", "Hart"])}`;
  await t.database.pool.query(
    `insert into users (id, display_name, email, email_verified, role) values ($1, $2, $3, true, 'reader')`,
    [id, name, `${id}@example.test`],
  );
  await t.database.pool.query(
    `insert into reader_profiles (user_id, slug, display_name, headline, bio, specialties, tools, languages,
       years_of_experience, time_zone, chat_rate_cents, video_rate_cents, status, rating_average, rating_count,
       created_at, updated_at)
     values ($1, $1, $2, 'A reader for the paging test', 'A biography long enough to be a real one, more or less.',
       $3, '[]', $4, 3, 'UTC', $5, $6, $7, $8, $9, $10, '2100-01-01T00:00:00Z')`,
    [
      id,
      name,
      JSON.stringify(rng.next() < 0.5 ? ["tarot", "dreams"] : ["astrology"]),
      JSON.stringify(rng.next() < 0.5 ? ["en"] : ["en", "es"]),
      rng.pick([99, 150, 150, 299, null]),
      rng.pick([null, 199, 499]),
      rng.pick(["online", "away", "busy", "offline"]),
      rng.pick([0, 3.5, 4, 4.5, 4.9]),
      rng.pick([0, 3, 10]),
      // Microseconds on purpose: the newest cursor must carry them exactly.
      `2026-01-01T00:00:${String(Math.floor(rng.next() * 20)).padStart(2, "0")}.123456Z`,
    ],
  );
  return id;
}

/**
 * A change to what a reader sorts or filters by (rating, status or rates). `updated_at` stays in
 * the future (as when inserted) so the presence sweep never turns these readers offline mid-test.
 */
async function changeSortKeys(userId: string) {
  await t.database.pool.query(
    `update reader_profiles set rating_average = $2, rating_count = $3, status = $4, chat_rate_cents = $5,
       video_rate_cents = $6 where user_id = $1`,
    [
      userId,
      rng.pick([0, 3.5, 4, 4.5, 4.9, 5]),
      rng.pick([0, 3, 10, 11]),
      rng.pick(["online", "away", "busy", "offline"]),
      rng.pick([99, 150, 299, 4999, null]),
      rng.pick([null, 199, 499]),
    ],
  );
}

/** Takes a reader out of the listing: the profile suspended, or the account. */
async function suspend(userId: string, how: "profile" | "account") {
  await t.database.pool.query(
    how === "profile"
      ? "update reader_profiles set listed = 'suspended' where user_id = $1"
      : "update users set status = 'suspended' where id = $1",
    [userId],
  );
}

async function browse(query: string) {
  const response = await t.app.inject({ method: "GET", url: `/api/v1/readers?${query}` });
  return response;
}

async function page(query: string): Promise<{ ids: string[]; nextCursor: string | null }> {
  const response = await browse(query);
  expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
  const body = response.json();
  return { ids: body.items.map((item: { userId: string }) => item.userId), nextCursor: body.nextCursor };
}

/** Every reader the query lists right now, in order (pages of 100, no changes in between). */
async function listAll(query: string) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pageNumber = 0; pageNumber < 50; pageNumber += 1) {
    const result = await page(`${query}&limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    ids.push(...result.ids);
    cursor = result.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error("listing did not end");
}

const SORTS = ["sort=recommended", "sort=price", "sort=price&modality=video", "sort=rating", "sort=newest"];
const FILTERS = ["", "specialty=tarot", "q=vega&minRating=3.5", "language=es&online=true"];

describe("browse pagination under concurrent changes", () => {
  beforeAll(async () => {
    for (let index = 0; index < 60; index += 1) await insertReader();
  });

  for (const sort of SORTS) {
    for (const filter of FILTERS) {
      const query = [sort, filter].filter(Boolean).join("&");
      it(`pages ${query} without duplicates or gaps while readers change`, async () => {
        const before = await listAll(query);
        const seen = new Set<string>();
        const changed = new Set<string>();
        const unlisted = new Set<string>();
        const inserted: string[] = [];
        let cursor: string | null = null;
        for (let pageNumber = 0; pageNumber < 200; pageNumber += 1) {
          const limit = pageNumber % 2 === 0 ? 5 : 8;
          const result = await page(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
          expect(result.ids.length).toBeLessThanOrEqual(limit);
          for (const id of result.ids) {
            expect(seen.has(id), `${id} shown twice`).toBe(false);
            expect(unlisted.has(id), `${id} shown after it was suspended`).toBe(false);
            seen.add(id);
          }
          cursor = result.nextCursor;
          if (!cursor) break;
          // Between pages: a new reader, readers not shown yet change their sort keys, and any
          // reader (shown or not) may be suspended.
          if (pageNumber % 2 === 0) inserted.push(await insertReader());
          const unseen = before.filter((id) => !seen.has(id) && !changed.has(id) && !unlisted.has(id));
          for (const id of [rng.pick(unseen), rng.pick(unseen)]) {
            if (id === undefined) continue;
            await changeSortKeys(id);
            changed.add(id);
          }
          const victim = rng.pick(before.filter((id) => !unlisted.has(id)));
          if (victim && rng.next() < 0.6) {
            await suspend(victim, rng.next() < 0.5 ? "profile" : "account");
            unlisted.add(victim);
          }
        }
        expect(cursor, "paging ended").toBeNull();
        const stable = before.filter((id) => !changed.has(id) && !unlisted.has(id));
        expect(stable.length).toBeGreaterThan(0);
        const missing = stable.filter((id) => !seen.has(id));
        expect(missing, "readers whose sort key did not change and who stayed listed").toEqual([]);
        // Restore the listing for the next case: the suspended come back, the new ones leave.
        await t.database.pool.query(
          "update reader_profiles set listed = 'listed' where user_id = any($1::text[])",
          [[...unlisted]],
        );
        await t.database.pool.query(
          "update reader_profiles set listed = 'suspended' where user_id = any($1::text[])",
          [inserted],
        );
        await t.database.pool.query("update users set status = 'active' where id = any($1::text[])", [
          [...unlisted],
        ]);
      });
    }
  }

  it("pages in the same order as one big page when nothing changes", async () => {
    for (const sort of SORTS) {
      const all = await listAll(sort);
      const paged: string[] = [];
      let cursor: string | null = null;
      for (let pageNumber = 0; pageNumber < 500 && (pageNumber === 0 || cursor); pageNumber += 1) {
        const result = await page(`${sort}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
        paged.push(...result.ids);
        cursor = result.nextCursor;
      }
      expect(paged, sort).toEqual(all);
    }
  });
});

describe("browse cursors and limits", () => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

  async function expectInvalid(query: string, label: string) {
    const response = await browse(query);
    expect(response.statusCode, `${label}: ${response.body}`).toBe(400);
    expect(response.json().error.code, label).toBe("VALIDATION_FAILED");
    return response.json().error;
  }

  it("refuses tampered cursors with a typed 400, never a 500", async () => {
    await insertReader();
    const first = await page("sort=price&limit=1");
    expect(first.nextCursor).not.toBeNull();
    const cases: [string, string][] = [
      ["nope", "not base64 JSON"],
      [encode({ a: 1 }), "an object"],
      [encode([]), "empty"],
      [encode(["price:any", "abc", "browse-0001"]), "text where a rate is"],
      [encode(["price:any", 1.5, "browse-0001"]), "fraction where a rate is"],
      [encode(["price:any", 1e300, "browse-0001"]), "out of range"],
      [encode(["price:any", 150, 42]), "number where the user id is"],
      [encode(["price:any", 150, ""]), "empty user id"],
      [encode(["price:any", 150, "browse\u00000001"]), "NUL in the user id"],
      [encode(["price:any", 150, "browse-0001", "extra"]), "too long"],
      [encode([150, "browse-0001"]), "no sort tag"],
      [String(first.nextCursor).slice(0, -3), "truncated"],
      ["a".repeat(201), "overlong"],
    ];
    for (const [cursor, label] of cases) await expectInvalid(`sort=price&cursor=${cursor}`, label);
    await expectInvalid(
      `sort=rating&cursor=${encode(["rating", "-4.5", 3, "browse-0001"])}`,
      "rating as text",
    );
    await expectInvalid(
      `sort=recommended&cursor=${encode(["recommended", 0, -4.5, 2 ** 40, "browse-0001"])}`,
      "count beyond an integer",
    );
  });

  it("refuses a cursor from one sort order used with another", async () => {
    const cursors: Record<string, string | null> = {};
    for (const sort of SORTS) cursors[sort] = (await page(`${sort}&limit=1`)).nextCursor;
    for (const [from, cursor] of Object.entries(cursors)) {
      expect(cursor, from).not.toBeNull();
      for (const to of SORTS) {
        if (to === from) continue;
        const error = await expectInvalid(`${to}&cursor=${cursor}`, `${from} cursor with ${to}`);
        expect(error.message).toMatch(/another sort/);
      }
    }
    // The same sort with other filters is fine: the cursor is a position in the ordering.
    expect((await browse(`sort=rating&specialty=tarot&cursor=${cursors["sort=rating"]}`)).statusCode).toBe(
      200,
    );
  });

  it("keeps limit between 1 and 100", async () => {
    for (const limit of ["0", "101", "-1", "1.5", "many"])
      await expectInvalid(`limit=${limit}`, `limit=${limit}`);
    const one = await page("limit=1");
    expect(one.ids).toHaveLength(1);
    expect(one.nextCursor).not.toBeNull();
    const hundred = await page("limit=100");
    expect(hundred.ids.length).toBeGreaterThan(1);
    expect(hundred.ids.length).toBeLessThanOrEqual(100);
  });
});

describe("browse cards", () => {
  const compiled = Compile(ReaderPageSchema);

  it("are the public profile without bio and tools, value for value, and match the page schema", async () => {
    // Text that needs escaping, null and set rates, a photo, and times with microseconds
    // (also before 1970), so the hand-written JSON is checked against the serializer's.
    const odd = [
      {
        name: 'Quote " Back\\slash',
        headline: "Cardtest: tab\there, line\nbreak, bell \u0007 and </script>",
      },
      { name: "Zoë Ångström 李 🌙", headline: "Cardtest: \u2028 separators \u2029 and emoji 🔮✨" },
      { name: "Plain Name", headline: "Cardtest: nothing special about this one" },
    ];
    const ids: string[] = [];
    for (const [index, text] of odd.entries()) {
      const id = `card-${index}`;
      ids.push(id);
      await t.database.pool.query(
        `insert into users (id, display_name, email, email_verified, role) values ($1, $2, $3, true, 'reader')`,
        [id, text.name, `${id}@example.test`],
      );
      await t.database.pool.query(
        `insert into reader_profiles (user_id, slug, display_name, headline, bio, specialties, tools, languages,
           years_of_experience, time_zone, chat_rate_cents, voice_rate_cents, video_rate_cents, scheduled_rate_cents,
           status, rating_average, rating_count, photo_key, photo_updated_at, created_at, updated_at)
         values ($1, $1, $2, $3, 'A biography long enough to be a real one, more or less.', $4, '["Rider–Waite"]', $5,
           $6, 'UTC', $7, $8, null, $9, $10, $11, $12, $13, $14, $15, '2100-01-01T00:00:00Z')`,
        [
          id,
          text.name,
          text.headline,
          JSON.stringify(index === 0 ? ["tarot", "dreams"] : ["astrology"]),
          JSON.stringify(index === 1 ? ["en", "es"] : ["fr"]),
          [0, 12, 80][index],
          [99, null, 4999][index],
          [null, 150, 2500][index],
          [null, 4999, 120][index],
          ["online", "busy", "away"][index],
          [4.3, 0, 3.6666667][index],
          [7, 0, 123][index],
          index === 2 ? null : `photos/${id}.webp`,
          index === 2 ? null : ["2026-03-04T05:06:07.999999Z", "1969-12-31T23:59:59.9995Z"][index],
          ["2026-01-01T00:00:00.123999Z", "1969-12-31T23:59:59.0001Z", "2025-06-30T23:59:59Z"][index],
        ],
      );
    }
    const response = await browse("q=cardtest");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    const body = response.json();
    expect(compiled.Check(body), JSON.stringify([...compiled.Errors(body)].slice(0, 3))).toBe(true);
    for (const id of ids) {
      const card = body.items.find((item: { userId: string }) => item.userId === id);
      const full = (await t.app.inject({ method: "GET", url: `/api/v1/readers/${id}` })).json().reader;
      const { bio: _bio, tools: _tools, automaticDemo: _automaticDemo, ...summary } = full;
      expect(card, id).toEqual(summary);
      // The same keys in the same order as the full profile.
      expect(Object.keys(card), id).toEqual(Object.keys(summary));
    }
  });

  it("show each reader as their profile row is now, however often the same card was shown before", async () => {
    const card = async () => {
      const body = (await browse("q=cardtest&sort=newest&limit=100")).json();
      return body.items.find((item: { userId: string }) => item.userId === "card-2");
    };
    expect((await card()).headline).toBe("Cardtest: nothing special about this one");
    const changes: [string, unknown[], (item: Record<string, unknown>) => unknown, unknown][] = [
      ["headline = $2", ["Cardtest: a new headline"], (item) => item.headline, "Cardtest: a new headline"],
      ["status = $2", ["online"], (item) => item.status, "online"],
      ["chat_rate_cents = $2", [777], (item) => (item.rates as { chat: number }).chat, 777],
      ["rating_average = $2, rating_count = $3", [4.25, 9], (item) => item.ratingAverage, 4.25],
      [
        "photo_updated_at = $2",
        ["2026-05-06T07:08:09.010Z"],
        (item) => item.photoUrl,
        "/api/v1/reader-photos/card-2?v=1778051289010",
      ],
    ];
    for (const [set, values, read, expected] of changes) {
      await t.database.pool.query(`update reader_profiles set ${set} where user_id = $1`, [
        "card-2",
        ...values,
      ]);
      expect(read(await card()), set).toEqual(expected);
      // Unchanged rows keep their cards; the changed one matches its full profile.
      const {
        bio: _bio,
        tools: _tools,
        automaticDemo: _automaticDemo,
        ...summary
      } = (await t.app.inject({ method: "GET", url: "/api/v1/readers/card-2" })).json().reader;
      expect(await card(), set).toEqual(summary);
    }
  });
});

describe("browse statement", () => {
  it("carries every value from the caller as a parameter, never in the SQL text", () => {
    const hostile = "x'); drop table users; --";
    const { text, values } = browseStatement(
      {
        search: `${hostile}%_\\`,
        specialty: hostile,
        language: hostile,
        modality: "video",
        minPriceCents: 150,
        maxPriceCents: 900,
        minRating: 4.5,
        onlineOnly: true,
        sort: "price",
      },
      [150, hostile],
      12,
    );
    expect(text).not.toContain("drop table");
    expect(values).toEqual([
      `%${hostile}\\%\\_\\\\%`,
      hostile,
      150,
      900,
      hostile,
      4.5,
      -4.5,
      150,
      hostile,
      13,
    ]);
  });
});
