import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { eventually } from "../../../test/live-client.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ BROWSE_CACHE_MS: "60000", PRESENCE_OFFLINE_DELAY_MS: "600000" });
});
afterAll(async () => {
  await t.close();
});

describe("browse page cache", () => {
  it("serves a page from memory for its time, and drops it when any reader's status changes", async () => {
    const { user } = await t.createReader({
      displayName: "Cached Cassia",
      headline: "Readings that stay with you",
      rates: { chat: 150 },
    });
    const browse = async () =>
      (await t.app.inject({ method: "GET", url: "/api/v1/readers?q=Cassia" })).json().items[0]?.headline;
    expect(await browse()).toBe("Readings that stay with you");
    await t.database.pool.query(
      "update reader_profiles set headline = 'Changed behind the cache' where user_id = $1",
      [user.id],
    );
    expect(await browse()).toBe("Readings that stay with you");
    t.clock.advance(60_000);
    expect(await browse()).toBe("Changed behind the cache");

    await t.database.pool.query("update reader_profiles set headline = 'Changed again' where user_id = $1", [
      user.id,
    ]);
    expect(await browse()).toBe("Changed behind the cache");
    const cookie = await t.signIn(user.email);
    const online = await t.app.inject({
      method: "PUT",
      url: "/api/v1/readers/me/status",
      headers: { origin: TEST_ORIGIN, cookie },
      payload: { status: "online" },
    });
    expect(online.statusCode).toBe(200);
    expect(await eventually(browse, "Changed again")).toBe("Changed again");
  });

  it("shares one entry between queries that differ only in form, never between different pages", async () => {
    const { user } = await t.createReader({
      displayName: "Keyed Kestrel",
      headline: "The first headline of Kestrel",
      rates: { chat: 150 },
    });
    const headline = async (query: string) => {
      const response = await t.app.inject({ method: "GET", url: `/api/v1/readers?${query}` });
      expect(response.statusCode, query).toBe(200);
      return response.json().items[0]?.headline;
    };
    expect(await headline("q=Kestrel&sort=price&limit=25")).toBe("The first headline of Kestrel");
    await t.database.pool.query(
      "update reader_profiles set headline = 'Changed behind the cache' where user_id = $1",
      [user.id],
    );
    // The same page: parameters in another order, defaults left out or written out, spaces
    // around the search, online=false.
    for (const same of [
      "sort=price&q=Kestrel&limit=25",
      "q=Kestrel&sort=price",
      "q=%20Kestrel%20&sort=price&online=false",
    ]) {
      expect(await headline(same), same).toBe("The first headline of Kestrel");
    }
    // Other pages: another sort, size, filter or search.
    for (const other of [
      "q=Kestrel&sort=rating",
      "q=Kestrel&sort=price&limit=24",
      "q=Kestrel&sort=price&modality=chat",
      "q=kestrel&sort=price",
    ]) {
      expect(await headline(other), other).toBe("Changed behind the cache");
    }
  });
});
