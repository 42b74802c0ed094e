import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { readingKit } from "../../../test/readings-kit.js";

/**
 * Conversations on a real database: free messages and unread counts on both sides, paid replies
 * locked until the client pays (70/30, charged once under concurrent unlocks), the refusals
 * (short wallet, frozen wallet, spending limit, block, withdrawn), and who may call each route.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const kit = () => readingKit(t, "");
type Method = "GET" | "POST" | "PUT";
const call = (method: Method, url: string, cookie: string | null, payload?: object) =>
  kit().call(method, url, cookie, payload);

async function pair(balanceCents = 5_000) {
  const reader = await t.signedIn("reader");
  const client = await kit().fundedClient(balanceCents);
  const opened = await call("POST", "/api/v1/conversations", client.cookie, { readerUserId: reader.user.id });
  expect(opened.statusCode, opened.body).toBe(200);
  return { reader, client, conversationId: opened.json().conversation.id as string };
}

async function send(cookie: string, conversationId: string, payload: object) {
  const sent = await call("POST", `/api/v1/conversations/${conversationId}/messages`, cookie, payload);
  expect(sent.statusCode, sent.body).toBe(201);
  return sent.json().message as { id: string; body: string | null; locked: boolean };
}

const unread = async (cookie: string) =>
  (await call("GET", "/api/v1/conversations/unread", cookie)).json().unreadTotal as number;
const balance = (userId: string, kind: "wallet" | "earnings" = "wallet") =>
  t.services.ledger.balance(userId, kind);
/** Transfers that charged this client for paid replies. */
const paidReplyCharges = async (clientUserId: string) =>
  new Set(
    (await t.services.ledger.history(clientUserId, { code: "paid_reply", limit: 100 })).items.map(
      (item) => item.transferId,
    ),
  ).size;

