import { createHash, timingSafeEqual } from "node:crypto";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { errorBody } from "./http/errors.js";
import type { App } from "./http/server.js";

export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

/** This node's Prometheus metrics: one registry per app, so two apps in one process stay apart. */
export interface Metrics {
  registry: Registry;
  /** A gauge read when Prometheus scrapes (a count from the database, a size in memory). */
  gauge(options: {
    name: string;
    help: string;
    labelNames?: readonly string[];
    read(): Promise<readonly Sample[]> | readonly Sample[];
  }): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    gauge({ name, help, labelNames = [], read }) {
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          const samples = await read();
          this.reset();
          for (const sample of samples) this.set(sample.labels ?? {}, sample.value);
        },
      });
    },
  };
}

/**
 * Latency of every HTTP request by method, route pattern (never the raw URL: ids in paths would
 * make a series per reading) and status.
 */
export function registerHttpMetrics(app: App, metrics: Metrics): void {
  const duration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by route pattern.",
    labelNames: ["method", "route", "status_code"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

/**
 * GET /metrics in Prometheus text format, only with `Authorization: Bearer <token>` (compared in
 * constant time). Without a token configured the route does not exist (404).
 */
export function registerMetricsRoute(app: App, metrics: Metrics, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  app.get(
    "/metrics",
    // Public to the role guard (Prometheus has no session); the handler checks the bearer token.
    { config: { access: "public" }, schema: { hide: true } },
    async (request, reply) => {
      const header = request.headers.authorization ?? "";
      const given = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
      if (!timingSafeEqual(digest(given), expected)) {
        return reply
          .status(401)
          .header("www-authenticate", 'Bearer realm="metrics"')
          .send(errorBody("UNAUTHENTICATED", "A metrics token is needed.", request.id));
      }
      return reply
        .header("content-type", metrics.registry.contentType)
        .send(await metrics.registry.metrics());
    },
  );
}

/** Equal-length digests, so the comparison's time says nothing about the token's length. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}
