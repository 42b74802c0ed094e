import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../test/harness.js";
import { type LiveMessage, openLive } from "../../../test/live-client.js";
import { READING_TEST_ENV, readingKit } from "../../../test/readings-kit.js";

/**
 * What goes around a conversation, on a real database and real sockets: live events to both
 * people (new messages, read receipts, unlocks), the bell, offline emails (10 minutes, one an hour,
 * never a locked reply's text), the reader's inbox filters and archive, saved replies, the client's
 * history beside a conversation, a reader writing first, reports read by admins (audit-logged),
 * and crisis language flagged on a client's message.
 */
let t: TestApp;
let baseUrl: string;
beforeAll(async () => {
  // The email timer effectively off: the tests run the sweep themselves after moving the clock.
  t = await createTestApp({ ...READING_TEST_ENV, MESSAGE_EMAIL_CHECK_MS: "86400000" });
  baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
});
afterAll(async () => {
  await t.close();
});

const kit = () => readingKit(t, baseUrl);
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
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
  return sent.json().message as { id: string; body: string | null; locked: boolean; crisis: boolean };
}

const readAll = (cookie: string, conversationId: string) =>
  call("GET", `/api/v1/conversations/${conversationId}/messages`, cookie);
const event = (name: string) => (message: LiveMessage) => message.event === name;
const messageIn = (live: LiveMessage) =>
  live.data?.message as { id: string; body: string | null } | undefined;
const emailsTo = async (userId: string) =>
  (
    await t.database.pool.query<{ subject: string; text_body: string }>(
      `select subject, text_body from email_outbox o join users u on lower(u.email) = lower(o.to_address)
       where u.id = $1 and o.kind = 'message-unread' order by o.created_at`,
      [userId],
    )
  ).rows;
const notificationsOf = async (userId: string) =>
  (
    await t.database.pool.query<{ title: string; body: string; link: string }>(
      "select title, body, link from notifications where user_id = $1 and kind = 'message' order by created_at",
      [userId],
    )
  ).rows;

// First: the admin's session is judged by inactivity on the test clock, which later tests move on.
describe("reports", () => {
  it("goes to the admins, who read the conversation as written, audit-logged", async () => {
    const { reader, client, conversationId } = await pair();
    const admin = await t.signedIn("admin");
    await send(reader.cookie, conversationId, { body: "Pay me direct at me@mail.com" });
    const filed = await call("POST", `/api/v1/conversations/${conversationId}/reports`, client.cookie, {
      reason: "Asks me to pay outside",
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const reportId = filed.json().report.id as string;
    const bell = await t.database.pool.query(
      "select link from notifications where user_id = $1 and kind = 'conversation-report'",
      [admin.user.id],
    );
    expect(bell.rows.map((row) => row.link)).toContain(`/admin/reports/${reportId}`);

    const stranger = await t.signedIn("client");
    expect(
      (
        await call("POST", `/api/v1/conversations/${conversationId}/reports`, stranger.cookie, {
          reason: "spam spam",
        })
      ).statusCode,
    ).toBe(404);
    for (const cookie of [client.cookie, reader.cookie])
      for (const path of [reportId, `${reportId}/summary`])
        expect((await call("GET", `/api/v1/admin/conversation-reports/${path}`, cookie)).statusCode).toBe(
          403,
        );
    // The summary (who, whom, why) is not a read of the conversation: no text, nothing audited.
    const summary = await call("GET", `/api/v1/admin/conversation-reports/${reportId}/summary`, admin.cookie);
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().report).toMatchObject({
      id: reportId,
      reason: "Asks me to pay outside",
      resolvedAt: null,
    });
    expect(summary.body).not.toContain("me@mail.com");
    const missing = await call(
      "GET",
      "/api/v1/admin/conversation-reports/7d0b2a4e-0000-4000-8000-000000000000/summary",
      admin.cookie,
    );
    expect(missing.statusCode).toBe(404);

    const listed = await call("GET", "/api/v1/admin/conversation-reports", admin.cookie);
    expect(listed.statusCode, listed.body).toBe(200);
    const open = listed.json();
    expect(open.items.map((item: { id: string }) => item.id)).toContain(reportId);
    const read = await call("GET", `/api/v1/admin/conversation-reports/${reportId}`, admin.cookie);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().messages[0]).toMatchObject({
      body: "Pay me direct at me@mail.com",
      contactHidden: true,
    });
    const audit = await t.database.pool.query(
      "select actor_user_id, details from audit_log where action = 'conversation.read' and object_id = $1",
      [conversationId],
    );
    expect(audit.rows).toEqual([{ actor_user_id: admin.user.id, details: { reportId } }]);

    const resolved = await call(
      "POST",
      `/api/v1/admin/conversation-reports/${reportId}/resolve`,
      admin.cookie,
      {
        resolution: "Warned the reader",
      },
    );
    expect(resolved.json().report).toMatchObject({ resolution: "Warned the reader" });
    expect(
      (
        await call("POST", `/api/v1/admin/conversation-reports/${reportId}/resolve`, admin.cookie, {
          resolution: "Again",
        })
      ).statusCode,
    ).toBe(409);
    const closed = (
      await call("GET", "/api/v1/admin/conversation-reports?status=resolved", admin.cookie)
    ).json();
    expect(closed.items.map((item: { id: string }) => item.id)).toContain(reportId);
  });
});

