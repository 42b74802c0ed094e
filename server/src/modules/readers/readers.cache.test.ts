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
});
