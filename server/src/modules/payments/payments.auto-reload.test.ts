import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { eventually } from "../../../test/live-client.js";
import { callAs } from "../../../test/payouts-kit.js";
import { READING_TEST_ENV, READING_TEST_RATE, readingKit } from "../../../test/readings-kit.js";

const MINUTE = 60_000;
const DAY = 86_400_000;

describe("auto-reload in the sandbox", () => {
  let t: TestApp;
  let kit: ReturnType<typeof readingKit>;
  const sockets: { close(): void }[] = [];

  beforeAll(async () => {
    t = await createTestApp(READING_TEST_ENV);
    kit = readingKit(t, await t.app.listen({ port: 0, host: "127.0.0.1" }));
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await t.close();
  });

  const settings = async (cookie: string) =>
    (await callAs(t, "GET", "/api/v1/wallet/auto-reload", cookie)).json();
  const balance = (userId: string) => t.services.ledger.balance(userId);

  /** Saves a pretend card through the sandbox's page and its signed event, and turns auto-reload on. */
  async function withAutoReload(
    cookie: string,
    card: "pays" | "authenticates" | "declines",
    options: { amountCents?: number; floorCents?: number | null } = {},
  ) {
    const started = await callAs(t, "POST", "/api/v1/wallet/saved-card", cookie);
    expect(started.statusCode, started.body).toBe(200);
    const checkoutId = new URL(started.json().url).pathname.split("/").at(-1);
    expect((await callAs(t, "GET", `/api/v1/sandbox/save-card/${checkoutId}`, cookie)).json()).toEqual({
      status: "open",
    });
    const saved = await callAs(t, "POST", `/api/v1/sandbox/save-card/${checkoutId}/complete`, cookie, {
      card,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().card).toMatchObject({
      brand: "visa",
      last4: { pays: "4242", authenticates: "3184", declines: "0002" }[card],
    });
    const on = await callAs(t, "PUT", "/api/v1/wallet/auto-reload", cookie, {
      enabled: true,
      amountCents: options.amountCents ?? 2_500,
      floorCents: options.floorCents ?? null,
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({
      enabled: true,
      savingCard: false,
      minIntervalMinutes: 10,
      maxPerDay: 5,
    });
  }

  const lowIn = (clientUserId: string, thresholdCents = 2 * READING_TEST_RATE) =>
    t.services.payments.autoReload.reloadIfLow([{ clientUserId, thresholdCents }]);

  // First, while the clock is where admins signed in (their sessions lapse when it jumps ahead).
  it("never charges a suspended client's card; forgetting it stays possible", async () => {
    const suspended = await t.signedIn("client");
    await withAutoReload(suspended.cookie, "pays");
    const admin = await t.signedIn("admin");
    const suspension = await callAs(
      t,
      "POST",
      `/api/v1/admin/users/${suspended.user.id}/suspend`,
      admin.cookie,
      {
        reason: "Chargeback pattern under review",
      },
    );
    expect(suspension.statusCode, suspension.body).toBe(200);
    expect((await lowIn(suspended.user.id))[0]?.outcome).toBe("account_not_active");
    expect(await balance(suspended.user.id)).toBe(0);
    // Forgetting the card stays possible while suspended.
    expect((await callAs(t, "DELETE", "/api/v1/wallet/saved-card", suspended.cookie)).statusCode).toBe(200);
  });

  it("tops up a client in a reading when the balance falls below 2 minutes, so the reading never pauses", async () => {
    const reader = await kit.onlineReader();
    const client = await kit.fundedClient(500);
    await withAutoReload(client.cookie, "pays");
    const requested = await callAs(t, "POST", "/api/v1/readings", client.cookie, {
      readerUserId: reader.user.id,
      modality: "chat",
      expectedRatePerUnitCents: READING_TEST_RATE,
    });
    const readingId = requested.json().reading.id as string;
    expect((await callAs(t, "POST", `/api/v1/readings/${readingId}/accept`, reader.cookie)).statusCode).toBe(
      200,
    );
    const clientLive = await kit.joinRoom(client.cookie, readingId);
    const readerLive = await kit.joinRoom(reader.cookie, readingId);
    sockets.push(clientLive, readerLive);
    // The first minute is held at the start: 301 left, under 2 minutes (398). The biller's next
    // batch sees it and the saved card adds $25.00 through the signed payment event.
    t.clock.advance(30_000);
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.tick();
    expect(await eventually(() => balance(client.user.id), 301 + 2_500)).toBe(2_801);
    const state = await settings(client.cookie);
    expect(state.last).toMatchObject({ amountCents: 2_500, status: "succeeded", failureMessage: null });
    // Minutes go on being held from the reloaded wallet: the reading stays active.
    for (let minute = 1; minute <= 3; minute += 1) {
      t.clock.advance(MINUTE);
      await kit.keepalive(clientLive, readerLive);
      await t.services.readings.tick();
    }
    expect((await kit.reading(readingId)).state).toBe("active");
    expect(await balance(client.user.id)).toBe(2_801 - 3 * READING_TEST_RATE);
    const topUps = await t.database.pool.query(
      "select status, kind, amount_cents from top_ups where user_id = $1",
      [client.user.id],
    );
    expect(topUps.rows).toEqual([{ status: "succeeded", kind: "auto_reload", amount_cents: "2500" }]);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("charges at most once per 10 minutes and 5 times a UTC day, and once when nodes race", async () => {
    const client = await t.signedIn("client");
    await withAutoReload(client.cookie, "pays", { amountCents: 500 });
    const threshold = 100_000; // always below: only the limits stop it
    const raced = await Promise.all([lowIn(client.user.id, threshold), lowIn(client.user.id, threshold)]);
    expect(
      raced
        .flat()
        .map((row) => row.outcome)
        .sort(),
    ).toEqual(["succeeded", "too_soon"]);
    expect(await balance(client.user.id)).toBe(500);
    t.clock.advance(9 * MINUTE);
    expect((await lowIn(client.user.id, threshold))[0]?.outcome).toBe("too_soon");
    // A fresh UTC day, 01:00: five reloads 10 minutes apart, then the day's limit.
    const day = Math.ceil(t.clock.now().getTime() / DAY) * DAY;
    t.clock.set(new Date(day + 60 * MINUTE));
    for (let made = 1; made <= 5; made += 1) {
      expect((await lowIn(client.user.id, threshold))[0]?.outcome).toBe("succeeded");
      t.clock.advance(10 * MINUTE);
    }
    expect((await lowIn(client.user.id, threshold))[0]?.outcome).toBe("daily_limit");
    t.clock.set(new Date(day + DAY + MINUTE));
    expect((await lowIn(client.user.id, threshold))[0]?.outcome).toBe("succeeded");
    const made = 6;
    expect(await balance(client.user.id)).toBe((made + 1) * 500);
  });

  it("shows a declined card's reason and adds nothing; a frozen wallet is never reloaded", async () => {
    const client = await t.signedIn("client");
    await withAutoReload(client.cookie, "declines");
    expect((await lowIn(client.user.id))[0]?.outcome).toBe("failed");
    expect((await settings(client.cookie)).last).toMatchObject({
      status: "failed",
      failureMessage: "Your card was declined.",
    });
    expect(await balance(client.user.id)).toBe(0);

    const frozen = await t.signedIn("client");
    await withAutoReload(frozen.cookie, "pays");
    t.clock.advance(11 * MINUTE);
    await t.services.ledger.setWalletFrozen(frozen.user.id, true, t.database.db);
    expect(await lowIn(frozen.user.id)).toEqual([]);
    expect((await settings(frozen.cookie)).last).toBeNull();
  });

  it("asks the client to confirm a 3-D Secure charge, and credits it only once the bank approves", async () => {
    const client = await t.signedIn("client");
    await withAutoReload(client.cookie, "authenticates", { amountCents: 1_000 });
    expect((await lowIn(client.user.id))[0]?.outcome).toBe("requires_action");
    const held = (await settings(client.cookie)).last;
    expect(held).toMatchObject({ status: "requires_action", amountCents: 1_000 });
    expect(await balance(client.user.id)).toBe(0);
    const other = await t.signedIn("client");
    expect(
      (await callAs(t, "POST", `/api/v1/wallet/auto-reloads/${held.topUpId}/authenticate`, other.cookie))
        .statusCode,
    ).toBe(404);
    const asked = await callAs(
      t,
      "POST",
      `/api/v1/wallet/auto-reloads/${held.topUpId}/authenticate`,
      client.cookie,
    );
    expect(asked.statusCode, asked.body).toBe(200);
    expect(new URL(asked.json().url).pathname).toBe(`/sandbox/authenticate/${held.topUpId}`);
    const page = await callAs(t, "GET", `/api/v1/sandbox/authenticate/${held.topUpId}`, client.cookie);
    expect(page.json().topUp).toMatchObject({ status: "requires_action", kind: "auto_reload" });
    const approved = await callAs(
      t,
      "POST",
      `/api/v1/sandbox/authenticate/${held.topUpId}/complete`,
      client.cookie,
      {
        outcome: "approve",
      },
    );
    expect(approved.json().topUp.status).toBe("succeeded");
    expect(await balance(client.user.id)).toBe(1_000);
    // Approving again changes nothing.
    await callAs(t, "POST", `/api/v1/sandbox/authenticate/${held.topUpId}/complete`, client.cookie, {
      outcome: "approve",
    });
    expect(await balance(client.user.id)).toBe(1_000);

    t.clock.advance(11 * MINUTE);
    expect((await lowIn(client.user.id, 5_000))[0]?.outcome).toBe("requires_action");
    const second = (await settings(client.cookie)).last;
    const failed = await callAs(
      t,
      "POST",
      `/api/v1/sandbox/authenticate/${second.topUpId}/complete`,
      client.cookie,
      {
        outcome: "fail",
      },
    );
    expect(failed.json().topUp).toMatchObject({
      status: "failed",
      failureMessage: "Your bank could not confirm this payment.",
    });
    expect(await balance(client.user.id)).toBe(1_000);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("reloads outside readings below the client's floor, through the timer's sweep", async () => {
    const client = await t.signedIn("client");
    await withAutoReload(client.cookie, "pays", { amountCents: 1_500, floorCents: 300 });
    const swept = await t.services.payments.autoReload.sweepFloors();
    expect(swept.find((row) => row.userId === client.user.id)?.outcome).toBe("succeeded");
    expect(await balance(client.user.id)).toBe(1_500);
    t.clock.advance(11 * MINUTE);
    const again = await t.services.payments.autoReload.sweepFloors();
    expect(again.some((row) => row.userId === client.user.id)).toBe(false);
  });

  it("refuses bad settings with a code, needs a card to turn on, and forgets a removed card", async () => {
    const client = await t.signedIn("client");
    const put = (body: unknown) =>
      callAs(t, "PUT", "/api/v1/wallet/auto-reload", client.cookie, body as object);
    const noCard = await put({ enabled: true, amountCents: 2_500, floorCents: null });
    expect(noCard.statusCode).toBe(409);
    expect(noCard.json().error.code).toBe("NO_SAVED_CARD");
    for (const body of [
      { enabled: true, amountCents: 499, floorCents: null },
      { enabled: true, amountCents: 50_001, floorCents: null },
      { enabled: true, amountCents: "2500", floorCents: null },
      { enabled: "yes", amountCents: 2_500, floorCents: null },
      { enabled: true, amountCents: 2_500, floorCents: 50 },
      { enabled: true, amountCents: 2_500 },
    ]) {
      const answer = await put(body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect((await settings(client.cookie)).enabled).toBe(false);
    await withAutoReload(client.cookie, "pays");
    const removed = await callAs(t, "DELETE", "/api/v1/wallet/saved-card", client.cookie);
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toMatchObject({ card: null, enabled: false });
    expect(await lowIn(client.user.id)).toEqual([]);
    // Strangers get 401; a setup page of another client is not found.
    for (const [method, url] of [
      ["GET", "/api/v1/wallet/auto-reload"],
      ["PUT", "/api/v1/wallet/auto-reload"],
      ["POST", "/api/v1/wallet/saved-card"],
      ["DELETE", "/api/v1/wallet/saved-card"],
      ["POST", `/api/v1/wallet/auto-reloads/${randomUUID()}/authenticate`],
    ] as const)
      expect((await callAs(t, method, url, null, method === "PUT" ? {} : undefined)).statusCode, url).toBe(
        401,
      );
    const mine = await callAs(t, "POST", "/api/v1/wallet/saved-card", client.cookie);
    const checkoutId = new URL(mine.json().url).pathname.split("/").at(-1);
    const other = await t.signedIn("client");
    const foreign = await callAs(
      t,
      "POST",
      `/api/v1/sandbox/save-card/${checkoutId}/complete`,
      other.cookie,
      {
        card: "pays",
      },
    );
    expect(foreign.statusCode).toBe(404);
    expect((await settings(other.cookie)).card).toBeNull();
  });
});
