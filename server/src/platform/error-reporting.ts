import type { ErrorEvent } from "@sentry/node";
import { redactSecrets } from "./redact.js";

/** Where failures of ours (500s) are sent besides the log. */
export interface ErrorReporter {
  /** A failed request (its id, method and route pattern) or background task (a timer or job name). */
  capture(error: unknown, context: ReportContext): void;
  /** Sends what is queued and stops (on shutdown). */
  close(timeoutMs?: number): Promise<void>;
}

export type ReportContext = { requestId: string; method: string; route: string } | { task: string };

export const NO_ERROR_REPORTER: ErrorReporter = { capture() {}, close: async () => {} };

/**
 * Sentry when a DSN is set (500s, and failures of timers and background jobs). A client of its own (not the SDK's global init), so several apps in one
 * process report apart and nothing of Sentry loads without a DSN. No automatic integrations (they
 * would attach request headers, cookies, bodies and addresses); every event carries the request id
 * and route pattern, and `scrubEvent` removes personal data before it leaves.
 */
export async function createErrorReporter(options: {
  dsn: string | undefined;
  environment: string;
  release: string;
}): Promise<ErrorReporter> {
  if (!options.dsn) return NO_ERROR_REPORTER;
  const Sentry = await import("@sentry/node");
  const client = new Sentry.NodeClient({
    dsn: options.dsn,
    environment: options.environment,
    release: options.release,
    transport: Sentry.makeNodeTransport,
    stackParser: Sentry.defaultStackParser,
    // Only the error's causes (a database error under a query error); none that reads requests.
    integrations: [Sentry.linkedErrorsIntegration()],
    sendClientReports: false,
    beforeBreadcrumb: () => null,
    beforeSend: (event) => scrubEvent(event),
  });
  client.init();
  return {
    capture(error, context) {
      const scope = new Sentry.Scope();
      scope.setClient(client);
      if ("task" in context) {
        scope.setTag("task", context.task);
      } else {
        scope.setTag("request_id", context.requestId);
        scope.setTag("route", context.route);
        scope.setContext("request", {
          requestId: context.requestId,
          method: context.method,
          route: context.route,
        });
      }
      client.captureException(error, { originalException: error }, scope);
    },
    async close(timeoutMs = 2000) {
      await client.close(timeoutMs);
    },
  };
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
/** Hex groups and colons; an IPv6 address when it has "::" or all eight groups (not a time like 12:34:56). */
const IPV6_CANDIDATE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])/g;
/** Drizzle appends a failed statement's parameters (user input) to its message. */
const QUERY_PARAMS = /\nparams: [\s\S]*$/;

/**
 * Replaces email addresses, IP addresses and link tokens (verify, reset) in a text, and drops a
 * failed query's parameters.
 */
export function redact(text: string): string {
  return redactSecrets(text)
    .replace(QUERY_PARAMS, "\nparams: [removed]")
    .replace(EMAIL, "[email]")
    .replace(IPV4, "[ip]")
    .replace(IPV6_CANDIDATE, (match) =>
      match.includes("::") || match.split(":").length === 8 ? "[ip]" : match,
    );
}

/**
 * Removes personal data from an event: no user, no request headers, cookies, body, query or
 * address, no breadcrumbs or extra data; emails and IP addresses in any remaining text redacted.
 */
export function scrubEvent(event: ErrorEvent): ErrorEvent {
  delete event.user;
  delete event.request;
  delete event.breadcrumbs;
  delete event.extra;
  delete event.server_name;
  return redactDeep(event, 0) as ErrorEvent;
}

function redactDeep(value: unknown, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  if (depth > 12 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = redactDeep(item, depth + 1);
  return copy;
}
