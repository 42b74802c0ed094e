import type { FastifyBaseLogger } from "fastify";
import pino from "pino";

/** Structured JSON logs on stdout; secrets in headers are redacted. */
export function createLogger(level: string): FastifyBaseLogger {
  return pino({
    level,
    redact: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
  });
}
