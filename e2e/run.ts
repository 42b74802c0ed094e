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
// The journeys run the compiled server and the built web app (what `npm start` runs): build them
// once here when missing or stale, not in every journey's start.
const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
// Journeys named *.loopback.e2e.ts (WebRTC calls) run in a network namespace of their own with
// only loopback up, so no packet can leave this machine (engineering.md).
const loopbackOnly = files.filter((file) => file.endsWith(".loopback.e2e.ts"));
const regular = files.filter((file) => !loopbackOnly.includes(file));
const testArgs = ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec"];
const env = { ...process.env, TZ: "UTC" };
const first = spawnSync(process.execPath, [...testArgs, ...regular], { stdio: "inherit", env });
let status = first.status ?? 1;
if (loopbackOnly.length > 0) {
  const command = [process.execPath, ...testArgs, ...loopbackOnly].map((part) => `'${part}'`).join(" ");
  // Root makes the namespace directly; anyone else through a user namespace (-r).
  const flags = process.getuid?.() === 0 ? ["-n"] : ["-r", "-n"];
  const isolated = spawnSync("unshare", [...flags, "sh", "-c", `ip link set lo up && exec ${command}`], {
    stdio: "inherit",
    env,
  });
  if (isolated.error)
    console.error(`could not run ${loopbackOnly.join(", ")} in a network namespace:`, isolated.error);
  status = status || (isolated.status ?? 1);
}
process.exit(status);
