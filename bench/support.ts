import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/src/platform/db/embedded.js";
import { migrateDatabase } from "../server/src/platform/db/migrate.js";
import { freePort } from "../server/test/free-port.js";

/** A fresh, migrated embedded PostgreSQL in a temporary folder, removed by `stop`. */
export async function freshDatabase() {
  const root = mkdtempSync(path.join(os.tmpdir(), "soulseer-bench-"));
  chmodSync(root, 0o755);
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(root, "data"),
    port: await freePort(),
    databaseName: "bench",
    log: () => {},
  });
  await migrateDatabase(embedded.url);
  return {
    url: embedded.url,
    async stop() {
      await embedded.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs `workers` loops of `operation` for `durationMs` (and at most `maxOperations` in all). */
export async function runFor(
  workers: number,
  durationMs: number,
  maxOperations: number,
  operation: (worker: number, iteration: number) => Promise<void>,
) {
  let done = 0;
  const deadline = Date.now() + durationMs;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let iteration = 0; Date.now() < deadline && done < maxOperations; iteration += 1) {
        await operation(worker, iteration);
        done += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { operations: done, seconds, perSecond: done / seconds };
}
