import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Reads a secret kept in a local file, creating it on first use (mode 0600). Used in
 * embedded mode so one-command starts keep sessions valid across restarts.
 */
export function readOrCreateLocalSecret(filePath: string): string {
  if (existsSync(filePath)) {
    const value = readFileSync(filePath, "utf8").trim();
    if (value.length >= 32) return value;
  }
  mkdirSync(path.dirname(filePath), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(filePath, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A separate secret for one purpose, derived from the main secret (so one setting is enough). */
export function deriveSecret(secret: string, purpose: string): string {
  return createHmac("sha256", secret).update(`soulseer:${purpose}`).digest("base64url");
}
