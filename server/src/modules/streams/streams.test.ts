import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { readingKit } from "../../../test/readings-kit.js";

/**
 * Live streams on a real database: the lifecycle and its refusals, who may call each route, gifts
 * and tickets through the ledger (exact cents, 70/30, once under races, refunds of a stream that
 * failed its viewers), private invitations, live chat with its limit and moderation, and the
 * timed changes (reconnects that ran out, missed starts).
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const kit = () => readingKit(t, "");
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
const call = (method: Method, url: string, cookie: string | null, payload?: object) =>
  kit().call(method, url, cookie, payload);
const key = () => randomUUID().replaceAll("-", "");
const balance = (userId: string, kind: "wallet" | "earnings" = "wallet") =>
  t.services.ledger.balance(userId, kind);

async function reader() {
  const { user } = await t.createReader();
  return { user, cookie: await t.signIn(user.email) };
}

async function stream(
  cookie: string,
  body: { visibility?: string; ticketPriceCents?: number; startsAt?: string; title?: string } = {},
  start = true,
) {
  const created = await call("POST", "/api/v1/streams", cookie, {
    title: body.title ?? "Full moon tarot",
    topic: "Tarot",
    visibility: body.visibility ?? "public",
    ...(body.ticketPriceCents !== undefined ? { ticketPriceCents: body.ticketPriceCents } : {}),
    ...(body.startsAt ? { startsAt: body.startsAt } : {}),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().stream.id as string;
  if (start) {
    const started = await call("POST", `/api/v1/streams/${id}/start`, cookie);
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().stream.status).toBe("live");
  }
  return id;
}

async function giftId(name: string) {
  const gifts = (await call("GET", "/api/v1/gifts", null)).json().items as { id: string; name: string }[];
  const gift = gifts.find((item) => item.name === name);
  if (!gift) throw new Error(`no gift ${name}`);
  return gift.id;
}

describe("the stream lifecycle", () => {
  it("schedules, goes live, ends; refuses what the machine does not define", async () => {
    const host = await reader();
    const id = await stream(host.cookie, {}, false);
    const listedBefore = (await call("GET", "/api/v1/streams?status=scheduled", null)).json().items;
    expect(listedBefore.map((item: { id: string }) => item.id)).toContain(id);

    expect((await call("POST", `/api/v1/streams/${id}/start`, host.cookie)).json().stream.status).toBe(
      "live",
    );
    const again = await call("POST", `/api/v1/streams/${id}/start`, host.cookie);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("INVALID_TRANSITION");
    const live = (await call("GET", "/api/v1/streams?status=live", null)).json().items;
    expect(live.map((item: { id: string }) => item.id)).toContain(id);

    // One stream on air at a time.
    const second = await stream(host.cookie, { title: "Another one" }, false);
    const refused = await call("POST", `/api/v1/streams/${second}/start`, host.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("CONFLICT");

    const ended = await call("POST", `/api/v1/streams/${id}/end`, host.cookie);
    expect(ended.json().stream).toMatchObject({ status: "ended", endReason: "ended_by_reader" });
    expect((await call("POST", `/api/v1/streams/${id}/end`, host.cookie)).statusCode).toBe(409);
    // Ending a scheduled one cancels it.
    expect((await call("POST", `/api/v1/streams/${second}/end`, host.cookie)).json().stream.status).toBe(
      "cancelled",
    );
  });

  it("validates what a reader sends", async () => {
    const host = await reader();
    const bad = [
      { title: "x", topic: "Tarot", visibility: "public" },
      { title: "Fine title", topic: "Tarot", visibility: "premium" },
      { title: "Fine title", topic: "Tarot", visibility: "public", ticketPriceCents: 500 },
      { title: "Fine title", topic: "Tarot", visibility: "premium", ticketPriceCents: 99 },
      { title: "Fine title", topic: "Tarot", visibility: "premium", ticketPriceCents: "500" },
      { title: "Fine title", topic: "Tarot", visibility: "secret" },
      { title: "Fine title", topic: "Tarot", visibility: "public", startsAt: "2001-01-01T00:00:00Z" },
      { title: "Fine title", topic: "Tarot", visibility: "public", startsAt: "tomorrow" },
    ];
    for (const body of bad) {
      const response = await call("POST", "/api/v1/streams", host.cookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toBe("VALIDATION_FAILED");
    }
    expect((await call("GET", "/api/v1/streams/not-a-uuid", null)).statusCode).toBe(400);
    expect((await call("GET", `/api/v1/streams/${randomUUID()}`, null)).statusCode).toBe(404);
  });

  it("lets only the stream's reader start and end it, and an admin end any with a reason", async () => {
    const host = await reader();
    const other = await reader();
    const client = await t.signedIn("client");
    const admin = await t.signedIn("admin");
    const id = await stream(host.cookie, {}, false);
    expect(
      (await call("POST", "/api/v1/streams", null, { title: "abc", topic: "x", visibility: "public" }))
        .statusCode,
    ).toBe(401);
    expect(
      (
        await call("POST", "/api/v1/streams", client.cookie, {
          title: "abcd",
          topic: "xy",
          visibility: "public",
        })
      ).statusCode,
    ).toBe(403);
    expect((await call("POST", `/api/v1/streams/${id}/start`, other.cookie)).statusCode).toBe(404);
    expect((await call("POST", `/api/v1/streams/${id}/start`, client.cookie)).statusCode).toBe(403);
    expect((await call("POST", `/api/v1/streams/${id}/start`, host.cookie)).statusCode).toBe(200);
    expect((await call("POST", `/api/v1/streams/${id}/end`, other.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/streams/${id}/summary`, other.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/streams/${id}/summary`, client.cookie)).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/admin/streams", host.cookie)).statusCode).toBe(403);
    const onAir = (await call("GET", "/api/v1/admin/streams", admin.cookie)).json().items;
    expect(onAir.map((item: { id: string }) => item.id)).toContain(id);
    expect((await call("POST", `/api/v1/admin/streams/${id}/end`, admin.cookie, {})).statusCode).toBe(400);
    const ended = await call("POST", `/api/v1/admin/streams/${id}/end`, admin.cookie, {
      reason: "Breaks the rules",
    });
    expect(ended.json().stream).toMatchObject({ status: "ended", endReason: "ended_by_admin" });
    const audit = await t.database.pool.query(
      "select details from audit_log where action = 'stream.end' and object_id = $1",
      [id],
    );
    expect(audit.rows[0]?.details).toMatchObject({ reason: "Breaks the rules" });
  });

  it("marks a live stream whose video no node carries as reconnecting after a minute", async () => {
    const host = await reader();
    const id = await stream(host.cookie);
    t.clock.advance(59_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("live");
    t.clock.advance(2_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("reconnecting");
    await call("POST", `/api/v1/streams/${id}/end`, host.cookie);
  });

  it("ends a reconnect after 2 minutes and cancels a start missed by 30 minutes", async () => {
    const host = await reader();
    const id = await stream(host.cookie);
    await t.services.streams.lifecycle.publisherChanged(id, false);
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("reconnecting");
    t.clock.advance(119_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("reconnecting");
    await t.services.streams.lifecycle.publisherChanged(id, true);
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream.status).toBe("live");
    await t.services.streams.lifecycle.publisherChanged(id, false);
    t.clock.advance(121_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${id}`, null)).json().stream).toMatchObject({
      status: "ended",
      endReason: "reconnect_expired",
    });

    const later = new Date(t.clock.now().getTime() + 60 * 60_000).toISOString();
    const scheduled = await stream(host.cookie, { startsAt: later }, false);
    t.clock.advance(60 * 60_000 + 29 * 60_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${scheduled}`, null)).json().stream.status).toBe("scheduled");
    t.clock.advance(2 * 60_000);
    await t.services.streams.lifecycle.sweep();
    expect((await call("GET", `/api/v1/streams/${scheduled}`, null)).json().stream).toMatchObject({
      status: "cancelled",
      endReason: "start_missed",
    });
  });
});

describe("gifts", () => {
  it("charges exact cents, splits 70/30, updates the board, and pays once per key", async () => {
    const host = await reader();
    const client = await kit().fundedClient(2_000);
    const id = await stream(host.cookie);
    const rose = await giftId("Rose");
    const star = await giftId("Star");
    const giftKey = key();
    const sent = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: star,
      idempotencyKey: giftKey,
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ gift: { name: "Star", priceCents: 500 }, balanceCents: 1_500 });
    expect(sent.json().board).toEqual([
      expect.objectContaining({ userId: client.user.id, totalCents: 500, giftCount: 1 }),
    ]);
    const repeat = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: rose,
      idempotencyKey: giftKey,
    });
    expect(repeat.statusCode).toBe(201);
    expect(repeat.json().gift.id).toBe(sent.json().gift.id);
    expect(await balance(client.user.id)).toBe(1_500);
    expect(await balance(host.user.id, "earnings")).toBe(350);

    await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, { giftId: rose, idempotencyKey: key() });
    const summary = (await call("GET", `/api/v1/streams/${id}/summary`, host.cookie)).json();
    expect(summary).toMatchObject({ giftCount: 2, giftCents: 600, earningsCents: 420 });
  });

  it("refuses gifts that may not be sent", async () => {
    const host = await reader();
    const client = await kit().fundedClient(150);
    const rose = await giftId("Rose");
    const scheduled = await stream(host.cookie, {}, false);
    const notLive = await call("POST", `/api/v1/streams/${scheduled}/gifts`, client.cookie, {
      giftId: rose,
      idempotencyKey: key(),
    });
    expect(notLive.statusCode).toBe(409);
    await call("POST", `/api/v1/streams/${scheduled}/end`, host.cookie);
    const id = await stream(host.cookie);
    const diamond = await giftId("Diamond");
    const short = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: diamond,
      idempotencyKey: key(),
    });
    expect(short.statusCode).toBe(402);
    expect(short.json().error.code).toBe("INSUFFICIENT_FUNDS");
    const own = await call("POST", `/api/v1/streams/${id}/gifts`, host.cookie, {
      giftId: rose,
      idempotencyKey: key(),
    });
    expect(own.statusCode).toBe(403);
    const unknown = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: randomUUID(),
      idempotencyKey: key(),
    });
    expect(unknown.statusCode).toBe(404);
    const badKey = await call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, {
      giftId: rose,
      idempotencyKey: "short",
    });
    expect(badKey.statusCode).toBe(400);
    expect(
      (await call("POST", `/api/v1/streams/${id}/gifts`, null, { giftId: rose, idempotencyKey: key() }))
        .statusCode,
    ).toBe(401);
    expect(await balance(client.user.id)).toBe(150);
  });

  it("lets exactly as many concurrent gifts through as the wallet covers", async () => {
    const host = await reader();
    const client = await kit().fundedClient(2_000);
    const id = await stream(host.cookie);
    const rose = await giftId("Rose");
    // 50 gifts of $1.00 at once from a wallet of $20.00: 20 succeed, 30 are refused, none twice.
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call("POST", `/api/v1/streams/${id}/gifts`, client.cookie, { giftId: rose, idempotencyKey: key() }),
      ),
    );
    const statuses = results.map((result) => result.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(20);
    expect(statuses.filter((status) => status === 402)).toHaveLength(30);
    expect(await balance(client.user.id)).toBe(0);
    expect(await balance(host.user.id, "earnings")).toBe(1_400);
    const board = (await call("GET", `/api/v1/streams/${id}/room`, client.cookie)).json().board;
    expect(board[0]).toMatchObject({ totalCents: 2_000, giftCount: 20 });
  });

  it("lets admins manage the catalog, audit-logged, and nobody else", async () => {
    // Admin sign-ins end after inactivity measured on the wall clock: bring the test clock back to it.
    t.clock.set(new Date());
    const admin = await t.signedIn("admin");
    const client = await t.signedIn("client");
    const all = (await call("GET", "/api/v1/admin/gifts", admin.cookie)).json().items;
    expect(all.map((gift: { name: string; priceCents: number }) => [gift.name, gift.priceCents])).toEqual(
      expect.arrayContaining([
        ["Rose", 100],
        ["Crystal", 250],
        ["Star", 500],
        ["Moon", 1000],
        ["Sun", 2500],
        ["Diamond", 5000],
      ]),
    );
    expect((await call("GET", "/api/v1/admin/gifts", client.cookie)).statusCode).toBe(403);
    const body = { name: `Comet ${key().slice(0, 6)}`, priceCents: 300, animation: "star" };
    expect((await call("POST", "/api/v1/admin/gifts", client.cookie, body)).statusCode).toBe(403);
    const created = await call("POST", "/api/v1/admin/gifts", admin.cookie, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(
      (await call("POST", "/api/v1/admin/gifts", admin.cookie, { ...body, name: body.name.toUpperCase() }))
        .statusCode,
    ).toBe(409);
    expect(
      (await call("POST", "/api/v1/admin/gifts", admin.cookie, { ...body, animation: "<script>" }))
        .statusCode,
    ).toBe(400);
    const id = created.json().id as string;
    const retired = await call("PATCH", `/api/v1/admin/gifts/${id}`, admin.cookie, { active: false });
    expect(retired.json().active).toBe(false);
    const active = (await call("GET", "/api/v1/gifts", null)).json().items;
    expect(active.map((gift: { id: string }) => gift.id)).not.toContain(id);
    const audit = await t.database.pool.query(
      "select action from audit_log where object_id = $1 order by id",
      [id],
    );
    expect(audit.rows.map((row) => row.action).sort()).toEqual(["gift.create", "gift.update"]);
  });
});

describe("premium and private streams", () => {
  it("sells one ticket per viewer, refunds all of them when the stream ends within 5 minutes", async () => {
    const host = await reader();
    const client = await kit().fundedClient(1_000);
    const id = await stream(host.cookie, { visibility: "premium", ticketPriceCents: 300 });
    const before = (await call("GET", `/api/v1/streams/${id}`, client.cookie)).json().stream.access;
    expect(before).toMatchObject({ canWatch: false, needsTicket: true });
    const chatRefused = await call("POST", `/api/v1/streams/${id}/chat`, client.cookie, { body: "hello" });
    expect(chatRefused.statusCode).toBe(403);
    expect((await call("GET", `/api/v1/streams/${id}/room`, null)).statusCode).toBe(403);
    const bought = await Promise.all(
      Array.from({ length: 5 }, () => call("POST", `/api/v1/streams/${id}/ticket`, client.cookie)),
    );
    for (const response of bought) expect(response.statusCode, response.body).toBe(200);
    expect(await balance(client.user.id)).toBe(700);
    expect(await balance(host.user.id, "earnings")).toBe(210);
    expect((await call("GET", `/api/v1/streams/${id}`, client.cookie)).json().stream.access).toMatchObject({
      canWatch: true,
      hasTicket: true,
    });
    expect((await call("POST", `/api/v1/streams/${id}/ticket`, host.cookie)).statusCode).toBe(403);
    const publicStream = await stream((await reader()).cookie);
    expect((await call("POST", `/api/v1/streams/${publicStream}/ticket`, client.cookie)).statusCode).toBe(
      409,
    );

    t.clock.advance(4 * 60_000);
    await call("POST", `/api/v1/streams/${id}/end`, host.cookie);
    expect(await balance(client.user.id)).toBe(1_000);
    expect(await balance(host.user.id, "earnings")).toBe(0);
    const notices = await t.services.notifications.list({ userId: client.user.id } as never, {});
    expect(notices.items.map((item: { kind: string }) => item.kind)).toContain("stream-ticket-refunded");
  });

  it("keeps the tickets of a premium stream that ran past 5 minutes", async () => {
    const host = await reader();
    const client = await kit().fundedClient(1_000);
    const id = await stream(host.cookie, { visibility: "premium", ticketPriceCents: 500 });
    await call("POST", `/api/v1/streams/${id}/ticket`, client.cookie);
    t.clock.advance(5 * 60_000 + 1_000);
    await call("POST", `/api/v1/streams/${id}/end`, host.cookie);
    expect(await balance(client.user.id)).toBe(500);
    expect(await balance(host.user.id, "earnings")).toBe(350);
  });

  it("shows a private stream only to the clients its reader invited", async () => {
    const host = await reader();
    const known = await t.signedIn("client");
    const stranger = await t.signedIn("client");
    const id = await stream(host.cookie, { visibility: "private" });
    expect((await call("GET", `/api/v1/streams/${id}`, stranger.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/v1/streams/${id}`, null)).statusCode).toBe(404);
    const listed = (await call("GET", "/api/v1/streams?status=live", null)).json().items;
    expect(listed.map((item: { id: string }) => item.id)).not.toContain(id);
    const refused = await call("POST", `/api/v1/streams/${id}/invitations`, host.cookie, {
      clientUserIds: [stranger.user.id],
    });
    expect(refused.statusCode).toBe(403);
    // A client who wrote to the reader may be invited.
    await call("POST", "/api/v1/conversations", known.cookie, { readerUserId: host.user.id });
    const invited = await call("POST", `/api/v1/streams/${id}/invitations`, host.cookie, {
      clientUserIds: [known.user.id],
    });
    expect(invited.json()).toEqual({ invited: 1 });
    expect(
      (
        await call("POST", `/api/v1/streams/${id}/invitations`, known.cookie, {
          clientUserIds: [known.user.id],
        })
      ).statusCode,
    ).toBe(403);
    expect((await call("GET", `/api/v1/streams/${id}`, known.cookie)).json().stream.access.canWatch).toBe(
      true,
    );
    const notices = await t.services.notifications.list({ userId: known.user.id } as never, {});
    expect(notices.items[0]).toMatchObject({ kind: "stream-invitation", link: `/live/${id}` });
    expect(
      (await call("POST", `/api/v1/streams/${id}/chat`, stranger.cookie, { body: "let me in" })).statusCode,
    ).toBe(404);
  });
});

describe("notices", () => {
  it("tells favorites and reminder holders when the reader goes live, and not for a private stream", async () => {
    const host = await reader();
    const fan = await t.signedIn("client");
    const reminded = await t.signedIn("client");
    expect(
      (await call("PUT", `/api/v1/favorites/${host.user.id}`, fan.cookie, { notifyOnline: false }))
        .statusCode,
    ).toBe(200);
    const later = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const id = await stream(host.cookie, { startsAt: later }, false);
    const remind = await call("PUT", `/api/v1/streams/${id}/reminder`, reminded.cookie, { on: true });
    expect(remind.json().stream.access.reminded).toBe(true);
    expect((await call("PUT", `/api/v1/streams/${id}/reminder`, null, { on: true })).statusCode).toBe(401);
    expect((await call("POST", `/api/v1/streams/${id}/start`, host.cookie)).statusCode).toBe(200);
    const kinds = async (userId: string) =>
      (await t.services.notifications.list({ userId } as never, {})).items
        .filter((item: { link: string | null }) => item.link === `/live/${id}`)
        .map((item: { kind: string }) => item.kind);
    expect(await kinds(fan.user.id)).toEqual(["favorite-live"]);
    expect(await kinds(reminded.user.id)).toEqual(["stream-reminder"]);
    // A reminder for a stream already live is refused.
    expect((await call("PUT", `/api/v1/streams/${id}/reminder`, fan.cookie, { on: true })).statusCode).toBe(
      409,
    );
    await call("POST", `/api/v1/streams/${id}/end`, host.cookie);

    // A cancelled stream tells those who asked to be reminded.
    const cancelled = await stream(host.cookie, { startsAt: later }, false);
    await call("PUT", `/api/v1/streams/${cancelled}/reminder`, reminded.cookie, { on: true });
    await call("POST", `/api/v1/streams/${cancelled}/end`, host.cookie);
    const cancelNotices = (
      await t.services.notifications.list({ userId: reminded.user.id } as never, {})
    ).items.filter((item: { link: string | null }) => item.link === `/live/${cancelled}`);
    expect(cancelNotices.map((item: { kind: string }) => item.kind)).toEqual(["stream-cancelled"]);

    const hidden = await stream(host.cookie, { visibility: "private" });
    expect(await kinds(fan.user.id)).toEqual(["favorite-live"]);
    expect(
      (await t.services.notifications.list({ userId: fan.user.id } as never, {})).items.some(
        (item: { link: string | null }) => item.link === `/live/${hidden}`,
      ),
    ).toBe(false);
    await call("POST", `/api/v1/streams/${hidden}/end`, host.cookie);
  });
});

describe("live chat", () => {
  it("shows messages with contact details masked, 5 per 10 s, and lets the reader delete and mute", async () => {
    const host = await reader();
    const viewer = await t.signedIn("client");
    const other = await t.signedIn("client");
    const id = await stream(host.cookie);
    const sent = await call("POST", `/api/v1/streams/${id}/chat`, viewer.cookie, {
      body: "  call me at 555-123-4567  ",
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().body).not.toContain("555-123-4567");
    for (let index = 0; index < 4; index++)
      expect(
        (await call("POST", `/api/v1/streams/${id}/chat`, viewer.cookie, { body: `line ${index}` }))
          .statusCode,
      ).toBe(201);
    const limited = await call("POST", `/api/v1/streams/${id}/chat`, viewer.cookie, { body: "one too many" });
    expect(limited.statusCode).toBe(429);
    expect(
      (await call("POST", `/api/v1/streams/${id}/chat`, viewer.cookie, { body: "x".repeat(501) })).statusCode,
    ).toBe(400);
    expect((await call("POST", `/api/v1/streams/${id}/chat`, null, { body: "hi" })).statusCode).toBe(401);

    const otherMessage = (
      await call("POST", `/api/v1/streams/${id}/chat`, other.cookie, { body: "<b>hello</b>" })
    ).json();
    expect(otherMessage.body).toBe("<b>hello</b>");
    expect(
      (await call("DELETE", `/api/v1/streams/${id}/chat/${otherMessage.id}`, other.cookie)).statusCode,
    ).toBe(403);
    expect(
      (await call("DELETE", `/api/v1/streams/${id}/chat/${otherMessage.id}`, host.cookie)).statusCode,
    ).toBe(204);
    expect(
      (await call("POST", `/api/v1/streams/${id}/mutes`, viewer.cookie, { userId: other.user.id }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/v1/streams/${id}/mutes`, host.cookie, { userId: host.user.id })).statusCode,
    ).toBe(409);
    expect(
      (await call("POST", `/api/v1/streams/${id}/mutes`, host.cookie, { userId: viewer.user.id })).statusCode,
    ).toBe(204);
    const chat = (await call("GET", `/api/v1/streams/${id}/chat`, null)).json().items;
    expect(chat).toEqual([]);
    t.clock.advance(11_000);
    const muted = await call("POST", `/api/v1/streams/${id}/chat`, viewer.cookie, { body: "am I muted?" });
    expect(muted.statusCode).toBe(403);
    const reply = await call("POST", `/api/v1/streams/${id}/chat`, host.cookie, { body: "Welcome all" });
    expect(reply.json().sender).toMatchObject({ userId: host.user.id, isReader: true });
  });
});

describe("account standing", () => {
  it("ends a suspended reader's stream and cancels the scheduled ones, refunding tickets", async () => {
    t.clock.set(new Date());
    const host = await reader();
    const client = await kit().fundedClient(1_000);
    const admin = await t.signedIn("admin");
    const live = await stream(host.cookie);
    const later = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const premium = await stream(
      host.cookie,
      { visibility: "premium", ticketPriceCents: 400, startsAt: later },
      false,
    );
    expect((await call("POST", `/api/v1/streams/${premium}/ticket`, client.cookie)).statusCode).toBe(200);
    const suspended = await call("POST", `/api/v1/admin/users/${host.user.id}/suspend`, admin.cookie, {
      reason: "Under review",
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((await call("GET", `/api/v1/streams/${live}`, null)).json().stream).toMatchObject({
      status: "ended",
      endReason: "account_suspended",
    });
    expect((await call("GET", `/api/v1/streams/${premium}`, null)).json().stream.status).toBe("cancelled");
    expect(await balance(client.user.id)).toBe(1_000);
    const cookie = await t.signIn(host.user.email);
    const create = await call("POST", "/api/v1/streams", cookie, {
      title: "Back again",
      topic: "Tarot",
      visibility: "public",
    });
    expect(create.statusCode).toBe(403);
    expect(create.json().error.code).toBe("ACCOUNT_SUSPENDED");
  });
});