describe("live updates", () => {
  it("tells both people of messages, read receipts and unlocks, each as they see them", async () => {
    const { reader, client, conversationId } = await pair();
    const readerLive = await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN });
    const clientLive = await openLive(baseUrl, { cookie: client.cookie, origin: TEST_ORIGIN });
    // Another client, another reader and an admin hear none of it, even asking for the rooms.
    const outsiders = await Promise.all(
      [await t.signedIn("client"), await t.signedIn("reader"), await t.signedIn("admin")].map((person) =>
        openLive(baseUrl, { cookie: person.cookie, origin: TEST_ORIGIN }),
      ),
    );
    for (const outsider of outsiders) {
      const answer = await outsider.subscribe([`user:${client.user.id}`, `user:${reader.user.id}`]);
      expect(answer.topics ?? []).toEqual([]);
    }
    try {
      const sent = await send(client.cookie, conversationId, { body: "Is he the one?" });
      const heard = await readerLive.next(event("message.new"));
      expect(heard.data).toMatchObject({
        conversationId,
        unread: 1,
        unreadTotal: 1,
        message: { id: sent.id, body: "Is he the one?", side: "client" },
      });
      // The sender's other devices hear it too (their counts unchanged).
      expect((await clientLive.next(event("message.new"))).data).toMatchObject({ unread: 0, unreadTotal: 0 });

      expect((await readAll(reader.cookie, conversationId)).statusCode).toBe(200);
      const receipt = await clientLive.next(event("conversation.read"));
      expect(receipt.data).toMatchObject({ conversationId, side: "reader", unread: 0 });
      expect((await readerLive.next(event("conversation.read"))).data).toMatchObject({
        side: "reader",
        unread: 0,
        unreadTotal: 0,
      });
      const seen = (await call("GET", `/api/v1/conversations/${conversationId}`, client.cookie)).json();
      expect(seen.conversation.otherReadAt).toBe(receipt.data?.readAt);

      const paid = await send(reader.cookie, conversationId, {
        body: "The full answer.",
        paid: { priceCents: 300, preview: "Yes, and…" },
      });
      const locked = await clientLive.next(event("message.new"));
      expect(locked.data).toMatchObject({
        message: { id: paid.id, body: null, locked: true, preview: "Yes, and…" },
      });
      expect((await call("POST", `/api/v1/messages/${paid.id}/unlock`, client.cookie)).statusCode).toBe(200);
      expect((await clientLive.next(event("message.updated"))).data).toMatchObject({
        message: { id: paid.id, body: "The full answer.", locked: false },
      });
      expect((await readerLive.next(event("message.updated"))).data).toMatchObject({
        message: { id: paid.id, locked: false },
      });
      for (const outsider of outsiders)
        expect(
          outsider.messages.filter((message) => /^(message|conversation)\./.test(message.event ?? "")),
        ).toEqual([]);
    } finally {
      await Promise.all([readerLive.close(), clientLive.close(), ...outsiders.map((live) => live.close())]);
    }
  });

  it("delivers any text as written, and lets a client who became a reader write as the client", async () => {
    const { reader, client, conversationId } = await pair();
    const readerLive = await openLive(baseUrl, { cookie: reader.cookie, origin: TEST_ORIGIN });
    try {
      // Text that looks like the statement's holes, quotes, backslashes and other scripts.
      for (const body of ['"@@unread@@" \\ "@@cafe-babe@@"', 'Ça va? 你好 🌙 "quoted"']) {
        const sent = await send(client.cookie, conversationId, { body });
        const heard = await readerLive.next(
          (message) => message.event === "message.new" && messageIn(message)?.id === sent.id,
        );
        expect(messageIn(heard)?.body).toBe(body);
      }
      await t.database.pool.query("update users set role = 'reader' where id = $1", [client.user.id]);
      const later = await send(client.cookie, conversationId, { body: "Still me." });
      expect(later).toMatchObject({ body: "Still me." });
      const heard = await readerLive.next(
        (message) => message.event === "message.new" && messageIn(message)?.id === later.id,
      );
      expect(heard.data).toMatchObject({ unread: 3, message: { side: "client" } });
    } finally {
      await readerLive.close();
    }
  });

  it("rings the bell once per conversation until it is read, and never shows a locked reply", async () => {
    const { reader, client, conversationId } = await pair();
    await send(client.cookie, conversationId, { body: "First" });
    await send(client.cookie, conversationId, { body: "Second" });
    expect(await notificationsOf(reader.user.id)).toEqual([
      expect.objectContaining({ body: "First", link: `/messages/${conversationId}` }),
    ]);
    const unreadBell = async (cookie: string) =>
      (await call("GET", "/api/v1/notifications", cookie)).json().unreadCount as number;
    expect(await unreadBell(reader.cookie)).toBe(1);
    // Reading the conversation reads its bell notification too.
    await readAll(reader.cookie, conversationId);
    expect(await unreadBell(reader.cookie)).toBe(0);
    await send(client.cookie, conversationId, { body: "Third" });
    expect((await notificationsOf(reader.user.id)).map((row) => row.body)).toEqual(["First", "Third"]);

    await send(reader.cookie, conversationId, { body: "Secret words", paid: { priceCents: 100 } });
    const [bell] = await notificationsOf(client.user.id);
    expect(bell?.body).toBe("A paid reply ($1.00). Unlock it to read it.");
    expect(bell?.title).toMatch(/^New message from /);
  });
});

