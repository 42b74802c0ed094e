// `npm start`: production. Builds what is missing or stale (the server in dist/, and the web app
// unless SERVE_WEB is off), then runs the compiled server in a child Node.js process with the V8
// flags of SOULSEER_NODE_FLAGS (see run-node.mjs and the README's "Deploying").
import path from "node:path";
import { BuildError, ensureBuild, ROOT } from "./build-state.mjs";
import { nodeFlags, readSetting, runNodeChild } from "./run-node.mjs";

// The server's config reads SERVE_WEB the same way (false or 0, any case, turns it off).
const serveWeb = !/^(false|0)$/i.test(readSetting("SERVE_WEB") ?? "");
try {
  ensureBuild(serveWeb ? ["server", "web"] : ["server"]);
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  console.error(error.message);
  process.exit(1);
}
runNodeChild([...nodeFlags(), path.join(ROOT, "dist", "server", "main.js")]);
