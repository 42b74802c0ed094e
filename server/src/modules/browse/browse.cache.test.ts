import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventsSettled } from "../../../test/bus.js";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually } from "../../../test/live-client.js";

// Two nodes of one deployment on one database, each with its own page cache kept for ten
// minutes: only invalidation (never the time) can make a cached page fresh in these tests.
const ENV = { BROWSE_CACHE_MS: "600000", PRESENCE_OFFLINE_DELAY_MS: "600000" };
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  a = await createTestApp(ENV);
  b = await createTestApp(ENV, { databaseUrl: a.url });
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

/** Waits until both nodes have heard every event committed so far. */
const settled = () => eventsSettled([a, b]);

/** The first item of a browse page on a node, as JSON. */
async function first(node: TestApp, query: string) {
  const response = await node.app.inject({ method: "GET", url: `/api/v1/readers?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items[0] as Record<string, unknown> | undefined;
}

/**
 * Whether a node serves a browse page from its page cache (true) or computes it (false: from its
 * reader index, or read from the database while the index waits for a reload).
 */
async function servedFromCache(node: TestApp, query: string) {
  const before = node.services.browse.browseCacheStats().hits;
  await first(node, query);
  return node.services.browse.browseCacheStats().hits > before;
}

/**
 * Changes a reader's headline without telling anyone: in a session whose triggers are off (as
 * for replication), so no node hears of it. A node serving the page from memory keeps the old one.
 */
async function sneakHeadline(userId: string, headline: string) {
  const client = await a.database.pool.connect();
  try {
    await client.query("set session_replication_role = replica");
    await client.query("update reader_profiles set headline = $2 where user_id = $1", [userId, headline]);
  } finally {
    await client.query("reset session_replication_role");
    client.release();
  }
}

/**
 * Browses the reader's query on both nodes (caching it), sneaks a headline change past them and
 * checks both still serve the cached page; then makes `change` and expects every node to show what
 * only a recomputed page can: `observe` of its first item becomes `expected` (by default the
 * sneaked headline). So the change dropped the page on every node.
 */
async function expectInvalidatedBy(
  reader: { userId: string; query: string },
  change: () => Promise<unknown>,
  observe: (item: Record<string, unknown> | undefined) => unknown = (item) => item?.headline,
  expected?: unknown,
) {
  await settled();
  const before = await first(a, reader.query);
  expect(before).toBeDefined();
  expect(await first(b, reader.query)).toEqual(before);
  const sneaked = `Sneaked ${Math.random().toString(36).slice(2, 8)}`;
  await sneakHeadline(reader.userId, sneaked);
  expect(await first(a, reader.query), "node a serves the cached page").toEqual(before);
  expect(await first(b, reader.query), "node b serves the cached page").toEqual(before);
  await change();
  for (const [name, node] of [
    ["a", a],
    ["b", b],
  ] as const) {
    const seen = await eventually(async () => observe(await first(node, reader.query)), expected ?? sneaked);
    expect(seen, `node ${name}`).toEqual(expected ?? sneaked);
  }
}

async function reader(name: string) {
  const { user, reader } = await a.createReader({
    displayName: name,
    headline: `The first headline of ${name}`,
    rates: { chat: 150, voice: 300 },
  });
  const cookie = await a.signIn(user.email);
  await settled();
  return { user, reader, cookie, userId: user.id, query: `q=${encodeURIComponent(name)}&sort=price` };
}

/** Walks a browse query page by page on a node (up to 40 pages): every page as answered. */
async function walk(node: TestApp, query: string) {
  const pages: unknown[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/readers?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await node.app.inject({ method: "GET", url });
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as { items: unknown[]; nextCursor: string | null };
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 40);
  return pages;
}

const call = (
  node: TestApp,
  method: "PUT" | "PATCH" | "POST",
  url: string,
  cookie: string,
  payload: object,
) => node.app.inject({ method, url, headers: { origin: TEST_ORIGIN, cookie }, payload });

describe("browse page cache across nodes", () => {
  it("serves pages from memory until told: a change nobody announces stays unseen", async () => {
    const cassia = await reader("Cached Cassia");
    expect((await first(a, cassia.query))?.headline).toBe("The first headline of Cached Cassia");
    expect((await first(b, cassia.query))?.headline).toBe("The first headline of Cached Cassia");
    await sneakHeadline(cassia.userId, "Changed behind the cache");
    a.clock.advance(60_000);
    b.clock.advance(60_000);
    expect((await first(a, cassia.query))?.headline).toBe("The first headline of Cached Cassia");
    expect((await first(b, cassia.query))?.headline).toBe("The first headline of Cached Cassia");
    // The safety bound still holds.
    a.clock.advance(600_000);
    expect((await first(a, cassia.query))?.headline).toBe("Changed behind the cache");
    expect((await first(b, cassia.query))?.headline).toBe("The first headline of Cached Cassia");
  });

  it("drops pages on every node when a reader's status changes", async () => {
    const orla = await reader("Status Orla");
    await expectInvalidatedBy(orla, async () => {
      const online = await call(a, "PUT", "/api/v1/readers/me/status", orla.cookie, { status: "online" });
      expect(online.statusCode).toBe(200);
    });
    expect((await first(b, orla.query))?.status).toBe("online");
  });

  it("drops pages on every node when a reader edits their profile or rates", async () => {
    const pia = await reader("Profile Pia");
    await expectInvalidatedBy(pia, async () =>
      expect(
        (
          await call(a, "PATCH", "/api/v1/readers/me/profile", pia.cookie, {
            bio: "A new biography, edited: thirty years of tarot, astrology and careful listening.",
          })
        ).statusCode,
      ).toBe(200),
    );
    await expectInvalidatedBy(pia, async () =>
      expect(
        (await call(b, "PATCH", "/api/v1/readers/me/profile", pia.cookie, { rates: { chat: 175 } }))
          .statusCode,
      ).toBe(200),
    );
    expect((await first(a, pia.query))?.rates).toMatchObject({ chat: 175 });
  });

  it("drops pages on every node when a reader is suspended, and when their account is", async () => {
    const admin = await a.signedIn("admin");
    const sadie = await reader("Suspended Sadie");
    // Suspended, she is listed nowhere: both nodes stop showing her.
    await expectInvalidatedBy(
      sadie,
      async () => {
        const suspended = await call(a, "POST", `/api/v1/admin/users/${sadie.userId}/suspend`, admin.cookie, {
          reason: "testing the cache",
        });
        expect(suspended.statusCode, suspended.body).toBe(200);
      },
      (item) => item?.userId ?? "(not listed)",
      "(not listed)",
    );

    const astrid = await reader("Account Astrid");
    await expectInvalidatedBy(astrid, async () => {
      await a.database.pool.query("update users set status = 'suspended' where id = $1", [astrid.userId]);
      await a.database.pool.query("update users set status = 'active' where id = $1", [astrid.userId]);
    });
    await expectInvalidatedBy(astrid, async () => {
      await a.database.pool.query("update users set role = 'client' where id = $1", [astrid.userId]);
      await a.database.pool.query("update users set role = 'reader' where id = $1", [astrid.userId]);
    });
  });

  it("drops pages on every node when a reader's rating summary changes", async () => {
    const rhea = await reader("Rated Rhea");
    await expectInvalidatedBy(rhea, () =>
      a.database.db.transaction((tx) => a.services.readers.setRatingSummary(tx, rhea.userId, 4.5, 2)),
    );
    expect(await first(b, rhea.query)).toMatchObject({ ratingAverage: 4.5, ratingCount: 2 });
  });

  it("on a status change drops pages that show the reader or that they may enter, leave or move in", async () => {
    const stella = await reader("Steady Stella");
    const milo = await reader("Moving Milo");
    const pages = {
      stellaByPrice: stella.query,
      stellaRecommended: "q=Steady%20Stella&sort=recommended",
      miloByPrice: milo.query,
      miloOnline: "q=Moving%20Milo&online=true&sort=price",
      // Both of them (and every reader of the other tests) in the recommended order.
      everyoneRecommended: "sort=recommended&limit=100",
    };
    for (const query of Object.values(pages)) await first(a, query);
    expect(await first(a, pages.miloOnline)).toBeUndefined();
    await sneakHeadline(stella.userId, "Stella sneaked");
    await sneakHeadline(milo.userId, "Milo sneaked");
    expect((await first(a, pages.stellaByPrice))?.headline).toBe("The first headline of Steady Stella");
    expect((await first(a, pages.miloByPrice))?.headline).toBe("The first headline of Moving Milo");

    expect(
      (await call(b, "PUT", "/api/v1/readers/me/status", milo.cookie, { status: "online" })).statusCode,
    ).toBe(200);
    // Online only depends on status: recomputed, it shows Milo.
    expect(await eventually(async () => (await first(a, pages.miloOnline))?.headline, "Milo sneaked")).toBe(
      "Milo sneaked",
    );
    // A page showing Milo is recomputed, though its order does not depend on status.
    expect((await first(a, pages.miloByPrice))?.headline).toBe("Milo sneaked");
    // Stella's price page neither shows Milo nor depends on status: still served from memory.
    expect((await first(a, pages.stellaByPrice))?.headline).toBe("The first headline of Steady Stella");
    expect(await servedFromCache(a, pages.stellaByPrice)).toBe(true);
    // Stella's recommended page depends on status, but Milo cannot enter it (he does not match
    // its search): still served from memory.
    expect(await servedFromCache(a, pages.stellaRecommended)).toBe(true);
    expect((await first(a, pages.stellaRecommended))?.headline).toBe("The first headline of Steady Stella");
    // A recommended page he matches: he moved up among the online readers, so it is recomputed
    // (from the reader index, which reread Milo only, so Stella's sneaked headline is not seen:
    // only announced changes are).
    expect(await servedFromCache(a, pages.everyoneRecommended)).toBe(false);
    const everyone = await a.app.inject({
      method: "GET",
      url: `/api/v1/readers?${pages.everyoneRecommended}`,
    });
    const items = everyone.json().items as { userId: string; status: string; headline: string }[];
    expect(items.find((item) => item.userId === milo.userId)).toMatchObject({
      status: "online",
      headline: "Milo sneaked",
    });
    expect(items.find((item) => item.userId === stella.userId)?.headline).toBe(
      "The first headline of Steady Stella",
    );
  });

  it("serves exactly what the database holds through status changes, keeping the pages they miss", async () => {
    const uncached = await createTestApp({ ...ENV, BROWSE_CACHE_MS: "0" }, { databaseUrl: a.url });
    try {
      const tag = `status${Math.random().toString(36).slice(2, 7)}`;
      const ids: string[] = [];
      for (let index = 0; index < 24; index += 1) {
        const { user } = await a.createReader({
          displayName: `Statused ${index} ${tag}`,
          headline: `Headline ${index % 3 === 0 ? "tarot" : "astrology"}`,
          rates: { chat: 100 + (index % 5) * 50, voice: index % 2 === 0 ? null : 200 + index },
        });
        ids.push(user.id);
        // Ties and gaps in rating, so the recommended order turns on status, rating and id.
        await a.database.db.transaction((tx) =>
          a.services.readers.setRatingSummary(tx, user.id, [3, 4.5, 4.5, 5][index % 4] as number, index % 6),
        );
      }
      await settled();
      const queries = [
        `q=${tag}&sort=recommended&limit=5`,
        `q=${tag}&sort=recommended&limit=24`,
        `q=${tag}&sort=recommended&minRating=4.5&limit=3`,
        `q=${tag}&online=true&sort=price&limit=4`,
        `q=${tag}&online=true&sort=rating&modality=voice&limit=2`,
        `q=${tag}&online=true&sort=recommended&limit=3`,
      ];
      const statuses = ["online", "busy", "away", "offline"];
      let seed = 7;
      const next = () => {
        seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const hitsBefore = a.services.browse.browseCacheStats().hits;
      let pagesWalked = 0;
      for (let round = 0; round < 12; round += 1) {
        // One to three readers change status in one statement (one event naming them all).
        const changed = ids.filter(() => next() < 0.08).slice(0, 3);
        if (changed.length === 0) changed.push(ids[Math.floor(next() * ids.length)] as string);
        await a.database.pool.query(
          `update reader_profiles set status = $2, updated_at = now() where user_id = any($1)`,
          [changed, statuses[Math.floor(next() * statuses.length)]],
        );
        await settled();
        for (const query of queries) {
          const expected = await walk(uncached, query);
          pagesWalked += expected.length;
          expect(await walk(a, query), `${query} after round ${round}`).toEqual(expected);
        }
      }
      // Status changes kept many pages: more than a third were served from memory.
      expect(a.services.browse.browseCacheStats().hits - hitsBefore).toBeGreaterThan(pagesWalked / 3);
    } finally {
      await uncached.close();
    }
  });

  it("starts from empty after the event connection drops (events may have been missed)", async () => {
    const lars = await reader("Listening Lars");
    expect((await first(a, lars.query))?.headline).toBe("The first headline of Listening Lars");
    await sneakHeadline(lars.userId, "Heard after reconnecting");
    expect((await first(a, lars.query))?.headline).toBe("The first headline of Listening Lars");
    await a.database.pool.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where query = 'listen soulseer_events' and datname = current_database()",
    );
    // No page is served while not listening, and none survives the gap: once both nodes listen
    // again (not browsed in between), the first page is a fresh one.
    expect(await eventually(async () => a.services.bus.connected, false)).toBe(false);
    const listening = async () => a.services.bus.connected && b.services.bus.connected;
    expect(await eventually(listening, true, 10_000)).toBe(true);
    expect((await first(a, lars.query))?.headline).toBe("Heard after reconnecting");
  });

  it("shares one entry between queries that differ only in form, never between different pages", async () => {
    const { user } = await a.createReader({
      displayName: "Keyed Kestrel",
      headline: "The first headline of Kestrel",
      rates: { chat: 150 },
    });
    await settled();
    const headline = async (query: string) => (await first(a, query))?.headline;
    expect(await headline("q=Kestrel&sort=price&limit=25")).toBe("The first headline of Kestrel");
    await sneakHeadline(user.id, "Changed behind the cache");
    // The same page: parameters in another order, defaults left out or written out, spaces
    // around the search, online=false.
    for (const same of [
      "sort=price&q=Kestrel&limit=25",
      "q=Kestrel&sort=price",
      "q=%20Kestrel%20&sort=price&online=false",
    ]) {
      expect(await servedFromCache(a, same), same).toBe(true);
      expect(await headline(same), same).toBe("The first headline of Kestrel");
    }
    // Other pages: another sort, filter or search. (Another page size is served from the same
    // window of rows, as the test below checks.)
    for (const other of [
      "q=Kestrel&sort=rating",
      "q=Kestrel&sort=price&modality=chat",
      "q=kestrel&sort=price",
    ]) {
      expect(await servedFromCache(a, other), other).toBe(false);
    }
  });

  it("serves every page size and following page from one read, exactly as the database would", async () => {
    const uncached = await createTestApp({ ...ENV, BROWSE_CACHE_MS: "0" }, { databaseUrl: a.url });
    try {
      const tag = `walker${Math.random().toString(36).slice(2, 7)}`;
      for (let index = 0; index < 30; index += 1) {
        await a.createReader({
          displayName: `Walker ${index} ${tag}`,
          headline: `Headline ${index}`,
          // Ties on price, so pages turn on the user id as well.
          rates: { chat: 100 + (index % 7) * 10, voice: index % 3 === 0 ? null : 300 + index },
        });
      }
      await settled();
      for (const sort of ["price", "newest", "rating", "recommended"]) {
        for (const limit of [7, 1, 5, 30, 2]) {
          const query = `q=${tag}&sort=${sort}${sort === "price" ? "&modality=voice" : ""}&limit=${limit}`;
          const hitsBefore = a.services.browse.browseCacheStats().hits;
          const expected = await walk(uncached, query);
          expect(await walk(a, query), query).toEqual(expected);
          expect(await walk(a, query), `${query} again`).toEqual(expected);
          // All but the first page of the first walk, and all of the second, came from memory.
          expect(a.services.browse.browseCacheStats().hits - hitsBefore, query).toBeGreaterThanOrEqual(
            2 * expected.length - 1,
          );
        }
      }
    } finally {
      await uncached.close();
    }
  });
});
