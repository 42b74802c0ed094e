// What `npm run build` makes, from which sources, and whether what is on disk still matches them.
// Freshness is judged by a hash of the sources' contents (kept in dist/build-hash.json), never by
// file times, which a checkout or a container copy resets. Plain Node.js: `npm start` imports this
// on a tree installed without the dev dependencies.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
const HASH_FILE = path.join(ROOT, "dist", "build-hash.json");
const LOCKFILES = ["package.json", "package-lock.json"];

/** Each part of the build: its sources (files or folders), what shows it was built, the packages that build it. */
export const PARTS = {
  server: {
    label: "the server",
    sources: ["server/src", "tsconfig.json", "tsconfig.build.json", ...LOCKFILES],
    isSource: (file) => !file.endsWith(".test.ts"),
    output: "dist/server/main.js",
    tools: ["typescript"],
    // A clean output folder: a deleted source must not leave its compiled file behind.
    build: () => {
      rmSync(path.join(ROOT, "dist", "server"), { recursive: true, force: true });
      runTool("typescript", "tsc", ["-p", "tsconfig.build.json"]);
    },
  },
  web: {
    label: "the web app",
    sources: [
      "web/src",
      "web/public",
      "web/index.html",
      "web/tsconfig.json",
      "web/vite.config.ts",
      ...LOCKFILES,
    ],
    isSource: () => true,
    output: "web/dist/index.html",
    tools: ["vite", "@vitejs/plugin-react", "@tailwindcss/vite"],
    build: (quiet) =>
      runTool("vite", "vite", [
        "build",
        "--config",
        "web/vite.config.ts",
        ...(quiet ? ["--logLevel", "warn"] : []),
      ]),
  },
};

/** A build that cannot be made here; its message is for the person at the terminal. */
export class BuildError extends Error {}

/** SHA-256 over the sorted relative paths and contents of every source file of a part. */
export function hashSources(name) {
  const part = PARTS[name];
  const files = part.sources.flatMap((source) => listFiles(source)).filter(part.isSource);
  files.sort();
  const hash = createHash("sha256");
  for (const file of files) {
    const content = readFileSync(path.join(ROOT, file));
    hash.update(`${file}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest("hex");
}

/** Relative paths (with /) of the files at `source`, recursively; none when it does not exist. */
function listFiles(source) {
  const full = path.join(ROOT, source);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [source];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${source}/${entry.name}`;
    if (entry.isDirectory()) return listFiles(relative);
    return entry.isFile() ? [relative] : [];
  });
}

function readRecordedHashes() {
  try {
    return JSON.parse(readFileSync(HASH_FILE, "utf8"));
  } catch {
    return {};
  }
}

/** Sets (or, with `undefined`, drops) the recorded source hash of one part. */
function recordHash(name, hash) {
  const { [name]: _previous, ...recorded } = readRecordedHashes();
  if (hash !== undefined) recorded[name] = hash;
  mkdirSync(path.dirname(HASH_FILE), { recursive: true });
  const temporary = `${HASH_FILE}.${process.pid}`;
  writeFileSync(temporary, `${JSON.stringify(recorded, null, 2)}\n`);
  renameSync(temporary, HASH_FILE);
}

/** The parts among `names` whose output is missing or was built from other sources, with why. */
export function staleParts(names) {
  const recorded = readRecordedHashes();
  return names.flatMap((name) => {
    if (!existsSync(path.join(ROOT, PARTS[name].output))) return [{ name, reason: "not built yet" }];
    if (recorded[name] !== hashSources(name)) return [{ name, reason: "sources changed" }];
    return [];
  });
}

/** The npm packages that building `names` needs and that are not installed (dev dependencies). */
export function missingTools(names) {
  return names.flatMap((name) => PARTS[name].tools).filter((tool) => !packageDir(tool));
}

/** Where the npm package `name` is installed, as Node would find it from the project root; null when it is not. */
function packageDir(name) {
  const lookup = createRequire(path.join(ROOT, "package.json")).resolve.paths(name) ?? [];
  const dir = lookup
    .map((nodeModules) => path.join(nodeModules, name))
    .find((candidate) => existsSync(path.join(candidate, "package.json")));
  return dir ?? null;
}

function runTool(packageName, binName, args) {
  const dir = packageDir(packageName);
  const bin = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).bin;
  const script = path.join(dir, typeof bin === "string" ? bin : bin[binName]);
  const result = spawnSync(process.execPath, [script, ...args], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0)
    throw new BuildError(`${binName} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
}

/**
 * Builds `names`, each from the sources as they are now: the part's recorded hash is dropped
 * first and written only once it has built, so a failed or interrupted build never looks current.
 */
export function build(names, { quiet = false } = {}) {
  const missing = missingTools(names);
  if (missing.length > 0) {
    throw new BuildError(
      `The build needs the dev dependencies (${missing.join(", ")} not installed): run \`npm ci\` or \`npm install\` first.`,
    );
  }
  for (const name of names) {
    const hash = hashSources(name);
    recordHash(name, undefined);
    PARTS[name].build(quiet);
    recordHash(name, hash);
  }
}

/** Builds whichever of `names` is missing or stale, saying so in one line; does nothing when all are current. */
export function ensureBuild(wanted) {
  const stale = staleParts(wanted);
  if (stale.length === 0) return;
  const names = stale.map(({ name }) => name);
  const what = stale.map(({ name, reason }) => `${PARTS[name].label} (${reason})`).join(" and ");
  const missing = missingTools(names);
  if (missing.length > 0) {
    throw new BuildError(
      `SoulSeer needs building: ${what}, but the build tools are not installed (${missing.join(", ")}; ` +
        "`npm ci --omit=dev` leaves them out). Deploy a tree built with `npm ci && npm run build` " +
        "from the same sources, or run `npm install` here first.",
    );
  }
  console.log(`Building ${what}…`);
  build(names, { quiet: true });
}
