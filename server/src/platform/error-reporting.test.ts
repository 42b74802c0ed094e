import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../test/harness.js";
import { READING_TEST_ENV } from "../../test/readings-kit.js";
import { redact } from "./error-reporting.js";

/** A local stand-in for Sentry's ingest: keeps every envelope posted to /api/<project>/envelope/. */
function startFakeSentry() {
  const envelopes: { url: string; body: string }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const body = request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw;
      envelopes.push({ url: request.url ?? "", body: body.toString("utf8") });
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  return new Promise<{ server: Server; envelopes: typeof envelopes; port: number }>((resolve) => {
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, envelopes, port: (server.address() as AddressInfo).port }),
    );
  });
}

/** Waits (at most 5 s, checking every 25 ms) for an envelope that holds the text. */
async function envelopeWith(envelopes: { body: string }[], text: string) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const found = envelopes.find((envelope) => envelope.body.includes(text));
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return null;
}

let fake: Awaited<ReturnType<typeof startFakeSentry>>;
let t: TestApp;
beforeAll(async () => {
  fake = await startFakeSentry();
  // Long intervals for the node's other timers (the timer test turns intervals on for a moment).
  t = await createTestApp({ ...READING_TEST_ENV, SENTRY_DSN: `http://publickey@127.0.0.1:${fake.port}/1` });
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => fake?.server.close(resolve));
});

describe("error reports to Sentry", () => {
  it("sends a route's 500 with its request id and without emails, addresses, cookies or bodies", async () => {
    const client = await t.signedIn("client");
    const { user: reader } = await t.createReader();
    // A failure of ours whose message carries personal data: a trigger refusing the insert.
    await t.database.pool.query(`
      create function refuse_favorite() returns trigger language plpgsql as $$
      begin
        raise exception 'favorite refused for % from 203.0.113.77',
          (select email from users where id = new.client_user_id);
      end $$;
      create trigger refuse_favorite before insert on favorites
        for each row execute function refuse_favorite();`);
    const requestId = "sentry-test-request-0001";
    const response = await t.app.inject({
      method: "PUT",
      url: `/api/v1/favorites/${reader.id}`,
      headers: { origin: TEST_ORIGIN, cookie: client.cookie, "x-request-id": requestId },
      remoteAddress: "203.0.113.77",
      payload: { notifyOnline: true },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.requestId).toBe(requestId);

    const envelope = await envelopeWith(fake.envelopes, requestId);
    expect(envelope).not.toBeNull();
    const body = envelope?.body ?? "";
    expect(fake.envelopes.every((posted) => posted.url.startsWith("/api/1/envelope/"))).toBe(true);
    const event = JSON.parse(body.split("\n")[2] ?? "{}");
    expect(event.tags).toMatchObject({ request_id: requestId, route: "/api/v1/favorites/:readerUserId" });
    const messages = (event.exception.values as { value: string }[]).map((value) => value.value).join("\n");
    expect(messages).toContain("favorite refused for [email] from [ip]");
    expect(messages).toContain("params: [removed]");
    expect(body).not.toContain(client.user.email);
    expect(body).not.toContain("203.0.113.77");
    expect(body).not.toContain(client.cookie.split("=")[1] ?? "no cookie");
    expect(body).not.toContain("soulseer.session_token");
    expect(body).not.toContain("notifyOnline");
    expect(event.user).toBeUndefined();
    expect(event.request).toBeUndefined();
  });

  it("does not report a caller's mistake", async () => {
    const requestId = "sentry-test-request-0002";
    const response = await t.app.inject({
      method: "PUT",
      url: "/api/v1/favorites/someone",
      headers: { origin: TEST_ORIGIN, "x-request-id": requestId },
      payload: { notifyOnline: true },
    });
    expect(response.statusCode).toBe(401);
    expect(await envelopeWith(fake.envelopes.slice(), requestId)).toBeNull();
  });

  it("sends a failing timer's error, named by its task", async () => {
    await t.database.pool.query("alter table rate_limit_counters rename to rate_limit_counters_away");
    try {
      t.clock.runIntervals = true;
      t.clock.advance(5 * 60_000);
    } finally {
      t.clock.runIntervals = false;
    }
    const envelope = await envelopeWith(fake.envelopes, "timer rate-limit sweep");
    await t.database.pool.query("alter table rate_limit_counters_away rename to rate_limit_counters");
    expect(envelope).not.toBeNull();
    const event = JSON.parse(envelope?.body.split("\n")[2] ?? "{}");
    expect(event.tags).toMatchObject({ task: "timer rate-limit sweep" });
  });

  it("redacts emails and IPv4 and IPv6 addresses", () => {
    expect(redact("a.b+c@example.co.uk at 10.1.2.3 and 2001:db8::1 or ::1 at 12:34:56")).toBe(
      "[email] at [ip] and [ip] or [ip] at 12:34:56",
    );
    expect(redact("Failed query: insert into x values ($1)\nparams: someone,secret")).toBe(
      "Failed query: insert into x values ($1)\nparams: [removed]",
    );
    expect(redact("GET /reset-password?token=abc123DEF&next=/")).toBe(
      "GET /reset-password?token=[redacted]&next=/",
    );
  });
});
