import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../../test/harness.js";
import { connectDatabase, type DatabaseHandle, isRetryableConflict, retryOnConflict } from "./database.js";

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = connectDatabase((await createTestDatabase()).url, { maxConnections: 4 });
  await handle.pool.query("create table deadlock_probe (id int primary key, hits int not null default 0)");
  await handle.pool.query("insert into deadlock_probe (id) values (1), (2)");
});
afterAll(async () => {
  await handle.close();
});

/**
 * Two real connections lock the same two rows in opposite order, each waiting for the other to
 * have taken its first row (first attempt only): PostgreSQL ends one as the deadlock victim.
 */
async function crossedTransactions(wrap: <T>(work: () => Promise<T>) => Promise<T>) {
  let arrived = 0;
  let release: () => void = () => {};
  const bothLocked = new Promise<void>((resolve) => {
    release = resolve;
  });
  const attempts = [0, 0];
  const transaction = (index: number, first: number, second: number) =>
    wrap(async () => {
      attempts[index] = (attempts[index] ?? 0) + 1;
      const client = await handle.pool.connect();
      try {
        await client.query("begin");
        await client.query("update deadlock_probe set hits = hits + 1 where id = $1", [first]);
        if (attempts[index] === 1) {
          arrived += 1;
          if (arrived === 2) release();
          await bothLocked;
        }
        await client.query("update deadlock_probe set hits = hits + 1 where id = $1", [second]);
        await client.query("commit");
      } catch (error) {
        await client.query("rollback");
        throw error;
      } finally {
        client.release();
      }
    });
  const results = await Promise.allSettled([transaction(0, 1, 2), transaction(1, 2, 1)]);
  return { results, attempts };
}

describe("retryOnConflict", () => {
  it("a deadlock victim fails on its own, with SQLSTATE 40P01", async () => {
    const { results } = await crossedTransactions((work) => work());
    const failed = results.filter((result) => result.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(isRetryableConflict((failed[0] as PromiseRejectedResult).reason)).toBe(true);
  });

  it("runs the victim again, so both transactions land exactly once", async () => {
    const before = await handle.pool.query<{ hits: number }>(
      "select sum(hits)::int as hits from deadlock_probe",
    );
    const { results, attempts } = await crossedTransactions((work) => retryOnConflict(work));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(attempts.reduce((sum, count) => sum + count, 0)).toBe(3);
    const after = await handle.pool.query<{ hits: number }>(
      "select sum(hits)::int as hits from deadlock_probe",
    );
    // Each transaction adds one to each row once; the victim's first try was rolled back whole.
    expect((after.rows[0]?.hits ?? 0) - (before.rows[0]?.hits ?? 0)).toBe(4);
  });

  it("does not retry other errors", async () => {
    let runs = 0;
    await expect(
      retryOnConflict(async () => {
        runs += 1;
        await handle.pool.query("select 1 / 0");
      }),
    ).rejects.toThrow(/division by zero/);
    expect(runs).toBe(1);
  });
});
