// `npm run bench -- <name>`: runs one benchmark (bench/run.ts, through tsx) in a Node.js process
// with the V8 flags of SOULSEER_NODE_FLAGS, as `npm start` runs the server. The benches run the
// compiled server (dist/server, built first when missing or stale); BENCH_SERVER=source runs
// server/src through tsx instead (bench/server.ts).
import path from "node:path";
import { BuildError, ensureBuild, ROOT } from "./build-state.mjs";
import { nodeFlags, runNodeChild } from "./run-node.mjs";

const server = process.env.BENCH_SERVER ?? "compiled";
if (server !== "compiled" && server !== "source") {
  console.error(`BENCH_SERVER must be "compiled" (the default) or "source", not "${server}"`);
  process.exit(2);
}
if (server === "compiled") {
  try {
    ensureBuild(["server"]);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
const flags = nodeFlags();
console.log(
  `bench: ${server === "compiled" ? "compiled server (dist/server)" : "server/src through tsx"}; ` +
    `Node ${process.version}; V8 flags: ${flags.length > 0 ? flags.join(" ") : "none"}`,
);
runNodeChild([...flags, "--import", "tsx", path.join(ROOT, "bench", "run.ts"), ...process.argv.slice(2)]);
