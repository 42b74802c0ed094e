import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../test/harness.js";
import { READING_TEST_ENV, readingKit } from "../../test/readings-kit.js";

const TOKEN = "metrics-token-0123456789abcdef";

let t: TestApp;
let off: TestApp;
let kit: ReturnType<typeof readingKit>;
beforeAll(async () => {
  t = await createTestApp({ ...READING_TEST_ENV, METRICS_TOKEN: TOKEN });
  const baseUrl = await t.app.listen({ port: 0, host: "127.0.0.1" });
  kit = readingKit(t, baseUrl);
  off = await createTestApp();
});
afterAll(async () => {
  await off?.close();
  await t?.close();
});

const scrape = (app: TestApp, authorization?: string) =>
  app.app.inject({ method: "GET", url: "/metrics", headers: authorization ? { authorization } : {} });

/** The value of one series (name and exact label text), or undefined when it is absent. */
function seriesValue(text: string, series: string): number | undefined {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/metrics", () => {
  it("does not exist without METRICS_TOKEN", async () => {
    const response = await scrape(off, `Bearer ${TOKEN}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe("NOT_FOUND");
  });

  it("refuses a missing or wrong token", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789abcdef", TOKEN, `Basic ${TOKEN}`]) {
      const response = await scrape(t, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("UNAUTHENTICATED");
      expect(response.body).not.toContain("process_cpu");
    }
  });

  it("reports route latency by pattern, process metrics, and the ledger check", async () => {
    const { reader } = await t.createReader();
    const url = `/api/v1/readers/${reader.slug}`;
    expect((await t.app.inject({ method: "GET", url, headers: { origin: TEST_ORIGIN } })).statusCode).toBe(
      200,
    );
    await t.app.inject({ method: "GET", url: "/api/v1/no/such/route" });

    const before = await scrape(t, `Bearer ${TOKEN}`);
    expect(before.statusCode).toBe(200);
    expect(before.headers["content-type"]).toContain("text/plain");
    const text = before.body;
    expect(text).toMatch(/http_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/readers\/:slug"/);
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*route="unmatched"/);
    // Never the raw URL.
    expect(text).not.toContain(url);
    expect(text).not.toContain("/api/v1/no/such/route");
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain("soulseer_job_queue_depth{queue=");
    expect(seriesValue(text, "soulseer_ledger_check_status")).toBe(-1);

    const admin = await t.signedIn("admin");
    const verified = await t.app.inject({
      method: "GET",
      url: "/api/v1/admin/ledger/verify",
      headers: { origin: TEST_ORIGIN, cookie: admin.cookie },
    });
    expect(verified.json().ok).toBe(true);
    const after = (await scrape(t, `Bearer ${TOKEN}`)).body;
    expect(seriesValue(after, "soulseer_ledger_check_status")).toBe(1);
    expect(seriesValue(after, "soulseer_ledger_check_violations")).toBe(0);
  });

  it("counts readings by state, open sockets, and how far the biller is behind", async () => {
    const idle = (await scrape(t, `Bearer ${TOKEN}`)).body;
    expect(seriesValue(idle, "soulseer_open_sockets")).toBe(0);
    expect(seriesValue(idle, "soulseer_billing_lag_seconds")).toBe(0);

    const { clientLive, readerLive } = await kit.activeReading();
    const live = (await scrape(t, `Bearer ${TOKEN}`)).body;
    expect(seriesValue(live, 'soulseer_readings{state="active"}')).toBe(1);
    expect(seriesValue(live, "soulseer_open_sockets")).toBe(2);

    // The next unit boundary passes and no biller runs (its timer is off in tests): the lag grows.
    t.clock.advance(120_000);
    const behind = (await scrape(t, `Bearer ${TOKEN}`)).body;
    expect(seriesValue(behind, "soulseer_billing_lag_seconds")).toBeGreaterThanOrEqual(60);
    // Both sides still there (as a live app's keepalive says), so the biller catches up to now.
    await kit.keepalive(clientLive, readerLive);
    await t.services.readings.drainDue();
    const caughtUp = (await scrape(t, `Bearer ${TOKEN}`)).body;
    expect(seriesValue(caughtUp, "soulseer_billing_lag_seconds")).toBe(0);
    clientLive.close();
    readerLive.close();
  });
});
