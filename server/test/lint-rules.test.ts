import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { cruise } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const require = createRequire(import.meta.url);

/**
 * The import rules and the live-event cast rule must refuse what they are for: each is run on a
 * fixture that breaks it (and on one thing it must allow), not only on the real tree (which
 * passes them).
 */
describe("the import rules (.dependency-cruiser.cjs)", () => {
  it("refuse platform code on modules, foreign tables, foreign repositories and tables outside modules", async () => {
    const config = require(path.join(root, ".dependency-cruiser.cjs")) as {
      forbidden: { name: string; from: Record<string, unknown>; to: Record<string, unknown> }[];
      options: Record<string, unknown>;
    };
    const fixture = "server/test/fixtures/import-rules/src/";
    // The same rules, pointed at the fixture instead of server/src.
    const rebase = (part: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(part).map(([key, value]) => [
          key,
          typeof value === "string" ? value.replaceAll("^server/src/", `^${fixture}`) : value,
        ]),
      );
    const forbidden = config.forbidden.map((rule) => ({
      ...rule,
      from: rebase(rule.from),
      to: rebase(rule.to),
    }));
    const result = await cruise([fixture], {
      validate: true,
      ruleSet: { forbidden } as never,
      doNotFollow: { path: "node_modules" },
      tsPreCompilationDeps: true,
      baseDir: root,
    });
    const output = result.output as {
      summary: { violations: { rule: { name: string }; from: string; to: string }[] };
    };
    const found = output.summary.violations
      .map(
        (violation) =>
          `${violation.rule.name}: ${violation.from.replace(fixture, "")} -> ${violation.to.replace(fixture, "")}`,
      )
      .sort();
    expect(found).toEqual(
      [
        "no-foreign-repositories: modules/beta/beta.service.ts -> modules/alpha/alpha.repository.ts",
        "no-foreign-tables: modules/alpha/alpha.service.ts -> modules/beta/beta.tables.ts",
        "platform-is-not-business: platform/clock.ts -> modules/alpha/alpha.service.ts",
        "routes-are-http-only: modules/alpha/alpha.routes.ts -> modules/alpha/alpha.tables.ts",
        "tables-only-from-modules: seed/seed.ts -> modules/beta/beta.tables.ts",
      ].sort(),
    );
  });
});

describe("the live-event cast rule (lint/no-live-event-casts.grit)", () => {
  it("is on for the web app, and refuses casting event data while allowing other casts", () => {
    const biome = JSON.parse(readFileSync(path.join(root, "biome.json"), "utf8")) as {
      overrides: { includes: string[]; plugins: string[] }[];
    };
    expect(biome.overrides).toContainEqual(
      expect.objectContaining({
        includes: expect.arrayContaining(["web/src/**"]),
        plugins: ["./lint/no-live-event-casts.grit"],
      }),
    );
    const dir = mkdtempSync(path.join(os.tmpdir(), "soulseer-lint-"));
    try {
      cpSync(path.join(root, "lint/no-live-event-casts.grit"), path.join(dir, "rule.grit"));
      cpSync(path.join(root, "server/test/fixtures/live-casts/casts.ts"), path.join(dir, "casts.ts"));
      writeFileSync(path.join(dir, "biome.json"), JSON.stringify({ plugins: ["./rule.grit"] }));
      let report = "";
      try {
        execFileSync(
          path.join(root, "node_modules/.bin/biome"),
          ["lint", "--max-diagnostics=50", "casts.ts"],
          {
            cwd: dir,
            encoding: "utf8",
            stdio: "pipe",
          },
        );
      } catch (error) {
        const failed = error as { stdout?: string; stderr?: string };
        report = `${failed.stdout ?? ""}${failed.stderr ?? ""}`;
      }
      const flagged = [...report.matchAll(/casts\.ts:(\d+):\d+ plugin/g)].map((match) => Number(match[1]));
      expect(flagged.sort()).toEqual([4, 5]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
