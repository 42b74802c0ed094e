import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSmtp } from "../../../test/fake-smtp.js";
import { createTestApp, type TestApp } from "../../../test/harness.js";
import { waitForStatus } from "../../../test/outbox.js";
import { STRANDED_AFTER_MS } from "./email.service.js";

describe("the stranded-email sweep", () => {
  let smtp: Awaited<ReturnType<typeof startFakeSmtp>>;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const delivered = (to: string) =>
    smtp.messages.filter((message) => message.to.some((address) => address.includes(to))).length;
  const jobsFor = async (outboxId: string) => {
    const result = await t.database.pool.query<{ count: number }>(
      "select count(*)::int as count from pgboss.job where name = 'email.deliver' and data->>'outboxId' = $1",
      [outboxId],
    );
    return result.rows[0]?.count ?? 0;
  };

  it("queues a row whose job was never queued (a crash after the insert) and sends it exactly once", async () => {
    // The row as a node that crashed between the insert and the queue left it.
    const inserted = await t.database.pool.query<{ id: string }>(
      `insert into email_outbox (to_address, subject, text_body, kind, created_at)
       values ('stranded@example.test', 'Stranded', 'Body', 'test', now() - interval '5 minutes') returning id`,
    );
    const id = inserted.rows[0]?.id ?? "";
    expect(await jobsFor(id)).toBe(0);

    expect(await t.services.email.sweepStranded()).toBe(1);
    await waitForStatus(t, id, "sent");
    // Later sweeps (on this node or another one) find nothing to queue.
    expect(await t.services.email.sweepStranded()).toBe(0);
    expect(await t.services.email.sweepStranded()).toBe(0);
    expect(await jobsFor(id)).toBe(1);
    expect(delivered("stranded@example.test")).toBe(1);
  });

  it("leaves a row queued by send alone, even once it is older than the grace", async () => {
    const id = await t.services.email.send({
      to: "queued@example.test",
      subject: "Hi",
      text: "Body",
      kind: "test",
    });
    await waitForStatus(t, id, "sent");
    t.clock.advance(STRANDED_AFTER_MS * 3);
    expect(await t.services.email.sweepStranded()).toBe(0);
    expect(await jobsFor(id)).toBe(1);
    expect(delivered("queued@example.test")).toBe(1);
  });

  it("does not take a row still inside the grace (its node may be queuing it right now)", async () => {
    await t.database.pool.query(
      `insert into email_outbox (to_address, subject, text_body, kind, created_at)
       values ('fresh@example.test', 'Fresh', 'Body', 'test', $1)`,
      [t.clock.now()],
    );
    expect(await t.services.email.sweepStranded()).toBe(0);
  });

  it("a second queue of the same row adds no second job", async () => {
    const inserted = await t.database.pool.query<{ id: string }>(
      `insert into email_outbox (to_address, subject, text_body, kind, created_at)
       values ('twice@example.test', 'Twice', 'Body', 'test', now() - interval '5 minutes') returning id`,
    );
    const id = inserted.rows[0]?.id ?? "";
    // Two nodes sweeping at once both see the row unqueued.
    await Promise.all([t.services.email.sweepStranded(), t.services.email.sweepStranded()]);
    await waitForStatus(t, id, "sent");
    expect(await jobsFor(id)).toBe(1);
    expect(delivered("twice@example.test")).toBe(1);
  });
});
