import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_NAME = "soulseer";

/**
 * The project's root folder: the nearest folder above this file whose package.json is ours. Found
 * by walking up, so the same code works from server/src (tsx in dev and tests) and from
 * dist/server (the compiled build `npm start` runs), which sit at different depths.
 */
export const PROJECT_ROOT = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The built web app the server serves (`vite build` writes it). */
export const WEB_DIST_DIR = path.join(PROJECT_ROOT, "web", "dist");

/** The committed SQL migrations (drizzle-kit writes them). */
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, "server", "migrations");

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (isOurPackage(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`no package.json named "${PACKAGE_NAME}" in ${start} or any folder above it`);
}

function isOurPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { name?: unknown }).name === PACKAGE_NAME;
  } catch {
    return false;
  }
}
