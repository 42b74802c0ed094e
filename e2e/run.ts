// `npm run test:e2e`: every *.e2e.ts journey under node's test runner, one file at a time.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const dir = path.resolve("e2e");
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".e2e.ts"))
  .sort()
  .map((name) => path.join("e2e", name));
if (files.length === 0) {
  console.error("no journeys found in e2e/");
  process.exit(1);
}
const build = spawnSync(process.execPath, ["scripts/ensure-web-build.mjs"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, TZ: "UTC" } },
);
process.exit(result.status ?? 1);