describe("emails about unread messages", () => {
  it("emails a recipient offline for 10 minutes, once an hour, without a locked reply's text", async () => {
    const { reader, client, conversationId } = await pair();
    await send(reader.cookie, conversationId, {
      body: "Hidden until paid",
      paid: { priceCents: 500, preview: "A hint" },
    });
    await t.services.messaging.sweepEmails();
    expect(await emailsTo(client.user.id)).toEqual([]);

    t.clock.advance(10 * 60_000 + 1_000);
    await t.services.messaging.sweepEmails();
    const [email] = await emailsTo(client.user.id);
    expect(email?.text_body).toContain("A paid reply ($5.00): “A hint”. Unlock it to read it.");
    expect(email?.text_body).toContain(`/messages/${conversationId}`);
    expect(email?.text_body).not.toContain("Hidden until paid");

    // More messages within the hour: no second email; after the hour, one more.
    await send(reader.cookie, conversationId, { body: "Free words" });
    t.clock.advance(20 * 60_000);
    await t.services.messaging.sweepEmails();
    expect(await emailsTo(client.user.id)).toHaveLength(1);
    t.clock.advance(41 * 60_000);
    await t.services.messaging.sweepEmails();
    const emails = await emailsTo(client.user.id);
    expect(emails).toHaveLength(2);
    expect(emails[1]?.text_body).toContain("2 messages");
    expect(emails[1]?.text_body).toContain("Free words");
  });

  it("does not email someone who read the messages or is online", async () => {
    const { reader, client, conversationId } = await pair();
    await send(client.cookie, conversationId, { body: "Read me" });
    await readAll(reader.cookie, conversationId);
    const clientLive = await openLive(baseUrl, { cookie: client.cookie, origin: TEST_ORIGIN });
    try {
      await t.services.presence.settled();
      await send(reader.cookie, conversationId, { body: "You are online" });
      t.clock.advance(11 * 60_000);
      await t.services.messaging.sweepEmails();
      expect(await emailsTo(reader.user.id)).toEqual([]);
      expect(await emailsTo(client.user.id)).toEqual([]);
    } finally {
      await clientLive.close();
    }
    // Gone now: 10 minutes after they left, the still-unread message is emailed.
    await t.services.presence.settled();
    t.clock.advance(5 * 60_000);
    await t.services.messaging.sweepEmails();
    expect(await emailsTo(client.user.id)).toEqual([]);
    t.clock.advance(6 * 60_000);
    await t.services.messaging.sweepEmails();
    expect(await emailsTo(client.user.id)).toHaveLength(1);
  });
});

