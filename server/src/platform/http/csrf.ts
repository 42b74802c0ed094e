import type { FastifyInstance } from "fastify";
import { DomainError } from "./errors.js";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF protection for cookie-authenticated state changes: an unsafe request must come from
 * our own origin. Browsers always send `Origin` on cross-site POST/PUT/PATCH/DELETE (and
 * `Sec-Fetch-Site`), so a forged form or fetch from another site is refused. Requests without
 * cookies carry no ambient credentials and need no check.
 *
 * Every unsafe request is checked, whatever its path: the router decodes percent-escapes
 * (`/api/%761/...` reaches `/api/v1/...`), so any test on the raw URL string can be walked around.
 * Nothing outside the API accepts unsafe methods, so there is nothing to exempt.
 */
export function registerCsrfGuard(app: FastifyInstance, options: { allowedOrigin: string }) {
  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    if (origin !== undefined) {
      if (origin !== options.allowedOrigin) {
        throw new DomainError("CSRF_REJECTED", "Cross-site request refused.");
      }
      return;
    }
    if (!request.headers.cookie) return;
    const fetchSite = request.headers["sec-fetch-site"];
    if (fetchSite === "same-origin") return;
    const referer = request.headers.referer;
    if (referer && safeOrigin(referer) === options.allowedOrigin) return;
    throw new DomainError("CSRF_REJECTED", "Cross-site request refused: missing Origin header.");
  });
}

function safeOrigin(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