describe("conversations", () => {
  it("keeps one conversation per pair, and unread counts per side until read anywhere", async () => {
    const { reader, client, conversationId } = await pair();
    const again = await call("POST", "/api/v1/conversations", client.cookie, {
      readerUserId: reader.user.id,
    });
    expect(again.json().conversation.id).toBe(conversationId);

    await send(client.cookie, conversationId, { body: "  Will the move go well?  " });
    await send(client.cookie, conversationId, { body: "And my sister?" });
    expect(await unread(reader.cookie)).toBe(2);
    const inbox = (await call("GET", "/api/v1/conversations", reader.cookie)).json();
    expect(inbox.unreadTotal).toBe(2);
    expect(inbox.items[0]).toMatchObject({
      id: conversationId,
      unread: 2,
      lastMessage: { body: "And my sister?" },
    });

    // The reader reads (on any device): the count is cleared on the server.
    const page = (
      await call("GET", `/api/v1/conversations/${conversationId}/messages`, reader.cookie)
    ).json();
    expect(page.items.map((message: { body: string }) => message.body)).toEqual([
      "Will the move go well?",
      "And my sister?",
    ]);
    expect(await unread(reader.cookie)).toBe(0);

    await send(reader.cookie, conversationId, { body: "Yes: the cards are kind to it." });
    expect(await unread(client.cookie)).toBe(1);
    const mine = (await call("GET", "/api/v1/conversations", client.cookie)).json();
    expect(mine.items[0]).toMatchObject({
      unread: 1,
      lastMessage: { side: "reader", body: "Yes: the cards are kind to it." },
    });
  });

  it("hides contact details from both sides and keeps what was written", async () => {
    const { reader, client, conversationId } = await pair();
    const sent = await send(client.cookie, conversationId, {
      body: "Call me on 07700 900123 or jo@mail.com",
    });
    expect(sent).toMatchObject({ body: "Call me on [number hidden] or [email hidden]", contactHidden: true });
    const paid = await send(reader.cookie, conversationId, {
      body: "Book on mysite.com instead",
      paid: { priceCents: 100, preview: "Or text +1 415 555 0134" },
    });
    expect(paid).toMatchObject({ body: "Book on [link hidden] instead", contactHidden: true });
    const seen = (
      await call("GET", `/api/v1/conversations/${conversationId}/messages`, client.cookie)
    ).json();
    expect(seen.items[1]).toMatchObject({
      body: null,
      preview: "Or text [number hidden]",
      contactHidden: true,
    });
    const stored = await t.database.pool.query(
      "select body from conversation_messages where conversation_id = $1 order by seq",
      [conversationId],
    );
    expect(stored.rows.map((row) => row.body)).toEqual([
      "Call me on 07700 900123 or jo@mail.com",
      "Book on mysite.com instead",
    ]);
    const plain = await send(client.cookie, conversationId, { body: "Born 1990-05-12, at 10:30." });
    expect(plain).toMatchObject({ body: "Born 1990-05-12, at 10:30.", contactHidden: false });
  });

  it("pages back through earlier messages", async () => {
    const { client, conversationId } = await pair();
    for (let index = 0; index < 5; index += 1) {
      t.clock.set(new Date(Date.now() + index * 1000));
      await send(client.cookie, conversationId, { body: `message ${index}` });
    }
    const url = `/api/v1/conversations/${conversationId}/messages`;
    const latest = (await call("GET", `${url}?limit=2`, client.cookie)).json();
    expect(latest.items.map((message: { body: string }) => message.body)).toEqual(["message 3", "message 4"]);
    expect(latest.hasEarlier).toBe(true);
    const earlier = (await call("GET", `${url}?limit=10&before=${latest.items[0].id}`, client.cookie)).json();
    expect(earlier.items.map((message: { body: string }) => message.body)).toEqual([
      "message 0",
      "message 1",
      "message 2",
    ]);
    expect(earlier.hasEarlier).toBe(false);
    t.clock.set(new Date());
  });

  it("refuses bad messages with a clear error and stores nothing", async () => {
    const { client, reader, conversationId } = await pair();
    const url = `/api/v1/conversations/${conversationId}/messages`;
    for (const [cookie, payload, code] of [
      [client.cookie, { body: "" }, "VALIDATION_FAILED"],
      [client.cookie, { body: "   " }, "VALIDATION_FAILED"],
      [client.cookie, { body: "x".repeat(4001) }, "VALIDATION_FAILED"],
      [client.cookie, { body: "<script>alert(1)</script>" }, "VALIDATION_FAILED"],
      [client.cookie, { body: 42 }, "VALIDATION_FAILED"],
      [client.cookie, { body: "pay me", paid: {} }, "VALIDATION_FAILED"],
      [reader.cookie, { body: "too cheap", paid: { priceCents: 99 } }, "VALIDATION_FAILED"],
      [reader.cookie, { body: "too dear", paid: { priceCents: 2501 } }, "VALIDATION_FAILED"],
      [reader.cookie, { body: "a price in text", paid: { priceCents: "500" } }, "VALIDATION_FAILED"],
      [client.cookie, { body: "a client's price", paid: { priceCents: 500 } }, "VALIDATION_FAILED"],
    ] as const) {
      const answer = await call("POST", url, cookie, payload);
      expect(answer.statusCode, JSON.stringify(payload)).toBe(400);
      expect(answer.json().error.code).toBe(code);
    }
    // Someone else's conversation, and one that does not exist, are not found.
    const stranger = await t.signedIn("client");
    const otherReader = await t.signedIn("reader");
    for (const [cookie, target] of [
      [stranger.cookie, url],
      [otherReader.cookie, url],
      [client.cookie, "/api/v1/conversations/7d0b2a4e-0000-4000-8000-000000000000/messages"],
    ] as const) {
      const answer = await call("POST", target, cookie, { body: "hello" });
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe("NOT_FOUND");
    }
    const page = (await call("GET", url, client.cookie)).json();
    expect(page.items).toEqual([]);
    expect(await unread(reader.cookie)).toBe(0);
  });

  it("counts every message of both sides sent at once, in order, with exact unread totals", async () => {
    const { reader, client, conversationId } = await pair();
    // The same reader's second conversation holds two unread messages already.
    const other = await kit().fundedClient(1_000);
    const second = (
      await call("POST", "/api/v1/conversations", other.cookie, { readerUserId: reader.user.id })
    ).json().conversation.id as string;
    await send(other.cookie, second, { body: "one" });
    await send(other.cookie, second, { body: "two" });
    const url = `/api/v1/conversations/${conversationId}/messages`;
    const answers = await Promise.all([
      ...Array.from({ length: 8 }, (_, index) =>
        call("POST", url, client.cookie, { body: `client ${index}` }),
      ),
      ...Array.from({ length: 12 }, (_, index) =>
        call("POST", url, reader.cookie, { body: `reader ${index}` }),
      ),
    ]);
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(201));
    expect(await unread(reader.cookie)).toBe(8 + 2);
    expect(await unread(client.cookie)).toBe(12);
    const page = (await call("GET", `${url}?limit=50`, client.cookie)).json();
    expect(page.items).toHaveLength(20);
    const inbox = (await call("GET", "/api/v1/conversations", reader.cookie)).json();
    const listed = inbox.items.find((item: { id: string }) => item.id === conversationId);
    expect(listed).toMatchObject({ unread: 8 });
    // The last message listed is the newest one written.
    expect(listed.lastMessage.id).toBe(page.items.at(-1)?.id);
  });
});

