import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../../../test/free-port.js";
import { EmbeddedDatabaseError, startEmbeddedPostgres } from "./embedded.js";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

function tempFolder(mode: number) {
  const folder = mkdtempSync(path.join(os.tmpdir(), "soulseer-root-test-"));
  chmodSync(folder, mode);
  made.push(folder);
  return folder;
}

// PostgreSQL runs as the `postgres` user only when the server runs as root (CI, containers).
describe.skipIf(!isRoot)("embedded PostgreSQL started by root", () => {
  it("starts from a private (0700) folder, keeping its data where the postgres user reaches it", async () => {
    const privateFolder = tempFolder(0o700);
    const stateRoot = tempFolder(0o755);
    const logs: string[] = [];
    const db = await startEmbeddedPostgres({
      dataDir: path.join(privateFolder, "postgres"),
      port: await freePort(),
      databaseName: "postgres",
      log: (message) => logs.push(message),
      stateRoot,
    });
    try {
      expect(db.dataDir.startsWith(`${stateRoot}/`)).toBe(true);
      expect(logs.join("\n")).toContain(
        `the postgres user cannot enter ${path.join(privateFolder, "postgres")}`,
      );
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      const result = await client.query<{ one: number }>("select 1 as one");
      await client.end();
      expect(result.rows[0]?.one).toBe(1);
    } finally {
      await db.stop();
    }
  });

  it("explains, naming both fixes, when its database sits in a folder that became private", async () => {
    const parent = tempFolder(0o755);
    const dataDir = path.join(parent, "postgres");
    mkdirSync(dataDir);
    const options = { dataDir, databaseName: "postgres", log: () => {}, stateRoot: tempFolder(0o755) };
    const first = await startEmbeddedPostgres({ ...options, port: await freePort() });
    await first.stop();
    chmodSync(parent, 0o700);
    const error = await startEmbeddedPostgres({ ...options, port: await freePort() }).catch(
      (caught) => caught,
    );
    expect(error).toBeInstanceOf(EmbeddedDatabaseError);
    expect(error.message).toContain(dataDir);
    expect(error.message).toContain("EMBEDDED_DB_DIR");
    expect(error.message).toContain("DATABASE_URL");
  });
});
