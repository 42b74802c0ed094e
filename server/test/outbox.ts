import type { TestApp } from "./harness.js";

/** Waits (at most 15 s) until an outbox row reaches the status. */
export async function waitForStatus(t: TestApp, outboxId: string, status: string) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const result = await t.database.pool.query("select status from email_outbox where id = $1", [outboxId]);
    if (result.rows[0]?.status === status) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`outbox ${outboxId} never reached ${status}`);
}