describe("rate limit", () => {
  it("lets a client send 10 messages a minute, then answers RATE_LIMITED with a retry time", async () => {
    const { client, conversationId } = await pair();
    for (let index = 0; index < 10; index += 1)
      await send(client.cookie, conversationId, { body: `note ${index}` });
    const refused = await call("POST", `/api/v1/conversations/${conversationId}/messages`, client.cookie, {
      body: "one too many",
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe("RATE_LIMITED");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    const page = (
      await call("GET", `/api/v1/conversations/${conversationId}/messages`, client.cookie)
    ).json();
    expect(page.items).toHaveLength(10);
  });

  it("counts a client's 10 a minute across app nodes on one database", async () => {
    const second = await createTestApp({}, { databaseUrl: t.url });
    try {
      const { client, conversationId } = await pair();
      const url = `/api/v1/conversations/${conversationId}/messages`;
      // Alternating nodes, five each, sent together: the shared limit lets exactly ten through.
      const answers = await Promise.all(
        Array.from({ length: 14 }, (_, index) =>
          kit().call("POST", url, client.cookie, { body: `note ${index}` }, index % 2 === 0 ? t : second),
        ),
      );
      const codes = answers.map((answer) => answer.statusCode);
      expect(codes.filter((code) => code === 201)).toHaveLength(10);
      expect(codes.filter((code) => code === 429)).toHaveLength(4);
      const stored = await t.database.pool.query(
        "select count(*)::int as count from conversation_messages where conversation_id = $1",
        [conversationId],
      );
      expect(stored.rows[0].count).toBe(10);
    } finally {
      await second.close();
    }
  });

  it("lets a reader answer many clients: 60 messages a minute", async () => {
    const { reader, conversationId } = await pair();
    const url = `/api/v1/conversations/${conversationId}/messages`;
    for (let index = 0; index < 60; index += 1)
      await send(reader.cookie, conversationId, { body: `answer ${index}` });
    expect((await call("POST", url, reader.cookie, { body: "one too many" })).statusCode).toBe(429);
  });
});

describe("paid replies", () => {
  it("stays locked for the client until paid, then shows at once; 70 % goes to the reader", async () => {
    const { reader, client, conversationId } = await pair(5_000);
    const paid = await send(reader.cookie, conversationId, {
      body: "The Star: hope returns by spring.",
      paid: { priceCents: 350, preview: "About your spring" },
    });
    expect(paid.body).toBe("The Star: hope returns by spring."); // the reader sees their own text
    const seen = (
      await call("GET", `/api/v1/conversations/${conversationId}/messages`, client.cookie)
    ).json();
    expect(seen.items[0]).toMatchObject({
      body: null,
      locked: true,
      priceCents: 350,
      preview: "About your spring",
    });

    const earningsBefore = await balance(reader.user.id, "earnings");
    const unlocked = await call("POST", `/api/v1/messages/${paid.id}/unlock`, client.cookie);
    expect(unlocked.statusCode, unlocked.body).toBe(200);
    expect(unlocked.json()).toMatchObject({
      message: { body: "The Star: hope returns by spring.", locked: false },
      balanceCents: 5_000 - 350,
    });
    expect(await balance(reader.user.id, "earnings")).toBe(earningsBefore + 245);
    // A reply with no price named costs $1.00.
    const plain = await send(reader.cookie, conversationId, { body: "One more card.", paid: {} });
    expect(plain).toMatchObject({ locked: true });
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("charges once for 20 concurrent unlocks of one reply", async () => {
    const { reader, client, conversationId } = await pair(5_000);
    const paid = await send(reader.cookie, conversationId, {
      body: "Three of Cups.",
      paid: { priceCents: 500 },
    });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => call("POST", `/api/v1/messages/${paid.id}/unlock`, client.cookie)),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
    expect(await balance(client.user.id)).toBe(4_500);
    expect(await paidReplyCharges(client.user.id)).toBe(1);
    expect((await t.services.ledger.verify()).violations).toEqual([]);
  });

  it("refuses a short wallet, a frozen one and a spending limit, charging nothing", async () => {
    const { reader, client, conversationId } = await pair(300);
    const paid = await send(reader.cookie, conversationId, { body: "The Moon.", paid: { priceCents: 400 } });
    const unlock = () => call("POST", `/api/v1/messages/${paid.id}/unlock`, client.cookie);
    const short = await unlock();
    expect(short.statusCode).toBe(402);
    expect(short.json().error.code).toBe("INSUFFICIENT_FUNDS");

    await kit().fund(client.user.id, 1_000);
    const limit = await call("PUT", "/api/v1/wallet/limits/daily", client.cookie, { limitCents: 300 });
    expect(limit.statusCode, limit.body).toBe(200);
    expect((await unlock()).json().error.code).toBe("SPENDING_LIMIT_REACHED");
    const raised = await call("PUT", "/api/v1/wallet/limits/daily", client.cookie, { limitCents: null });
    expect(raised.statusCode).toBe(200);
    // A raise waits 24 hours; a frozen wallet is refused as well.
    t.clock.set(new Date(t.clock.now().getTime() + 25 * 60 * 60_000));
    await t.database.pool.query(
      "update ledger_accounts set frozen_at = now() where owner_user_id = $1 and kind = 'wallet'",
      [client.user.id],
    );
    expect((await unlock()).json().error.code).toBe("ACCOUNT_FROZEN");
    expect(await balance(client.user.id)).toBe(1_300);
    expect(await paidReplyCharges(client.user.id)).toBe(0);
    await t.database.pool.query(
      "update ledger_accounts set frozen_at = null where owner_user_id = $1 and kind = 'wallet'",
      [client.user.id],
    );
    expect((await unlock()).statusCode).toBe(200);
    expect(await balance(client.user.id)).toBe(900);
    t.clock.set(new Date());
  });

  it("lets the reader withdraw a locked reply (then it cannot be bought), but not a paid one", async () => {
    const { reader, client, conversationId } = await pair(5_000);
    const first = await send(reader.cookie, conversationId, {
      body: "Withdrawn text.",
      paid: { priceCents: 200 },
    });
    const withdrawn = await call("POST", `/api/v1/messages/${first.id}/withdraw`, reader.cookie);
    expect(withdrawn.json().message).toMatchObject({ body: null, withdrawnAt: expect.any(String) });
    const refused = await call("POST", `/api/v1/messages/${first.id}/unlock`, client.cookie);
    expect(refused.statusCode).toBe(409);

    const second = await send(reader.cookie, conversationId, {
      body: "Kept text.",
      paid: { priceCents: 200 },
    });
    expect((await call("POST", `/api/v1/messages/${second.id}/unlock`, client.cookie)).statusCode).toBe(200);
    expect((await call("POST", `/api/v1/messages/${second.id}/withdraw`, reader.cookie)).statusCode).toBe(
      409,
    );
    expect(await balance(client.user.id)).toBe(4_800);
  });

  it("stops messages and unlocking once either side blocks; only the blocker unblocks", async () => {
    const { reader, client, conversationId } = await pair(5_000);
    const paid = await send(reader.cookie, conversationId, { body: "Locked.", paid: { priceCents: 100 } });
    const blocked = await call("PUT", `/api/v1/conversations/${conversationId}/block`, client.cookie, {
      blocked: true,
    });
    expect(blocked.json().conversation).toMatchObject({ blocked: true, blockedByYou: true });
    for (const cookie of [client.cookie, reader.cookie]) {
      const answer = await call("POST", `/api/v1/conversations/${conversationId}/messages`, cookie, {
        body: "hello?",
      });
      expect(answer.statusCode).toBe(409);
    }
    expect((await call("POST", `/api/v1/messages/${paid.id}/unlock`, client.cookie)).statusCode).toBe(409);
    const notYours = await call("PUT", `/api/v1/conversations/${conversationId}/block`, reader.cookie, {
      blocked: false,
    });
    expect(notYours.statusCode).toBe(403);
    await call("PUT", `/api/v1/conversations/${conversationId}/block`, client.cookie, { blocked: false });
    await send(reader.cookie, conversationId, { body: "Welcome back." });
    expect(await balance(client.user.id)).toBe(5_000);
  });
});

describe("who may call each route", () => {
  it("answers each role as it should, and a stranger with 401", async () => {
    const { reader, client, conversationId } = await pair(5_000);
    const paid = await send(reader.cookie, conversationId, { body: "Private.", paid: { priceCents: 100 } });
    const otherClient = await t.signedIn("client");
    const otherReader = await t.signedIn("reader");
    const admin = await t.signedIn("admin");
    const routes: [Method, string, object | undefined][] = [
      ["GET", `/api/v1/conversations/${conversationId}`, undefined],
      ["GET", `/api/v1/conversations/${conversationId}/messages`, undefined],
      ["POST", `/api/v1/conversations/${conversationId}/messages`, { body: "hi" }],
      ["PUT", `/api/v1/conversations/${conversationId}/block`, { blocked: true }],
      ["POST", `/api/v1/messages/${paid.id}/unlock`, undefined],
      ["POST", `/api/v1/messages/${paid.id}/withdraw`, undefined],
      ["PUT", `/api/v1/conversations/${conversationId}/archive`, { archived: true }],
      ["GET", `/api/v1/conversations/${conversationId}/history`, undefined],
      ["POST", `/api/v1/conversations/${conversationId}/reports`, { reason: "not mine to report" }],
    ];
    for (const [method, url, payload] of routes) {
      // Outsiders of the conversation: nothing to see (a client or reader) or not their role.
      for (const outsider of [otherClient, otherReader]) {
        const answer = await call(method, url, outsider.cookie, payload);
        expect([403, 404], `${method} ${url}`).toContain(answer.statusCode);
      }
      const asAdmin = await call(method, url, admin.cookie, payload);
      expect(asAdmin.statusCode, `${method} ${url} admin ${asAdmin.body}`).toBe(403);
      expect((await call(method, url, null, payload)).statusCode, `${method} ${url} stranger`).toBe(401);
    }
    // The reader cannot pay, the client cannot withdraw, a reader cannot open a conversation.
    expect((await call("POST", `/api/v1/messages/${paid.id}/unlock`, reader.cookie)).statusCode).toBe(403);
    expect((await call("POST", `/api/v1/messages/${paid.id}/withdraw`, client.cookie)).statusCode).toBe(403);
    expect(
      (await call("POST", "/api/v1/conversations", reader.cookie, { readerUserId: otherReader.user.id }))
        .statusCode,
    ).toBe(403);
    // A client cannot open a conversation with someone who is not a reader.
    const notReader = await call("POST", "/api/v1/conversations", client.cookie, {
      readerUserId: otherClient.user.id,
    });
    expect(notReader.statusCode).toBe(404);
    // Lists and counts are each person's own.
    for (const person of [otherClient, otherReader]) {
      expect((await call("GET", "/api/v1/conversations", person.cookie)).json()).toEqual({
        items: [],
        unreadTotal: 0,
      });
    }
    expect((await call("GET", "/api/v1/conversations", admin.cookie)).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/conversations/unread", null)).statusCode).toBe(401);
    // Saved replies are readers' own; the reports desk is the admins'.
    for (const cookie of [client.cookie, admin.cookie])
      expect(
        (await call("POST", "/api/v1/reply-templates", cookie, { title: "t", body: "b" })).statusCode,
      ).toBe(403);
    expect((await call("GET", "/api/v1/reply-templates", null)).statusCode).toBe(401);
    for (const cookie of [client.cookie, reader.cookie, otherReader.cookie])
      expect((await call("GET", "/api/v1/admin/conversation-reports", cookie)).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/admin/conversation-reports", null)).statusCode).toBe(401);
    expect((await call("GET", "/api/v1/admin/conversation-reports", admin.cookie)).statusCode).toBe(200);
    // A client's history is shown to their reader only.
    expect(
      (await call("GET", `/api/v1/conversations/${conversationId}/history`, client.cookie)).statusCode,
    ).toBe(403);
    expect(await balance(client.user.id)).toBe(5_000);
  });
});