describe("the reader's inbox", () => {
  it("puts conversations waiting on the reader first, filters them, and archives per side", async () => {
    const reader = await t.signedIn("reader");
    const clients = [await t.signedIn("client"), await t.signedIn("client"), await t.signedIn("client")];
    const ids: string[] = [];
    for (const client of clients) {
      const opened = await call("POST", "/api/v1/conversations", client.cookie, {
        readerUserId: reader.user.id,
      });
      ids.push(opened.json().conversation.id);
      await send(client.cookie, opened.json().conversation.id, { body: "Hello" });
      t.clock.advance(1_000);
    }
    // A client who opened a conversation but wrote nothing is in nobody's list yet.
    const silent = await t.signedIn("client");
    await call("POST", "/api/v1/conversations", silent.cookie, { readerUserId: reader.user.id });
    expect((await call("GET", "/api/v1/conversations", silent.cookie)).json().items).toEqual([]);
    // The reader answers the first; the latest activity is now that answer.
    await send(reader.cookie, ids[0] as string, { body: "Hello to you" });
    t.clock.advance(1_000);
    const list = async (filter?: string) =>
      (await call("GET", `/api/v1/conversations${filter ? `?filter=${filter}` : ""}`, reader.cookie)).json()
        .items as { id: string; awaitingReply: boolean; archived: boolean }[];
    expect((await list()).map((item) => item.id)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await list()).map((item) => item.awaitingReply)).toEqual([true, true, false]);
    expect((await list("unanswered")).map((item) => item.id)).toEqual([ids[2], ids[1]]);

    const archived = await call("PUT", `/api/v1/conversations/${ids[1]}/archive`, reader.cookie, {
      archived: true,
    });
    expect(archived.json().conversation).toMatchObject({ archived: true });
    expect((await list()).map((item) => item.id)).toEqual([ids[2], ids[0]]);
    expect((await list("archived")).map((item) => item.id)).toEqual([ids[1]]);
    // The client's own list is untouched by the reader's archive; their next message brings it back.
    const clientList = (await call("GET", "/api/v1/conversations", clients[1]?.cookie ?? null)).json();
    expect(clientList.items[0]).toMatchObject({ id: ids[1], archived: false });
    await send(clients[1]?.cookie as string, ids[1] as string, { body: "Still there?" });
    expect((await list()).map((item) => item.id)).toEqual([ids[1], ids[2], ids[0]]);
    expect(await list("archived")).toEqual([]);
    expect((await call("GET", "/api/v1/conversations?filter=nope", reader.cookie)).statusCode).toBe(400);
  });

  it("keeps saved replies per reader, up to 50", async () => {
    const reader = await t.signedIn("reader");
    const other = await t.signedIn("reader");
    const client = await t.signedIn("client");
    const created = await call("POST", "/api/v1/reply-templates", reader.cookie, {
      title: "Welcome",
      body: "Thank you for writing to me.",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().template.id as string;
    expect((await call("GET", "/api/v1/reply-templates", reader.cookie)).json().items).toHaveLength(1);
    expect((await call("GET", "/api/v1/reply-templates", other.cookie)).json().items).toEqual([]);
    expect((await call("GET", "/api/v1/reply-templates", client.cookie)).statusCode).toBe(403);
    expect((await call("GET", "/api/v1/reply-templates", null)).statusCode).toBe(401);
    const changed = await call("PUT", `/api/v1/reply-templates/${id}`, reader.cookie, {
      title: "Welcome back",
      body: "Good to hear from you.",
    });
    expect(changed.json().template).toMatchObject({ title: "Welcome back", body: "Good to hear from you." });
    expect(
      (await call("PUT", `/api/v1/reply-templates/${id}`, other.cookie, { title: "x", body: "y" }))
        .statusCode,
    ).toBe(404);
    expect((await call("DELETE", `/api/v1/reply-templates/${id}`, other.cookie)).statusCode).toBe(404);
    expect(
      (await call("POST", "/api/v1/reply-templates", reader.cookie, { title: " ", body: "x" })).json().error
        .code,
    ).toBe("VALIDATION_FAILED");
    expect(
      (await call("POST", "/api/v1/reply-templates", reader.cookie, { title: "<b>x</b>", body: "x" }))
        .statusCode,
    ).toBe(400);
    expect((await call("DELETE", `/api/v1/reply-templates/${id}`, reader.cookie)).statusCode).toBe(204);
    expect((await call("GET", "/api/v1/reply-templates", reader.cookie)).json().items).toEqual([]);

    // Fifty, written at once from many tabs: never more.
    await Promise.all(
      Array.from({ length: 55 }, (_, index) =>
        t.services.messaging.templates
          .create({ userId: reader.user.id, role: "reader" } as never, { title: `T${index}`, body: "b" })
          .catch((error: { code?: string }) => error.code),
      ),
    );
    expect((await call("GET", "/api/v1/reply-templates", reader.cookie)).json().items).toHaveLength(50);
    expect(
      (await call("POST", "/api/v1/reply-templates", reader.cookie, { title: "One more", body: "b" })).json()
        .error.code,
    ).toBe("CONFLICT");
  });

  it("shows a reader the client's readings with them; lets a reader write first only after a reading", async () => {
    const { reader, client, readingId, clientLive, readerLive } = await kit().activeReading(2_000);
    const stranger = await t.signedIn("client");
    const first = await call("POST", "/api/v1/conversations", reader.cookie, {
      clientUserId: stranger.user.id,
    });
    expect(first.statusCode, first.body).toBe(403);
    expect(
      (await call("POST", "/api/v1/conversations", client.cookie, { clientUserId: stranger.user.id }))
        .statusCode,
    ).toBe(403);

    const opened = await call("POST", "/api/v1/conversations", reader.cookie, {
      clientUserId: client.user.id,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    const conversationId = opened.json().conversation.id as string;
    // The client's later "Message" finds the same conversation.
    const mine = await call("POST", "/api/v1/conversations", client.cookie, { readerUserId: reader.user.id });
    expect(mine.json().conversation.id).toBe(conversationId);

    const history = await call("GET", `/api/v1/conversations/${conversationId}/history`, reader.cookie);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json()).toMatchObject({ clientName: client.user.displayName, readings: [{ readingId }] });
    expect(
      (await call("GET", `/api/v1/conversations/${conversationId}/history`, client.cookie)).statusCode,
    ).toBe(403);
    const otherReader = await t.signedIn("reader");
    expect(
      (await call("GET", `/api/v1/conversations/${conversationId}/history`, otherReader.cookie)).statusCode,
    ).toBe(404);
    await Promise.all([clientLive.close(), readerLive.close()]);
  });
});

describe("crisis language", () => {
  it("flags a client's message (delivered as usual), never a reader's or an everyday one", async () => {
    const { reader, client, conversationId } = await pair();
    const cry = await send(client.cookie, conversationId, { body: "Honestly I want to kill myself tonight" });
    expect(cry).toMatchObject({ crisis: true, body: "Honestly I want to kill myself tonight" });
    expect((await send(client.cookie, conversationId, { body: "My deadline is killing it" })).crisis).toBe(
      false,
    );
    expect(
      (await send(reader.cookie, conversationId, { body: "Do you want to kill yourself?" })).crisis,
    ).toBe(false);
    const seen = (await readAll(reader.cookie, conversationId)).json();
    expect(seen.items.map((item: { crisis: boolean }) => item.crisis)).toEqual([true, false, false]);
  });

  it("gives anyone the support lines of a country, Find A Helpline elsewhere", async () => {
    const lines = async (query: string) =>
      (await call("GET", `/api/v1/support-lines${query}`, null)).json().lines;
    expect(await lines("?country=gb")).toEqual([
      expect.objectContaining({ name: "Samaritans", phone: "116 123" }),
    ]);
    expect(await lines("?country=US")).toEqual([expect.objectContaining({ phone: "988", text: "Text 988" })]);
    expect(await lines("?country=FR")).toEqual([
      expect.objectContaining({ url: "https://findahelpline.com" }),
    ]);
    expect(await lines("")).toEqual([expect.objectContaining({ url: "https://findahelpline.com" })]);
    expect((await call("GET", "/api/v1/support-lines?country=GBR", null)).statusCode).toBe(400);
  });

  it("keeps a country on the profile for the crisis lines", async () => {
    const client = await t.signedIn("client");
    const set = await call("PATCH", "/api/v1/me", client.cookie, { country: "GB" });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().user.country).toBe("GB");
    expect((await call("PATCH", "/api/v1/me", client.cookie, { country: "gb" })).statusCode).toBe(400);
    expect((await call("PATCH", "/api/v1/me", client.cookie, { country: "GBR" })).statusCode).toBe(400);
    expect(
      (await call("PATCH", "/api/v1/me", client.cookie, { country: null })).json().user.country,
    ).toBeNull();
  });
});
