// Builds the web app before `npm start` when web/dist is missing or older than its sources.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), "..");
const dist = path.join(root, "web/dist/index.html");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

if (process.env.SERVE_WEB === "false") process.exit(0);
const sources = Math.max(
  newestMtime(path.join(root, "web/src")),
  statSync(path.join(root, "web/index.html")).mtimeMs,
);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log("Building the web app (first start or changed sources)…");
  execSync("npm run build", { cwd: root, stdio: "inherit" });
}
